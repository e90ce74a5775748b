/**
 * Runs SuiteQL on the account's SQLite database: positional binds, NetSuite's row limits and paging, and
 * results formatted as NetSuite returns them (lowercase column names, dates in the account's date format,
 * checkboxes 'T'/'F'). The sb_* functions the rewritten SQL calls are registered from functions.ts.
 */
import type { Database, Statement } from 'better-sqlite3';
import { translate } from './rewrite';
import { SuiteQLError, searchError, unsupported, recordNotFound, unknownIdentifier, HIDDEN_NAME } from './errors';
import type { Translation } from './rewrite';
import type { SqlValue } from './oracle-format';
import { DAY_MS, DATE_TAG, canonical, readDate, formatAccountDate, formatTime, wallOfLiteral } from './oracle-format';
import { zoneClock } from '../zone-clock';
import type { Clock } from './oracle-format';
import { registerFunctions, DeadlineError } from './functions';
import { freshStatement } from '../storage/statements';

/** NetSuite's limits (facts sheet; Oracle help for runSuiteQL, runSuiteQLPaged, REST SuiteQL). */
export const LIMITS = {
  runSuiteQL: 5000,
  pageSizeMin: 5,
  pageSizeMax: 1000,
  maxPages: 1000,
  maxResults: 100000,
  restLimitMax: 1000,
  restLimitDefault: 1000,
};

// NetSuite behaviour the sandbox assumes, each decided in one place (each has its row in FIDELITY.md):
/** DATETIME columns come back as the date only, in the account's date format; set true for 'M/D/YYYY h:mm am'.
 *  Assumed (FIDELITY.md, SuiteQL language and results: "DATETIME columns show the date only"). */
export const DATETIME_RESULT_SHOWS_TIME: boolean = false;
/** REST items carry every value as a string ("id": "107") and leave out null columns; script results keep
 *  numbers as numbers. Assumed (FIDELITY.md, REST SuiteQL: "Item values all strings, null columns left out"). */
export const REST_VALUES_AS_STRINGS: boolean = true;
/** Error names for paging mistakes: INVALID_PAGE_RANGE is in N/error's list; the page size one is assumed
 *  (FIDELITY.md, SuiteQL language and results: "A bad page size is INVALID_PAGE_SIZE"). */
const PAGE_SIZE_ERROR = 'INVALID_PAGE_SIZE';
const PAGE_INDEX_ERROR = 'INVALID_PAGE_RANGE';

export interface SuiteQLMeta { tables?: Record<string, { display?: string, selects?: Record<string, string> }> }
/** timeoutMs: how long one statement may run (the account's SuiteQL time limit); 0 or absent: no limit. */
export interface SuiteQLOptions {
  meta?: SuiteQLMeta, now?: () => Date, timeZone?: string, dateFormat?: string, timeoutMs?: number,
  /** checked with the time limit: true stops the running statement */
  stopIf?: () => boolean,
}
export interface QueryInput {
  query: string;
  params?: unknown[];
  /** Called with the tables the query reads before it runs (a script's role may not read them all). */
  access?: (tables: string[]) => void;
}
export interface OutColumn { i: number, name: string, kind: 'date' | 'datetime' | 'value' }
export interface ScriptResult { columns: string[], rows: unknown[][] }

interface Prepared { t: Translation, stmt: Statement, columns: OutColumn[], tables: string[], count?: Statement, page?: Statement }

// ---------------------------------------------------------------------------------------------------
// The account clock

function createClock(options: SuiteQLOptions): Clock {
  const timeZone = options.timeZone || 'America/Los_Angeles';
  let toWall: (ms: number) => number;
  try {
    toWall = zoneClock(timeZone).toWall;
  } catch {
    throw new Error(`createSuiteQL: timeZone '${timeZone}' is not an IANA time zone name (e.g. 'America/Los_Angeles').`);
  }
  return { toWall, dateFormat: options.dateFormat || 'M/D/YYYY', now: options.now || (() => new Date()), statementWall: 0, deadline: 0, stopIf: options.stopIf };
}

