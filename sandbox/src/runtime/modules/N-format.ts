/**
 * N/format: dates and datetimes in the account's format, numbers and checkboxes. Dates use the script's
 * local time, as records do. Dates are written by the same code as SuiteQL's (suiteql/oracle-format), so a
 * date reads the same in both; parse() reads M/D/YYYY, D/M/YYYY and YYYY-MM-DD.
 */
import { options, required } from '../expose';
import type { Invocation } from '../invocation';
import { sandboxError } from '../../errors';
import { formatAccountDate, formatTime as formatWallTime } from '../../suiteql/oracle-format';
import { asText as text } from '../../text';

const Type = { DATE: 'date', DATETIME: 'datetime', DATETIMETZ: 'datetimetz', TIMEOFDAY: 'timeofday', CHECKBOX: 'checkbox', INTEGER: 'integer', FLOAT: 'float', CURRENCY: 'currency', TEXT: 'text', EMAIL: 'email', URL: 'url', PERCENT: 'percent' };

/** A date's local fields in the account's date format (any of NetSuite's: M/D/YYYY, DD-Mon-YYYY, D MONTH, YYYY …). */
function formatDate(d: Date, fmt: string): string {
  return formatAccountDate(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()), fmt);
}

function formatTime(d: Date): string {
  return formatWallTime(Date.UTC(1970, 0, 1, d.getHours(), d.getMinutes()));
}

function parseDate(s: string, fmt: string, make: (ms: number) => Date): Date {
  const t = s.trim();
  let y: string, m: string, d: string, rest: string | undefined;
  let mt: RegExpExecArray | null;
  if ((mt = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(t))) [, y, m, d, rest] = mt;
  else if ((mt = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(.*)$/.exec(t))) {
    [, m, d, y, rest] = mt;
    if (fmt === 'D/M/YYYY') [m, d] = [d, m];
  } else throw sandboxError('INVALID_FLD_VALUE', `Invalid date value ${s}: expected ${fmt}.`);
  let hours = 0, minutes = 0;
  const tm = /^\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm)?$/i.exec(rest || '');
  if (tm) {
    hours = Number(tm[1]) % 12 + (tm[3] && tm[3].toLowerCase() === 'pm' ? 12 : 0);
    if (!tm[3]) hours = Number(tm[1]);
    minutes = Number(tm[2]);
  }
  return make(new Date(Number(y), Number(m) - 1, Number(d), hours, minutes).getTime());
}

function createFormat(inv: Invocation) {
  const fmt = inv.engine.settings.dateFormat;
  return {
    Type,
    Timezone: {},
    format(...a: unknown[]): string {
      const o = options(a, ['value', 'type']);
      const type = String(required(o, 'type', 'format.format')).toLowerCase();
      const v: unknown = o.value;
      // A date or datetime value is a Date of the script's realm (instanceof fails across realms, so it is not
      // checked): anything else fails here with the host's TypeError, as before.
      if (type === Type.DATE) return formatDate(v as Date, fmt);
      if (type === Type.DATETIME || type === Type.DATETIMETZ) return `${formatDate(v as Date, fmt)} ${formatTime(v as Date)}`;
      if (type === Type.CHECKBOX) return v ? 'T' : 'F';
      return v == null ? '' : text(v);
    },
    parse(...a: unknown[]): Date | boolean | number | string {
      const o = options(a, ['value', 'type']);
      const type = String(required(o, 'type', 'format.parse')).toLowerCase();
      const v: unknown = o.value;
      if (type === Type.DATE || type === Type.DATETIME || type === Type.DATETIMETZ) return parseDate(String(v), fmt, (ms) => inv.realm.date(ms));
      if (type === Type.CHECKBOX) return v === 'T' || v === true;
      if (type === Type.INTEGER) return parseInt(String(v), 10);
      if (type === Type.FLOAT || type === Type.CURRENCY || type === Type.PERCENT) return parseFloat(String(v));
      return String(v);
    },
  };
}

// The engine formats record dates with formatDate (engine.ts imports it by name).
createFormat.formatDate = formatDate;

export = createFormat;
