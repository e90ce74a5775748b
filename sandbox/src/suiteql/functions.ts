/**
 * SuiteQL's functions: how each Oracle function is written in SQLite (the rewriter calls callFunction,
 * builtin and listagg for a call it meets), and the sb_* functions with Oracle semantics that the
 * rewritten SQL calls, registered on the connection by run.ts.
 */
import { LIMITS } from '../limits';
import type { Database } from 'better-sqlite3';
import { searchError, unsupported } from './errors';
import { isKw, raw, splitTopComma } from './lexer';
import type { Tok, Group, Node } from './lexer';
import { processExpr, resolveColumn, bareReference, checkName } from './rewrite';
import type { Scope, Context } from './rewrite';
import {
  DAY_MS, DATE_TAG, canonical, daysInMonth, readDate, formatAccountDate, oracleFormatDate, oracleParseDate, oracleFormatNumber,
  nowWall, wallOfLiteral, needDate,
} from './oracle-format';
import type { Clock, SqlValue } from './oracle-format';

// ---------------------------------------------------------------------------------------------------
// Translation: Oracle calls → SQLite (or sb_*) calls

/**
 * BUILTIN.DF(alias.col): the display value of a select field.
 */
export function builtin(name: string, group: Group, scope: Scope, ctx: Context): Node {
  if (name === 'BUILTIN.RELATIVE_RANGES') return relativeRange(group);
  if (name !== 'BUILTIN.DF') throw unsupported(`${name} is not supported by the sandbox (it supports BUILTIN.DF and BUILTIN.RELATIVE_RANGES).`);
  const args = splitTopComma(group.items);
  if (args.length !== 1) throw unsupported(`BUILTIN.DF takes one field, got ${args.length}.`);
  const arg = processExpr(args[0], scope, ctx, {});
  const ref = bareReference(args[0]);
  if (!ref) return raw(['CAST(', arg.items, ' AS TEXT)']);
  const { source } = resolveColumn(scope, ref.qualifier, ref.col);
  const meta = source && source.table ? ctx.tableMeta(source.table) : null;
  const target = meta && meta.selects && meta.selects[ref.col];
  const targetMeta = target ? ctx.tableMeta(target) : null;
  if (!target || !targetMeta || !targetMeta.display) return raw(['CAST(', arg.items, ' AS TEXT)']);
  const alias = `sb_df${++ctx.dfCount}`;
  const display = /^[a-z_][a-z0-9_]*$/i.test(targetMeta.display) ? `${alias}.${targetMeta.display}` : targetMeta.display;
  // Inside the subquery an unqualified column would name the target's own (employee.supervisor → the
  // supervisor's supervisor): qualify it with the outer source.
  const outer = !ref.qualifier && source && /^[a-z_][a-z0-9_]*$/i.test(source.alias) ? `${source.alias}.${ref.col}` : arg.items;
  return raw([`(SELECT ${display} FROM ${target} ${alias} WHERE ${alias}.id = `, outer, ')']);
}

/** Relative date ranges the sandbox computes (query.RelativeDateRange ids); others are refused by name. */
const RELATIVE_RANGES = new Set(['TODAY', 'YESTERDAY', 'TOMORROW']);

/**
 * BUILTIN.RELATIVE_RANGES('TODAY', 'START' | 'END' [, 'DATE' | 'DATETIME_AS_DATE']) (article_1029114825): the
 * first or last moment of the range on the account clock, in the account's time zone. Assumed (FIDELITY.md,
 * SuiteQL language and results: "RELATIVE_RANGES in the account's time zone").
 */
function relativeRange(group: Group): Node {
  const args = splitTopComma(group.items);
  const text = (a: Node[] | undefined) => (a && a.length === 1 && a[0].t === 'str' ? String(a[0].name).toUpperCase() : null);
  const [id, which, flag] = [text(args[0]), text(args[1]), args[2] ? text(args[2]) : 'DATE'];
  if (args.length < 2 || args.length > 3 || !id || !which) {
    throw unsupported("BUILTIN.RELATIVE_RANGES takes a range id and 'START' or 'END' as string literals, e.g. BUILTIN.RELATIVE_RANGES('TODAY', 'START').");
  }
  if (!RELATIVE_RANGES.has(id)) throw unsupported(`BUILTIN.RELATIVE_RANGES: the sandbox computes the ranges ${[...RELATIVE_RANGES].join(', ')}, not '${id}'.`);
  if (which !== 'START' && which !== 'END') throw unsupported(`BUILTIN.RELATIVE_RANGES: the range type is 'START' or 'END', not '${which}'.`);
  if (flag !== 'DATE' && flag !== 'DATETIME_AS_DATE') throw unsupported(`BUILTIN.RELATIVE_RANGES: the sandbox supports the date flags 'DATE' and 'DATETIME_AS_DATE', not '${flag}'.`);
  return raw([`sb_relative_range('${id}', '${which}')`], true);
}