// ---------------------------------------------------------------------------------------------------
// What translate() and the guard need to know of the database

/** Column types of NetSuite tables, for translate(): which columns are DATE/DATETIME. */
function columnTypes(db: Database): (table: string) => Map<string, string | null> | null {
  const columnCache = new Map<string, Map<string, string | null>>();
  const tableInfo = db.prepare<[string], { name: string, type: string }>('SELECT name, type FROM pragma_table_info(?)');
  return (table) => {
    let cols = columnCache.get(table);
    if (!cols) {
      const rows = tableInfo.all(table);
      if (!rows.length) return null; // not cached: the table may be created later (custom records)
      cols = new Map(rows.filter((r) => !HIDDEN_NAME.test(r.name)).map((r) => [r.name.toLowerCase(), r.type ? r.type.toUpperCase() : null]));
      columnCache.set(table, cols);
    }
    return cols;
  };
}

/**
 * Refuse a query whose plan opens a sandbox table, SQLite's schema, another database or a virtual table.
 * The returned function gives the tables the query reads.
 */
function createGuard(db: Database): (t: Translation) => Set<string> {
  // Root pages of the sandbox's own tables: a query that opens one is refused whatever its spelling.
  let rootPages = new Map<number, string>();
  const loadRootPages = () => {
    rootPages = new Map(db.prepare<[], { rootpage: number, tbl_name: string }>('SELECT rootpage, tbl_name FROM sqlite_schema WHERE rootpage > 0')
      .all().map((r) => [r.rootpage, r.tbl_name]));
    rootPages.set(1, 'sqlite_schema');
  };
  return (t) => {
    const tables = new Set<string>();
    const plan = db.prepare<unknown[], { opcode: string, p2: number, p3: number }>(`EXPLAIN ${t.sql}`).all(t.binds.map(() => null));
    for (const step of plan) {
      if (step.opcode === 'VOpen') throw unsupported('Table-valued functions are not available in SuiteQL.');
      if (step.opcode !== 'OpenRead' && step.opcode !== 'ReopenIdx') continue;
      if (step.p3 !== 0) throw unsupported('Only the account\'s own tables can be queried.');
      if (!rootPages.has(step.p2)) loadRootPages();
      const table = rootPages.get(step.p2) || '';
      if (!table || HIDDEN_NAME.test(table)) throw recordNotFound(table || 'unknown');
      tables.add(table);
    }
    return tables;
  };
}

/**
 * SQLite's complaint in NetSuite's words. A syntax error is located in the caller's own text when SQLite
 * can parse that far (the rewritten SQL would point at words the caller never wrote).
 */
function sqliteError(db: Database, e: unknown, t: Translation, query?: string): SuiteQLError {
  if (e instanceof SuiteQLError) return e;
  // Not `instanceof Error`: an error from another realm (jest's, a worker's) is still an error.
  const raw = e && typeof e === 'object' && 'message' in e ? e.message : e;
  const message = String(raw)
    .replace(/\bsb_(out_date|dt|now)\(/g, '(')
    .replace(/\bsb_([a-z_]+)\(\)/g, (_, f: string) => `${f.toUpperCase()}()`);
  let m;
  if ((m = /^no such table: (?:main\.)?(\S+)/.exec(message))) return recordNotFound(m[1]);
  if ((m = /^no such column: "?([^"\s]+)"?/.exec(message))) return unknownIdentifier(m[1], t.identifiers);
  if ((m = /^no such function: (\S+)/.exec(message))) return unsupported(`Function ${m[1].toUpperCase()} is not supported by the sandbox's SuiteQL.`);
  if ((m = /^ambiguous column name: (\S+)/.exec(message))) return searchError(`Ambiguous identifier '${m[1]}': qualify it with a table alias.`);
  if (/syntax error|incomplete input|unrecognized token/.test(message)) {
    let where = '';
    try {
      if (query) db.prepare(query);
    } catch (own) {
      const near = /near "([^"]*)": syntax error/.exec(String(own instanceof Error ? own.message : own));
      if (near) where = ` near "${near[1]}"`;
      else if (/incomplete input/.test(String(own instanceof Error ? own.message : own))) where = ': it ends too early';
    }
    return unsupported(`The query could not be parsed${where}: check the SQL syntax.`);
  }
  return unsupported(message);
}

