/**
 * Oracle dates and numbers as SuiteQL sees them: wall-clock time in the account's zone, reading the ways
 * queries and data write dates, the account's date format, and Oracle's format models (TO_CHAR, TO_DATE).
 */
import { searchError } from './errors';

/** A value as SQLite hands it to a function or returns it in a row (undefined: an argument not passed). */
export type SqlValue = string | number | bigint | Buffer | null | undefined;

/** Prefix sb_out_date() puts on computed dates so the result formatter knows them. */
export const DATE_TAG = '\u0001D';

export const DAY_MS = 86400000;
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---------------------------------------------------------------------------------------------------
// Wall-clock time: a date/time in the account's zone, held as milliseconds of a UTC Date with the same
// fields. Canonical text form (what queries compare): 'YYYY-MM-DD' at midnight, else 'YYYY-MM-DD HH:MM:SS'.

export const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function canonical(wall: number): string {
  const d = new Date(wall);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!d.getUTCHours() && !d.getUTCMinutes() && !d.getUTCSeconds()) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** @param m 1-based */
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function wallOf(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, m - 1, d, h, mi, s);
}

/**
 * Reads dates written the ways queries and data write them. Returns wall time or null.
 * @param zonelessIsUtc stored DATETIMEs are UTC even without a Z; literals are wall time
 */
export function readDate(v: SqlValue, toWall: (ms: number) => number, dateFormat: string, zonelessIsUtc: boolean): number | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    if (m[7] || (zonelessIsUtc && m[4] !== undefined)) {
      const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4] || '00'}:${m[5] || '00'}:${m[6] || '00'}${m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z'}`);
      return Number.isNaN(ms) ? null : toWall(ms);
    }
    return wallOf(+m[1], +m[2], +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
  }
  // The account's format: M/D/YYYY, D/M/YYYY, D.M.YYYY, YYYY/M/D …, optionally with "h:mm[:ss] [am|pm]".
  m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i.exec(s);
  if (m) {
    const order = dateFormat.toUpperCase().replace(/[^YMD]/g, '').replace(/(.)\1+/g, '$1');
    const [a, b, c] = [+m[1], +m[2], +m[3]];
    let y: number, mo: number, d: number;
    if (m[1].length === 4 || order.startsWith('Y')) [y, mo, d] = [a, b, c];
    else if (order.startsWith('D')) [d, mo, y] = [a, b, c];
    else [mo, d, y] = [a, b, c];
    let h = +(m[4] || 0);
    if (m[7]) h = (h % 12) + (/^p/i.test(m[7]) ? 12 : 0);
    return wallOf(y, mo, d, h, +(m[5] || 0), +(m[6] || 0));
  }
  // Oracle's default 'DD-MON-YYYY' / 'DD-MON-RR'.
  const dm = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(s);
  if (dm) {
    const mo = MONTHS.findIndex((x) => x.slice(0, 3).toLowerCase() === dm[2].toLowerCase()) + 1;
    const y = dm[3].length === 2 ? (Number(dm[3]) < 50 ? 2000 : 1900) + Number(dm[3]) : Number(dm[3]);
    return mo ? wallOf(y, mo, +dm[1]) : null;
  }
  return null;
}

/** The account's date format (M/D/YYYY, DD/MM/YYYY, YYYY-MM-DD, DD-Mon-YYYY, DD MONTH, YYYY …). */
export function formatAccountDate(wall: number, fmt: string): string {
  const d = new Date(wall);
  const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate();
  return fmt.replace(/YYYY|YY|MONTH|Month|MON|Mon|MM|M|DD|D/g, (t) => {
    switch (t) {
      case 'YYYY': return String(y);
      case 'YY': return pad(y % 100);
      case 'MONTH': return MONTHS[mo].toUpperCase();
      case 'Month': return MONTHS[mo];
      case 'MON': return MONTHS[mo].slice(0, 3).toUpperCase();
      case 'Mon': return MONTHS[mo].slice(0, 3);
      case 'MM': return pad(mo + 1);
      case 'M': return String(mo + 1);
      case 'DD': return pad(day);
      default: return String(day);
    }
  });
}

