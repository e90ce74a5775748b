/**
 * N/format: dates and datetimes in the account's format, numbers and checkboxes. Dates use the script's
 * local time, as records do. Dates are written and read by account-dates.ts, as on every other surface;
 * parse() reads what format() writes, and YYYY-MM-DD.
 */
import { options, required } from '../expose';
import type { Invocation } from '../invocation';
import { dateText, dateTimeText, parseDateText } from '../../account-dates';
import { asText as text } from '../../text';

const Type = { DATE: 'date', DATETIME: 'datetime', DATETIMETZ: 'datetimetz', TIMEOFDAY: 'timeofday', CHECKBOX: 'checkbox', INTEGER: 'integer', FLOAT: 'float', CURRENCY: 'currency', TEXT: 'text', EMAIL: 'email', URL: 'url', PERCENT: 'percent' };

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
      if (type === Type.DATE) return dateText(v as Date, fmt);
      if (type === Type.DATETIME || type === Type.DATETIMETZ) return dateTimeText(v as Date, fmt);
      if (type === Type.CHECKBOX) return v ? 'T' : 'F';
      return v == null ? '' : text(v);
    },
    parse(...a: unknown[]): Date | boolean | number | string {
      const o = options(a, ['value', 'type']);
      const type = String(required(o, 'type', 'format.parse')).toLowerCase();
      const v: unknown = o.value;
      if (type === Type.DATE || type === Type.DATETIME || type === Type.DATETIMETZ) return parseDateText(String(v), fmt, (ms) => inv.realm.date(ms));
      if (type === Type.CHECKBOX) return v === 'T' || v === true;
      if (type === Type.INTEGER) return parseInt(String(v), 10);
      if (type === Type.FLOAT || type === Type.CURRENCY || type === Type.PERCENT) return parseFloat(String(v));
      return String(v);
    },
  };
}

export = createFormat;