function kindOf(type: string | null): OutColumn['kind'] {
  const u = (type || '').toUpperCase();
  if (u === 'DATE') return 'date';
  if (u === 'DATETIME' || u === 'TIMESTAMP') return 'datetime';
  return 'value';
}

// ---------------------------------------------------------------------------------------------------
// Binds in, values out

function bindValues(c: Clock, input: QueryInput, t: Translation): unknown[] {
  const params: unknown = input.params === undefined || input.params === null ? [] : input.params;
  if (!Array.isArray(params)) throw searchError(`params must be an array of values for the ? markers, got ${typeof params}.`);
  if (params.length !== t.bindCount) {
    throw searchError(`The query has ${t.bindCount} parameter marker${t.bindCount === 1 ? '' : 's'} (?) but params holds ${params.length} value${params.length === 1 ? '' : 's'}.`);
  }
  const values = (params as unknown[]).map((p, k) => {
    if (p === null || p === undefined) return null;
    if (typeof p === 'number') {
      if (!Number.isFinite(p)) throw searchError(`params[${k}] is ${p}: pass a finite number.`);
      return p;
    }
    if (typeof p === 'string') return p;
    if (typeof p === 'boolean') return p ? 'T' : 'F';
    // Dates from a script's realm fail instanceof: recognise them by their tag.
    if (Object.prototype.toString.call(p) === '[object Date]') {
      const ms = (p as Date).getTime();
      if (Number.isNaN(ms)) throw searchError(`params[${k}] is an invalid Date.`);
      return canonical(Math.floor(c.toWall(ms) / DAY_MS) * DAY_MS);
    }
    throw searchError(`params[${k}] is a ${typeof p}: pass a number, string, boolean or Date.`);
  });
  return t.binds.map((i) => values[i]);
}

function formatWall(c: Clock, wall: number | null, original: SqlValue): SqlValue {
  if (wall === null) return typeof original === 'string' ? original.replace(DATE_TAG, '') : original;
  const date = formatAccountDate(wall, c.dateFormat);
  return DATETIME_RESULT_SHOWS_TIME && wall % DAY_MS ? `${date} ${formatTime(wall)}` : date;
}

function formatValue(c: Clock, v: SqlValue, kind: OutColumn['kind']): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && v.startsWith(DATE_TAG)) return formatWall(c, wallOfLiteral(c, v.slice(DATE_TAG.length)), v);
  if (kind === 'date') return formatWall(c, wallOfLiteral(c, v), v);
  if (kind === 'datetime') return formatWall(c, readDate(v, c.toWall, c.dateFormat, true), v);
  return v;
}

const scriptRow = (c: Clock, row: SqlValue[], columns: OutColumn[]): SqlValue[] => columns.map((col) => formatValue(c, row[col.i], col.kind));

function restItem(c: Clock, row: SqlValue[], columns: OutColumn[]): Record<string, unknown> {
  const item: Record<string, unknown> = { links: [] };
  for (const col of columns) {
    const v = formatValue(c, row[col.i], col.kind);
    if (v === null) continue;
    item[col.name] = REST_VALUES_AS_STRINGS ? String(v) : v;
  }
  return item;
}