/**
 * Reads text written in the account's date format (formatAccountDate's tokens), optionally followed by a
 * time "h:mm[:ss] [am|pm]": the inverse of what every surface writes. Returns wall time, or null.
 */
export function parseAccountDate(text: string, fmt: string): number | null {
  const fields: string[] = [];
  const source = fmt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/YYYY|YY|MONTH|Month|MON|Mon|MM|M|DD|D/g, (t) => {
    fields.push(t);
    if (t === 'YYYY') return '(\\d{4})';
    if (/^mon/i.test(t)) return '([A-Za-z]+)';
    return t.length === 2 ? '(\\d{2})' : '(\\d{1,2})';
  });
  const m = new RegExp(`^${source}(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?)?$`, 'i').exec(text.trim());
  if (!m) return null;
  let y = NaN, mo = NaN, d = NaN;
  fields.forEach((t, i) => {
    const v = m[i + 1];
    if (t === 'YYYY') y = Number(v);
    else if (t === 'YY') y = 2000 + Number(v);
    else if (/^mon/i.test(t)) mo = MONTHS.findIndex((x) => (t.length === 3 ? x.slice(0, 3) : x).toLowerCase() === v.toLowerCase()) + 1;
    else if (t[0] === 'M') mo = Number(v);
    else d = Number(v);
  });
  const at = fields.length;
  let h = Number(m[at + 1] || 0);
  if (m[at + 4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/^p/i.test(m[at + 4]) ? 12 : 0);
  }
  return wallOf(y, mo, d, h, Number(m[at + 2] || 0), Number(m[at + 3] || 0));
}