/**
 * LISTAGG(expr [, delimiter]) [WITHIN GROUP (ORDER BY …)] → SQLite group_concat(expr, delimiter ORDER BY …).
 * Oracle's delimiter defaults to none (group_concat's to a comma).
 */
export function listagg(group: Group, within: Group | null, scope: Scope, ctx: Context): Node {
  const args = splitTopComma(group.items).map((a) => processExpr(a, scope, ctx, {}));
  if (args.length < 1 || args.length > 2) throw unsupported(`LISTAGG takes an expression and an optional delimiter, got ${args.length} arguments.`);
    const parts: Array<string|Node[]> = ['group_concat(', args[0].items, ', ', args[1] ? args[1].items : "''"];
  if (within) {
    const [orderKw, byKw, ...rest] = within.items;
    if (!isKw(orderKw, 'ORDER') || !isKw(byKw, 'BY') || !rest.length) throw unsupported('LISTAGG … WITHIN GROUP takes (ORDER BY expression [ASC|DESC], …).');
    parts.push(' ORDER BY ', processExpr(rest, scope, ctx, {}).items);
  }
  parts.push(')');
  return raw(parts);
}

/**
 * A function call, mapped to SQLite or to an sb_* function with Oracle semantics.
 */
export function callFunction(nameTok: Tok, group: Group, scope: Scope, ctx: Context): Node {
  checkName(nameTok);
  const u = (nameTok.u as string);
  if (u === 'EXTRACT') {
    const [unit, fromKw, ...rest] = group.items;
    if (!isKw(unit, 'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND') || !isKw(fromKw, 'FROM') || !rest.length) {
      throw unsupported('EXTRACT takes YEAR|MONTH|DAY|HOUR|MINUTE|SECOND FROM a date.');
    }
    return raw([`sb_extract('${(unit as Tok).u}', `, processExpr(rest, scope, ctx, {}).items, ')']);
  }
  if (u === 'CAST') return raw([nameTok.v, '(', processExpr(group.items, scope, ctx, {}).items, ')']);
  const args = splitTopComma(group.items).map((a) => processExpr(a, scope, ctx, {}));
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) {
      throw unsupported(`${u} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}.`);
    }
  };
  const a = (k: number) => args[k].items;
  const opt = (k: number): Array<string | Node[]> => (args[k] ? [a(k)] : ['NULL']);
  const call = (fn: string): Array<string | Node[]> => {
        const parts: Array<string|Node[]> = [`${fn}(`];
    args.forEach((x, k) => { if (k) parts.push(', '); parts.push(x.items); });
    parts.push(')');
    return parts;
  };
  const anyDate = args.some((x) => x.date);
  switch (u) {
    case 'NVL': arity(2); return raw(call('COALESCE'), anyDate);
    case 'COALESCE': return raw(call('COALESCE'), anyDate);
    case 'NVL2': arity(3); return raw(['(CASE WHEN ', a(0), ' IS NOT NULL THEN ', a(1), ' ELSE ', a(2), ' END)'], args[1].date || args[2].date);
    case 'DECODE': {
      if (args.length < 3) throw unsupported(`DECODE takes an expression and at least one search/result pair, got ${args.length} arguments.`);
            const parts: Array<string|Node[]> = ['(CASE'];
      let k = 1;
      for (; k + 1 < args.length; k += 2) parts.push(' WHEN ', a(0), ' IS ', a(k), ' THEN ', a(k + 1));
      if (k < args.length) parts.push(' ELSE ', a(k));
      parts.push(' END)');
      return raw(parts);
    }
    case 'GREATEST': return raw(call('MAX'), anyDate);
    case 'LEAST': return raw(call('MIN'), anyDate);
    case 'MIN': case 'MAX': return raw(call(u), anyDate);
    case 'TO_DATE': case 'TO_TIMESTAMP': arity(1, 3); return raw(['sb_to_date(', a(0), ', ', ...opt(1), ')'], true);
    case 'TO_CHAR': arity(1, 3); return raw(['sb_to_char(', a(0), ', ', ...opt(1), `, ${args[0].date ? 1 : 0})`]);
    case 'TRUNC': {
      arity(1, 2);
      const fmt = group.items.length && args[1] && args[1].items.length === 1 && args[1].items[0].t === 'str';
      return raw(['sb_trunc(', a(0), ', ', ...opt(1), ')'], args[0].date || !!fmt);
    }
    case 'ADD_MONTHS': arity(2); return raw(call('sb_add_months'), true);
    case 'LAST_DAY': arity(1); return raw(call('sb_last_day'), true);
    case 'MONTHS_BETWEEN': arity(2); return raw(call('sb_months_between'));
    case 'SUBSTR': case 'SUBSTRING': arity(2, 3); return raw(call('sb_substr'));
    case 'INSTR': arity(2, 4); return raw(call('sb_instr'));
    case 'LPAD': arity(2, 3); return raw(call('sb_lpad'));
    case 'RPAD': arity(2, 3); return raw(call('sb_rpad'));
    case 'INITCAP': arity(1); return raw(call('sb_initcap'));
    case 'TO_NUMBER': arity(1, 3); return raw(['sb_to_number(', a(0), ')']);
    case 'REGEXP_LIKE': arity(2, 3); return raw(call('sb_regexp_like'));
    case 'CONCAT': arity(2); return raw(call('CONCAT'));
    default: return raw(call(nameTok.v), false);
  }
}