function restInteger(v: number | string | null | undefined, dflt: number, name: string, min: number, max: number): number {
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : /^\d+$/.test(String(v).trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    // Assumed wording (FIDELITY.md, REST SuiteQL: "Bad limit/offset → 400 INVALID_PARAMETER with o:errorQueryParam").
    const detail = `Invalid value '${String(v)}' for the query parameter ${name}: use a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}.`;
    throw new SuiteQLError('INVALID_PARAMETER', detail, { detail, queryParam: name });
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Statements: prepared once per query text, run with the account clock read

interface Session {
  db: Database;
  clock: Clock;
  translateMeta: { tables: NonNullable<SuiteQLMeta['tables']>, columnsOf: (table: string) => Map<string, string | null> | null };
  guard: (t: Translation) => Set<string>;
  cache: Map<string, Prepared>;
  timeoutMs: number;
}

function prepare(s: Session, query: string): Prepared {
  if (typeof query !== 'string' || !query.trim()) throw unsupported('The query is empty: pass a SELECT statement as a string.');
  const hit = s.cache.get(query);
  if (hit) {
    s.cache.delete(query);
    s.cache.set(query, hit);
    return hit;
  }
  const t = translate(query, s.translateMeta);
  let stmt: Statement;
  try {
    stmt = freshStatement(s.db, t.sql);
  } catch (e) {
    throw sqliteError(s.db, e, t, query);
  }
  if (!stmt.reader || !stmt.readonly) throw unsupported('SuiteQL runs SELECT statements only.');
  const tables = s.guard(t);
  const columns = stmt.columns().map((c, i) => ({ i, name: c.name.toLowerCase(), kind: kindOf(c.type) }))
    .filter((c) => !HIDDEN_NAME.test(c.name));
  const entry: Prepared = { t, stmt: stmt.raw(true), columns, tables: [...tables] };
  s.cache.set(query, entry);
  if (s.cache.size > 200) s.cache.delete(s.cache.keys().next().value as string);
  return entry;
}

function execute<T>(s: Session, p: Prepared, fn: () => T): T {
  // Read before the statement runs: the account's clock is a setting in this same database, which a
  // function called from inside the statement could not query.
  s.clock.statementWall = s.clock.toWall(s.clock.now().getTime());
  // Every SELECT core checks it (sb_deadline() in its WHERE): SQLite runs the statement in native code,
  // where nothing else can stop a script's runaway query inside its worker thread.
  s.clock.deadline = s.timeoutMs > 0 ? Date.now() + s.timeoutMs : 0;
  try {
    return fn();
  } catch (e) {
    if (e instanceof DeadlineError) {
      const text = `The query ran longer than this account's SuiteQL time limit (${s.timeoutMs / 1000} seconds) and was stopped. `
        + 'Narrow it with a WHERE clause, page it with limit and offset, or drop the recursion or cross join that keeps it running.';
      throw new SuiteQLError('SSS_SEARCH_TIMEOUT', text, { errorCode: 'SSS_SEARCH_TIMEOUT' });
    }
    throw sqliteError(s.db, e, p.t);
  } finally {
    s.clock.statementWall = 0;
    s.clock.deadline = 0;
  }
}

function page(s: Session, p: Prepared, binds: unknown[], limit: number, offset: number): SqlValue[][] {
  const stmt = p.page || (p.page = freshStatement(s.db, `SELECT * FROM (${p.t.sql}) LIMIT ? OFFSET ?`).raw(true));
  return execute(s, p, () => stmt.all([...binds, limit, offset]) as SqlValue[][]);
}

function count(s: Session, p: Prepared, binds: unknown[]): number {
  const stmt = p.count || (p.count = freshStatement(s.db, `SELECT COUNT(*) FROM (${p.t.sql})`).raw(true));
  const row = execute(s, p, () => stmt.get(binds) as number[]);
  return row[0];
}

/** query.runSuiteQL: at most 5,000 rows. */
function runSuiteQL(s: Session, input: QueryInput): ScriptResult {
  const p = prepare(s, input && input.query);
  if (input.access) input.access(p.tables);
  const binds = bindValues(s.clock, input, p.t);
  const rows: unknown[][] = [];
  execute(s, p, () => {
    for (const row of p.stmt.iterate(binds) as IterableIterator<SqlValue[]>) {
      rows.push(scriptRow(s.clock, row, p.columns));
      if (rows.length >= LIMITS.runSuiteQL) break;
    }
  });
  return { columns: p.columns.map((c) => c.name), rows };
}

/**
 * query.runSuiteQLPaged: pages of 5..1000 rows, at most 1,000 pages and 100,000 rows. Each fetch runs
 * the query again, as NetSuite does.
 */
function runPaged(s: Session, input: QueryInput & { pageSize?: number }) {
  const pageSize: unknown = input.pageSize === undefined ? 50 : input.pageSize;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < LIMITS.pageSizeMin || pageSize > LIMITS.pageSizeMax) {
    throw new SuiteQLError(PAGE_SIZE_ERROR, `Invalid pageSize ${String(pageSize)}: it must be a whole number from ${LIMITS.pageSizeMin} to ${LIMITS.pageSizeMax}.`);
  }
  const p = prepare(s, input.query);
  if (input.access) input.access(p.tables);
  const binds = bindValues(s.clock, input, p.t);
  const total = Math.min(count(s, p, binds), LIMITS.maxResults, pageSize * LIMITS.maxPages);
  const pages = Math.ceil(total / pageSize);
  const pageRanges = Array.from({ length: pages }, (_, index) => ({ index, size: Math.min(pageSize, total - index * pageSize) }));
  return {
    count: total,
    pageSize,
    pageRanges,
    fetch(index: number): ScriptResult {
      if (!Number.isInteger(index) || index < 0 || index >= pages) {
        throw new SuiteQLError(PAGE_INDEX_ERROR, `Invalid page range: fetch. Page index ${String(index)} is not between 0 and ${pages - 1}.`);
      }
      const rows = page(s, p, binds, pageRanges[index].size, index * pageSize);
      return { columns: p.columns.map((c) => c.name), rows: rows.map((r) => scriptRow(s.clock, r, p.columns)) };
    },
  };
}

/**
 * One page of POST /services/rest/query/v1/suiteql (limit ≤ 1000, default 1000; offset). The HTTP layer
 * adds the response's links.
 */
function restPage(s: Session, input: QueryInput & { limit?: number | string, offset?: number | string }) {
  const limit = restInteger(input.limit, LIMITS.restLimitDefault, 'limit', 1, LIMITS.restLimitMax);
  const offset = restInteger(input.offset, 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const p = prepare(s, input.query);
  if (input.access) input.access(p.tables);
  const binds = bindValues(s.clock, input, p.t);
  const totalResults = count(s, p, binds);
  const reachable = Math.min(totalResults, LIMITS.maxResults);
  const take = Math.max(0, Math.min(limit, reachable - offset));
  const rows = take ? page(s, p, binds, take, offset) : [];
  const items = rows.map((r) => restItem(s.clock, r, p.columns));
  return { items, hasMore: offset + items.length < reachable, totalResults, count: items.length, offset };
}

// ---------------------------------------------------------------------------------------------------

export function createSuiteQL(db: Database, options: SuiteQLOptions = {}) {
  const meta = options.meta || {};
  const clock = createClock(options);
  registerFunctions(db, clock);
  const s: Session = {
    db,
    clock,
    translateMeta: { tables: meta.tables || {}, columnsOf: columnTypes(db) },
    guard: createGuard(db),
    cache: new Map(),
    timeoutMs: options.timeoutMs || 0,
  };
  return {
    runSuiteQL: (input: QueryInput) => runSuiteQL(s, input),
    runPaged: (input: QueryInput & { pageSize?: number }) => runPaged(s, input),
    restPage: (input: QueryInput & { limit?: number | string, offset?: number | string }) => restPage(s, input),
    translate: (q: string) => translate(q, s.translateMeta),
  };
}
