/**
 * A date reads the same wherever the account writes it: N/format (format.format, and record text on the
 * engine's side) and SuiteQL (TO_CHAR, date columns) share one formatter, for each of NetSuite's account
 * date formats (Set Preferences > Date Format).
 */
import { dateText, parseDateText } from '@employee-lifecycle/sandbox/account-dates';
import { formatAccountDate } from '@employee-lifecycle/sandbox/suiteql/oracle-format';

const CASES: Array<[string, string]> = [
  ['M/D/YYYY', '12/3/2026'],
  ['D/M/YYYY', '3/12/2026'],
  ['D.M.YYYY', '3.12.2026'],
  ['D-Mon-YYYY', '3-Dec-2026'],
  ['DD-Mon-YYYY', '03-Dec-2026'],
  ['D-MONTH-YYYY', '3-DECEMBER-2026'],
  ['D MONTH, YYYY', '3 DECEMBER, 2026'],
  ['YYYY/M/D', '2026/12/3'],
  ['YYYY-MM-DD', '2026-12-03'],
  ['DD/MM/YYYY', '03/12/2026'],
];

test.each(CASES)('%s: account-dates (N/format, records) and SuiteQL both write %s', (fmt, expected) => {
  // A script's Date as its realm makes it: local fields are the account's wall time.
  const scriptDate = new Date(2026, 11, 3, 15, 4);
  expect(dateText(scriptDate, fmt)).toBe(expected);
  expect(formatAccountDate(Date.UTC(2026, 11, 3), fmt)).toBe(expected);
});

test.each(CASES)('%s: what is written reads back as the same date and time (%s)', (fmt, expected) => {
  const back = parseDateText(expected, fmt, (ms) => new Date(ms));
  expect([back.getFullYear(), back.getMonth(), back.getDate()]).toEqual([2026, 11, 3]);
  const withTime = parseDateText(`${expected} 3:04 pm`, fmt, (ms) => new Date(ms));
  expect([withTime.getDate(), withTime.getHours(), withTime.getMinutes()]).toEqual([3, 15, 4]);
});

test.each([
  ['D/M/YYYY', '31/2/2026'],
  ['M/D/YYYY', '13/1/2026'],
  ['DD-Mon-YYYY', '03-Dek-2026'],
  ['D/M/YYYY', '2026/12/3 25:00'],
  ['D/M/YYYY', '3/12/2026 13:00 pm'],
])('%s refuses %s with the format it expects', (fmt, text) => {
  expect(() => parseDateText(text, fmt, (ms) => new Date(ms))).toThrow(expect.objectContaining({ name: 'INVALID_FLD_VALUE', message: expect.stringContaining(`expected ${fmt}`) }));
});
