/**
 * What getInputData returned, as the key/value entries of the map (or reduce) stage: an array (keys '0',
 * '1' …), a plain object (its own keys), or a SuiteQL object reference `{ type: 'suiteql', query, params }`,
 * run paged the way query.runSuiteQLPaged runs it (key: the row's index; value: the JSON of { types, values }),
 * all pages in one read transaction: the input is the rows as they were at one moment, whatever other
 * scripts save meanwhile (without it, rows saved between the count and a page pushed the last rows of
 * the count out of that page, and they were never mapped).
 * Non-string values are JSON-stringified, as NetSuite stores them. Searches, saved queries and files are
 * refused by name: the sandbox has no N/search beyond lookupFields and no File Cabinet reads.
 */
import type { Database } from 'better-sqlite3';
import { sandboxError } from '../../errors';
import type { createSuiteQL } from '../../suiteql/run';

const PAGE_SIZE = 1000;

export interface Pair { key: string, value: string }

/** What reading the input needs of the engine: its database connection and SuiteQL's paged run on it. */
export interface InputEngine { db: Database, suiteql: Pick<ReturnType<typeof createSuiteQL>, 'runPaged'> }

export function stored(v: unknown): string {
  if (typeof v === 'string') return v;
  const json = JSON.stringify(v);
  return json === undefined ? String(v) : json;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]';

/** @param result what getInputData returned */
export function inputEntries(engine: InputEngine, result: unknown): Pair[] {
  if (Array.isArray(result)) return result.map((v, i) => ({ key: String(i), value: stored(v) }));
  if (isPlainObject(result)) {
    const o = result;
    const rawType = typeof o.type === 'string' ? o.type : null;
    const type = rawType === null ? null : rawType.toLowerCase();
    if (type === 'suiteql') return suiteqlEntries(engine, o);
    if (type === 'search' || type === 'query' || type === 'file') {
      throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `getInputData returned a ${type} reference ({ type: '${rawType}'${o.id !== undefined ? `, id: ${JSON.stringify(o.id)}` : ''} }): the sandbox account runs arrays, plain objects and { type: 'suiteql', query, params } only. Return a SuiteQL reference instead.`);
    }
    return Object.keys(o).map((k) => ({ key: k, value: stored(o[k]) }));
  }
  const what = result === null ? 'null' : result === undefined ? 'nothing (undefined)' : typeof result === 'object'
    ? `a ${Object.prototype.toString.call(result).slice(8, -1)} object${typeof (result as { runPaged?: unknown }).runPaged === 'function' ? ' (a search or query object)' : ''}`
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects took the branch above; a primitive or function is left
    : `a ${typeof result} (${String(result)})`;
  throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `getInputData returned ${what}: the sandbox account runs an array, a plain object or { type: 'suiteql', query, params }. Searches and query objects are not provided: return a SuiteQL reference instead.`);
}

function suiteqlEntries(engine: InputEngine, ref: Record<string, unknown>): Pair[] {
  if (typeof ref.query !== 'string' || !ref.query.trim()) {
    throw sandboxError('SSS_MISSING_REQD_ARGUMENT', "getInputData returned { type: 'suiteql' } without a query: add query: 'SELECT …'.");
  }
  if (ref.params !== undefined && !Array.isArray(ref.params)) {
    throw sandboxError('SSS_INVALID_TYPE_ARG', "getInputData's SuiteQL reference has params that are not an array: write params: [value, …] for the ? binds.");
  }
  const query = ref.query;
  const read = engine.db.transaction((): Pair[] => {
    const paged = engine.suiteql.runPaged({ query, params: (ref.params as unknown[] | undefined) || [], pageSize: PAGE_SIZE });
    const entries: Pair[] = [];
    for (const range of paged.pageRanges) {
      const { rows } = paged.fetch(range.index);
      for (const values of rows) entries.push({ key: String(entries.length), value: JSON.stringify({ types: values.map(typeName), values }) });
    }
    return entries;
  });
  return read.deferred();
}

/** Column types as the values show them. Assumed (FIDELITY.md, Map/Reduce stages: "`types` names per value"). */
function typeName(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? 'INTEGER' : 'FLOAT';
  if (typeof v === 'boolean') return 'BOOLEAN';
  return 'STRING';
}
