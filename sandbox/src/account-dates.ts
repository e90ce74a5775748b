/**
 * Account dates and times as text, for every surface that writes or reads them: N/format, a record's
 * getText/setText, N/search text, the UI, and (through suiteql/oracle-format, which works on wall time)
 * SuiteQL. NetSuite writes a date in the account's Date Format preference wherever it writes text; a
 * script's Date carries the account's wall time in its local fields (records/values.ts).
 */
import { sandboxError } from './errors';
import { formatAccountDate, formatTime, parseAccountDate, readDate } from './suiteql/oracle-format';

const wallOf = (d: Date, withTime: boolean): number =>
  Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), withTime ? d.getHours() : 0, withTime ? d.getMinutes() : 0);

/** A date's local fields in the account's format (M/D/YYYY, DD-Mon-YYYY, D MONTH, YYYY …). */
export function dateText(d: Date, fmt: string): string {
  return formatAccountDate(wallOf(d, false), fmt);
}

/** The date, then NetSuite's default time format 'h:mm am'. */
export function dateTimeText(d: Date, fmt: string): string {
  return `${dateText(d, fmt)} ${formatTime(wallOf(d, true))}`;
}

/**
 * Text in the account's format (or ISO YYYY-MM-DD, which every format also reads) as a Date whose local
 * fields are the wall time; make builds the Date (a script realm's own). Anything else: INVALID_FLD_VALUE.
 */
export function parseDateText(text: string, fmt: string, make: (ms: number) => Date): Date {
  const s = String(text).trim();
  const wall = parseAccountDate(s, fmt) ?? (/^\d{4}-\d{2}-\d{2}/.test(s) ? readDate(s, (ms) => ms, fmt, false) : null);
  if (wall === null) throw sandboxError('INVALID_FLD_VALUE', `Invalid date value ${s}: expected ${fmt}.`);
  const w = new Date(wall);
  return make(new Date(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds()).getTime());
}