// ---------------------------------------------------------------------------------------------------
// The sb_* functions the rewritten SQL calls

function needNumber(v: SqlValue, fn: string): number {
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (v === '' || !Number.isFinite(n)) throw searchError(`${fn}: '${String(v)}' is not a number.`);
  return n;
}

/** Registers the sb_* functions on the connection (an argument left out arrives as undefined). */
/** Thrown by sb_deadline() inside a statement past its time limit; run.ts answers SSS_SEARCH_TIMEOUT. */
export class DeadlineError extends Error {}

export function registerFunctions(db: Database, c: Clock): void {
  const pure = { deterministic: true, varargs: true };
  const fn = (name: string, impl: (...a: SqlValue[]) => unknown, deterministic = true) => db.function(name, deterministic ? pure : { varargs: true }, impl);
  // In every SELECT core's WHERE (rewrite.ts): called per row, it reads the clock every 256 calls.
  let calls = 0;
  fn('sb_deadline', () => {
    if ((++calls & 255) === 0 && ((c.deadline && Date.now() > c.deadline) || c.stopIf?.())) throw new DeadlineError('SuiteQL time limit');
    return 1;
  }, false);
  const dateOut = (w: number) => canonical(Math.round(w / 1000) * 1000);
  const date = (v: SqlValue, what: string) => needDate(c, v, what);

  fn('sb_now', () => canonical(Math.floor(nowWall(c) / 1000) * 1000), false);
  fn('sb_relative_range', (id: SqlValue, which: SqlValue) => {
    const today = Math.floor(nowWall(c) / DAY_MS) * DAY_MS;
    const start = today + ({ TODAY: 0, YESTERDAY: -1, TOMORROW: 1 }[id as 'TODAY'] ?? 0) * DAY_MS;
    // END is the range's last second. Assumed (FIDELITY.md, SuiteQL language and results: "RELATIVE_RANGES in the
    // account's time zone; END is the range's last second").
    return canonical(which === 'END' ? start + DAY_MS - 1000 : start);
  }, false);
  fn('sb_dt', (v: SqlValue) => {
    const w = readDate(v, c.toWall, c.dateFormat, true);
    return w === null ? (v === undefined ? null : v) : canonical(w);
  });
  fn('sb_as_date', (v: SqlValue) => {
    if (typeof v !== 'string') return v === undefined ? null : v;
    const w = wallOfLiteral(c, v);
    return w === null ? v : canonical(w);
  });
  fn('sb_out_date', (v: SqlValue) => {
    if (v === null || v === undefined) return null;
    const w = wallOfLiteral(c, v);
    return w === null ? v : DATE_TAG + canonical(w);
  });
  fn('sb_to_date', (v: SqlValue, fmt: SqlValue) => {
    if (v === null || v === undefined || v === '') return null;
    if (fmt === null || fmt === undefined) return canonical(date(v, 'TO_DATE'));
    return canonical(oracleParseDate(String(v), String(fmt), nowWall(c)));
  }, false);
  fn('sb_to_char', (v: SqlValue, fmt: SqlValue, isDate: SqlValue) => {
    if (v === null || v === undefined) return null;
    const dateFmt = typeof fmt === 'string' && /Y|MON|DD|HH|MI|SS|DY|DAY|Q|IW|J/i.test(fmt);
    if (isDate || (typeof v === 'string' && dateFmt)) {
      const w = wallOfLiteral(c, v);
      if (w !== null) return fmt === null || fmt === undefined ? formatAccountDate(w, c.dateFormat) : oracleFormatDate(w, String(fmt));
      if (isDate) throw searchError(`TO_CHAR: '${String(v)}' is not a date.`);
    }
    if (typeof v === 'number' && typeof fmt === 'string') return oracleFormatNumber(v, fmt);
    return String(v);
  });
  fn('sb_trunc', (v: SqlValue, fmt: SqlValue) => {
    if (v === null || v === undefined) return null;
    const numeric = typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v));
    if (numeric && (fmt === null || fmt === undefined || typeof fmt === 'number' || /^-?\d+$/.test(String(fmt)))) {
      const f = 10 ** Number(fmt || 0);
      return Math.trunc(Number(v) * f) / f;
    }
    const w = date(v, 'TRUNC');
    const d = new Date(w);
    const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate();
    switch (String(fmt || 'DD').toUpperCase()) {
      case 'YYYY': case 'YEAR': case 'YY': case 'Y': case 'SYYYY': case 'RRRR': return canonical(Date.UTC(y, 0, 1));
      case 'Q': return canonical(Date.UTC(y, mo - (mo % 3), 1));
      case 'MM': case 'MON': case 'MONTH': case 'RM': return canonical(Date.UTC(y, mo, 1));
      case 'DD': case 'DDD': case 'J': return canonical(Date.UTC(y, mo, day));
      case 'IW': return canonical(Date.UTC(y, mo, day - ((d.getUTCDay() + 6) % 7)));
      case 'D': case 'DY': case 'DAY': return canonical(Date.UTC(y, mo, day - d.getUTCDay()));
      case 'HH': case 'HH12': case 'HH24': return canonical(Date.UTC(y, mo, day, d.getUTCHours()));
      case 'MI': return canonical(Date.UTC(y, mo, day, d.getUTCHours(), d.getUTCMinutes()));
      default: throw searchError(`TRUNC: date format '${String(fmt)}' is not supported.`);
    }
  });
  fn('sb_date_add', (d: SqlValue, days: SqlValue) => {
    if (d === null || d === undefined || days === null || days === undefined) return null;
    return dateOut(date(d, 'date arithmetic') + needNumber(days, 'date arithmetic') * DAY_MS);
  });
  fn('sb_date_diff', (a: SqlValue, b: SqlValue) => {
    if (a === null || a === undefined || b === null || b === undefined) return null;
    return (date(a, 'date arithmetic') - date(b, 'date arithmetic')) / DAY_MS;
  });
  fn('sb_add_months', (v: SqlValue, n: SqlValue) => {
    if (v === null || v === undefined || n === null || n === undefined) return null;
    const w = date(v, 'ADD_MONTHS');
    const d = new Date(w);
    const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1, day = d.getUTCDate();
    const total = y * 12 + (mo - 1) + Math.trunc(needNumber(n, 'ADD_MONTHS'));
    const ty = Math.floor(total / 12), tm = (total % 12) + 1;
    const last = daysInMonth(ty, tm);
    const td = day === daysInMonth(y, mo) || day > last ? last : day;
    return canonical(Date.UTC(ty, tm - 1, td) + (w % DAY_MS));
  });
  fn('sb_last_day', (v: SqlValue) => {
    if (v === null || v === undefined) return null;
    const w = date(v, 'LAST_DAY');
    const d = new Date(w);
    return canonical(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) + (w % DAY_MS));
  });
  fn('sb_months_between', (a: SqlValue, b: SqlValue) => {
    if (a === null || a === undefined || b === null || b === undefined) return null;
    const da = new Date(date(a, 'MONTHS_BETWEEN')), db2 = new Date(date(b, 'MONTHS_BETWEEN'));
    const months = (da.getUTCFullYear() - db2.getUTCFullYear()) * 12 + (da.getUTCMonth() - db2.getUTCMonth());
    const lastA = da.getUTCDate() === daysInMonth(da.getUTCFullYear(), da.getUTCMonth() + 1);
    const lastB = db2.getUTCDate() === daysInMonth(db2.getUTCFullYear(), db2.getUTCMonth() + 1);
    if (da.getUTCDate() === db2.getUTCDate() || (lastA && lastB)) return months;
    const frac = (da.getUTCDate() - db2.getUTCDate()) / 31 + ((da.getTime() % DAY_MS) - (db2.getTime() % DAY_MS)) / DAY_MS / 31;
    return months + frac;
  });
  fn('sb_extract', (unit: SqlValue, v: SqlValue) => {
    if (v === null || v === undefined) return null;
    const d = new Date(date(v, 'EXTRACT'));
    switch (unit) {
      case 'YEAR': return d.getUTCFullYear();
      case 'MONTH': return d.getUTCMonth() + 1;
      case 'DAY': return d.getUTCDate();
      case 'HOUR': return d.getUTCHours();
      case 'MINUTE': return d.getUTCMinutes();
      default: return d.getUTCSeconds();
    }
  });
  // Oracle string functions: 1-based positions, 0 read as 1, negative positions count from the end.
  fn('sb_substr', (s: SqlValue, p: SqlValue, n: SqlValue) => {
    if (s === null || s === undefined || p === null || p === undefined) return null;
    const str = String(s);
    let start = Math.trunc(Number(p));
    if (start === 0) start = 1;
    const from = start > 0 ? start - 1 : str.length + start;
    if (from < 0 || from >= str.length) return null;
    if (n === undefined) return str.slice(from);
    if (n === null || Number(n) < 1) return null;
    return str.slice(from, from + Math.trunc(Number(n))) || null;
  });
  fn('sb_instr', (s: SqlValue, sub: SqlValue, p: SqlValue = 1, occ: SqlValue = 1) => {
    if (s === null || s === undefined || sub === null || sub === undefined) return null;
    const str = String(s), needle = String(sub);
    const pos = Math.trunc(Number(p));
    let k = Math.trunc(Number(occ));
    if (pos === 0 || k < 1) throw searchError('INSTR: position must not be 0 and occurrence must be 1 or more.');
    if (pos > 0) {
      let at = pos - 2;
      while (k-- > 0) { at = str.indexOf(needle, at + 1); if (at < 0) return 0; }
      return at + 1;
    }
    let at = str.length + pos + 1;
    while (k-- > 0) { at = str.lastIndexOf(needle, at - 1); if (at < 0) return 0; }
    return at + 1;
  });
  const padder = (left: boolean) => (s: SqlValue, n: SqlValue, fill: SqlValue = ' ') => {
    if (s === null || s === undefined || n === null || n === undefined || fill === null) return null;
    const str = String(s), len = Math.trunc(Number(n)), f = String(fill);
    if (len < 1 || !f) return null;
    if (len > LIMITS.cellChars) throw searchError(`${left ? 'LPAD' : 'RPAD'}: a length of ${len} is more than the ${LIMITS.cellChars} characters one value may hold.`);
    if (str.length >= len) return str.slice(0, len);
    return left ? str.padStart(len, f) : str.padEnd(len, f);
  };
  fn('sb_lpad', padder(true));
  fn('sb_rpad', padder(false));
  fn('sb_initcap', (s: SqlValue) => (s === null || s === undefined ? null : String(s).toLowerCase().replace(/(^|[^a-z0-9])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())));
  fn('sb_to_number', (v: SqlValue) => (v === null || v === undefined || v === '' ? null : needNumber(v, 'TO_NUMBER')));
  fn('sb_regexp_like', (s: SqlValue, pattern: SqlValue, flags: SqlValue) => {
    if (s === null || s === undefined || pattern === null || pattern === undefined) return null;
    const f = String(flags || '');
    let re;
    try {
      re = new RegExp(String(pattern), `${f.includes('i') ? 'i' : ''}${f.includes('m') ? 'm' : ''}${f.includes('n') ? 's' : ''}`);
    } catch {
      throw searchError(`REGEXP_LIKE: '${String(pattern)}' is not a valid regular expression.`);
    }
    return re.test(String(s)) ? 1 : 0;
  });
}