/** 'h:mm am', as NetSuite's default time format. */
export function formatTime(wall: number): string {
  const d = new Date(wall);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())} ${h < 12 ? 'am' : 'pm'}`;
}

// ---------------------------------------------------------------------------------------------------
// The account clock: its zone, date format and the time a running statement reads

export interface Clock {
  toWall: (ms: number) => number;
  dateFormat: string;
  now: () => Date;
  /** The clock as the running statement read it: constant within a statement, as Oracle's SYSDATE is. */
  statementWall: number;
  /** Date.now() past which the running statement stops (0: none); sb_deadline() checks it. */
  deadline: number;
  /** Stops the running statement when it says so (a SuiteQL process whose server is gone). */
  stopIf?: () => boolean;
}

export const nowWall = (c: Clock): number => c.statementWall || c.toWall(c.now().getTime());

export const wallOfLiteral = (c: Clock, v: SqlValue): number | null => readDate(v, c.toWall, c.dateFormat, false);

export function needDate(c: Clock, v: SqlValue, fn: string): number {
  const w = wallOfLiteral(c, v);
  if (w === null) throw searchError(`${fn}: '${String(v)}' is not a date.`);
  return w;
}

// ---------------------------------------------------------------------------------------------------
// Oracle format models (TO_CHAR, TO_DATE)

const FORMAT_TOKEN = /"[^"]*"|FM|FX|SSSSS|YYYY|RRRR|YYY|YY|RR|Y|MONTH|MON|MM|DDD|DD|DAY|DY|D|HH24|HH12|HH|MI|SS|FF[1-9]?|A\.M\.|P\.M\.|AM|PM|Q|WW|IW|W|J|TH|SP|[^A-Za-z"]+|[A-Za-z]/gi;

const formatTokens = (fmt: string): string[] => fmt.match(FORMAT_TOKEN) || [];

/** UPPER, Capitalized or lower, following the format element. */
function caseLike(tok: string, text: string): string {
  if (tok === tok.toUpperCase()) return text.toUpperCase();
  if (tok[0] === tok[0].toUpperCase()) return text[0].toUpperCase() + text.slice(1).toLowerCase();
  return text.toLowerCase();
}

export function oracleFormatDate(wall: number, fmt: string): string {
  const d = new Date(wall);
  const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate(), h = d.getUTCHours(), mi = d.getUTCMinutes(), s = d.getUTCSeconds();
  const dow = d.getUTCDay();
  const doy = Math.floor((wall - Date.UTC(y, 0, 1)) / DAY_MS) + 1;
  let fill = true;
  let out = '';
  const numf = (n: number, w: number) => (fill ? pad(n, w) : String(n));
  for (const tok of formatTokens(fmt)) {
    const u = tok.toUpperCase();
    switch (u) {
      case 'FM': fill = !fill; break;
      case 'FX': case 'TH': case 'SP': break;
      case 'YYYY': case 'RRRR': out += pad(y, 4); break;
      case 'YYY': out += pad(y % 1000, 3); break;
      case 'YY': case 'RR': out += pad(y % 100); break;
      case 'Y': out += String(y % 10); break;
      case 'MONTH': out += caseLike(tok, fill ? MONTHS[mo].padEnd(9) : MONTHS[mo]); break;
      case 'MON': out += caseLike(tok, MONTHS[mo].slice(0, 3)); break;
      case 'MM': out += numf(mo + 1, 2); break;
      case 'DDD': out += numf(doy, 3); break;
      case 'DD': out += numf(day, 2); break;
      case 'DAY': out += caseLike(tok, fill ? DAYS[dow].padEnd(9) : DAYS[dow]); break;
      case 'DY': out += caseLike(tok, DAYS[dow].slice(0, 3)); break;
      case 'D': out += String(dow + 1); break;
      case 'HH': case 'HH12': out += numf(h % 12 === 0 ? 12 : h % 12, 2); break;
      case 'HH24': out += numf(h, 2); break;
      case 'MI': out += numf(mi, 2); break;
      case 'SS': out += numf(s, 2); break;
      case 'SSSSS': out += numf(h * 3600 + mi * 60 + s, 5); break;
      case 'AM': case 'PM': out += caseLike(tok, h < 12 ? 'AM' : 'PM'); break;
      case 'A.M.': case 'P.M.': out += caseLike(tok, h < 12 ? 'A.M.' : 'P.M.'); break;
      case 'Q': out += String(Math.floor(mo / 3) + 1); break;
      case 'WW': out += numf(Math.floor((doy - 1) / 7) + 1, 2); break;
      case 'W': out += String(Math.floor((day - 1) / 7) + 1); break;
      case 'IW': {
        const t = new Date(Date.UTC(y, mo, day));
        t.setUTCDate(t.getUTCDate() + 3 - ((t.getUTCDay() + 6) % 7));
        const week1 = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
        out += numf(1 + Math.round(((t.getTime() - week1.getTime()) / DAY_MS - 3 + ((week1.getUTCDay() + 6) % 7)) / 7), 2);
        break;
      }
      case 'J': out += String(Math.floor(wall / DAY_MS) + 2440588); break;
      default:
        if (u.startsWith('FF')) out += '0'.repeat(Number(u.slice(2)) || 6);
        else if (tok.startsWith('"')) out += tok.slice(1, -1);
        else out += tok;
    }
  }
  return out;
}

/**
 * TO_DATE(text, fmt) the lenient way Oracle reads it: numbers may be shorter than their element,
 * any punctuation matches any punctuation; missing year/month default to the current ones, day to 1.
 */
export function oracleParseDate(text: string, fmt: string, nowWall: number): number {
  const now = new Date(nowWall);
  let y = now.getUTCFullYear(), mo = now.getUTCMonth() + 1, d = 1, h = 0, mi = 0, s = 0;
  let pm: boolean | null = null;
  let pos = 0;
  const fail = () => searchError(`The date '${text}' does not match the format '${fmt}'.`);
  const digits = (max: number) => {
    const m = new RegExp(`^\\d{1,${max}}`).exec(text.slice(pos));
    if (!m) throw fail();
    pos += m[0].length;
    return { value: Number(m[0]), length: m[0].length };
  };
  const name = (names: string[]) => {
    const rest = text.slice(pos).toLowerCase();
    for (const n of names) {
      for (const cand of [n.toLowerCase(), n.slice(0, 3).toLowerCase()]) {
        if (rest.startsWith(cand)) { pos += cand.length; return names.indexOf(n); }
      }
    }
    throw fail();
  };
  for (const tok of formatTokens(fmt)) {
    const u = tok.toUpperCase();
    switch (u) {
      case 'FM': case 'FX': case 'TH': case 'SP': break;
      case 'YYYY': case 'RRRR': case 'YYY': y = digits(4).value; break;
      case 'YY': case 'RR': {
        const r = digits(2);
        y = r.length > 2 ? r.value : u === 'RR' ? (r.value < 50 ? 2000 : 1900) + r.value : Math.floor(y / 100) * 100 + r.value;
        break;
      }
      case 'MM': mo = digits(2).value; break;
      case 'MON': case 'MONTH': mo = name(MONTHS) + 1; break;
      case 'DD': d = digits(2).value; break;
      case 'DY': case 'DAY': name(DAYS); break;
      case 'HH': case 'HH12': h = digits(2).value; if (pm === null) pm = false; break;
      case 'HH24': h = digits(2).value; break;
      case 'MI': mi = digits(2).value; break;
      case 'SS': s = digits(2).value; break;
      case 'AM': case 'PM': case 'A.M.': case 'P.M.': {
        const m = /^([ap])\.?m\.?/i.exec(text.slice(pos));
        if (!m) throw fail();
        pm = m[1].toLowerCase() === 'p';
        pos += m[0].length;
        break;
      }
      default:
        if (u.startsWith('FF')) { const m = /^\d*/.exec(text.slice(pos)); pos += m ? m[0].length : 0; }
        else if (tok.startsWith('"')) {
          const lit = tok.slice(1, -1);
          if (text.slice(pos, pos + lit.length).toLowerCase() !== lit.toLowerCase()) throw fail();
          pos += lit.length;
        } else if (/^[^A-Za-z0-9]+$/.test(tok)) {
          while (pos < text.length && /[^A-Za-z0-9]/.test(text[pos])) pos++;
        } else throw searchError(`TO_DATE format element '${tok}' is not supported by the sandbox.`);
    }
  }
  if (text.slice(pos).trim()) throw fail();
  if (pm !== null) {
    if (h < 1 || h > 12) throw fail();
    h = (h % 12) + (pm ? 12 : 0);
  }
  const wall = wallOf(y, mo, d, h, mi, s);
  if (wall === null) throw fail();
  return wall;
}

/** TO_CHAR of a number with a 9/0 format model: '999.99', '0000', 'FM9990.00'. */
export function oracleFormatNumber(n: number, fmt: string): string {
  const fm = /^FM/i.test(fmt);
  const model = fmt.replace(/^FM/i, '');
  if (!/^[90,.]+$/.test(model)) return String(n);
  const [intPart, decPart = ''] = model.split('.');
  const decimals = decPart.length;
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole, f] = fixed.split('.');
  let i = whole;
  const minInt = (intPart.replace(/,/g, '').match(/0.*$/) || [''])[0].length;
  if (i === '0' && minInt === 0 && decimals) i = '';
  i = i.padStart(minInt, '0');
  if (i.replace(/^0+/, '').length > intPart.replace(/,/g, '').length) return '#'.repeat(model.length + 1);
  const text = `${n < 0 ? '-' : fm ? '' : ' '}${i}${decimals ? `.${f}` : ''}`;
  return text;
}
