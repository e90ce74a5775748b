/**
 * A date reads the same wherever the account writes it: N/format (format.format, and record text on the
 * engine's side) and SuiteQL (TO_CHAR, date columns) share one formatter, for each of NetSuite's account
 * date formats (Set Preferences > Date Format).
 */
import createFormat = require('@employee-lifecycle/sandbox/runtime/modules/N-format');
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

test.each(CASES)('%s: N/format and SuiteQL both write %s', (fmt, expected) => {
  // A script's Date as its realm makes it: local fields are the account's wall time.
  const scriptDate = new Date(2026, 11, 3, 15, 4);
  expect(createFormat.formatDate(scriptDate, fmt)).toBe(expected);
  expect(formatAccountDate(Date.UTC(2026, 11, 3), fmt)).toBe(expected);
});
