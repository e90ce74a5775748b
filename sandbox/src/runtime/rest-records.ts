/**
 * The REST Record API and the SuiteQL endpoint, run in a worker so saves fire user events with
 * executionContext RESTWEBSERVICES. The caller has already authenticated the request and checked the
 * role's transport permissions.
 */
import { toRest, fromRest, RECORD_PATH } from '../records/rest-shape';
import * as store from '../records/store';
import * as errors from '../rest-errors';
import { requireAccess, NEED } from '../records/access';
import { tableAccess } from './table-access';
import type { Engine } from './engine';
import type { RecordModel } from '../records/record';
import { searchError } from '../suiteql/errors';
import type { SuiteQLError } from '../suiteql/errors';
import { LIMITS } from '../limits';

/**
 * Record permissions a role needs per record type; custom record types use Custom Record Entries.
 * A missing one answers 400 INSUFFICIENT_PERMISSION. Assumed (FIDELITY.md, REST Record API: "A standard type
 * needs its record permission").
 */
const RECORD_PERMISSIONS: Partial<Record<string, string>> = { employee: 'LIST_EMPLOYEE', department: 'LIST_DEPARTMENT', subsidiary: 'LIST_SUBSIDIARY', location: 'LIST_LOCATION' };
/** The access each REST operation needs; its level is access.js's NEED. */
const ACCESS_FOR = { get: 'view', list: 'view', create: 'create', update: 'edit', delete: 'delete' } as const;
const PERMISSION_TEXT = ['None', 'View', 'Create', 'Edit', 'Full'];

/** body: the request's parsed JSON, as the client sent it */
export interface RestTask {
  op: 'get' | 'list' | 'create' | 'update' | 'delete' | 'suiteql', type?: string, id?: string, body?: unknown,
  query: Record<string, string>, baseUrl: string, user: number, role: number, strict: boolean,
}
export interface RestResponse { status: number, headers: Record<string, string>, body?: unknown }

export function handleRest(engine: Engine, task: RestTask): RestResponse {
  try {
    if (task.op === 'suiteql') return suiteql(engine, task);
    return recordOp(engine, task);
  } catch (e) {
    return toRestError(e);
  }
}

function toRestError(thrown: unknown): RestResponse {
  const e = thrown as { code?: unknown, name?: unknown, message: string } | null | undefined;
  if (!e) throw thrown;
  const code = e.code || e.name;
  if (code === 'RCRD_DSNT_EXIST') return errors.restError(404, 'NONEXISTENT_ID', e.message);
  if (code === 'SSS_INVALID_RECORD_TYPE') return errors.restError(404, 'NONEXISTENT_ID', e.message);
  if (code === 'INSUFFICIENT_PERMISSION') return errors.restError(400, code, e.message);
  if (e.name === 'SuiteQLError') {
    const { rest } = e as SuiteQLError;
    return errors.restError(rest.status, rest.errorCode, rest.detail, { errorQueryParam: rest.queryParam });
  }
  // The database's own words (constraint and table names) stay in the sandbox: a case no check caught yet.
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return errors.restError(400, 'UNEXPECTED_ERROR', 'An unexpected error occurred while saving the record; nothing was written.');
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return errors.restError(400, code, `Error while accessing a resource. ${e.message}`);
  throw thrown;
}

function recordOp(engine: Engine, task: RestTask): RestResponse {
  const t = engine.types[String(task.type || '').toLowerCase()];
  if (!t || !t.restEnabled) return errors.unknownRecordType(String(task.type));
  // Custom record types: their access type and permission list (records/access.js).
  const access = ACCESS_FOR[task.op as keyof typeof ACCESS_FOR];
  if (t.kind === 'custom') requireAccess(engine.records.access, t, task.role, access);
  const key = t.kind === 'custom' ? null : RECORD_PERMISSIONS[t.id];
  const need = NEED[access];
  if (key && engine.permissionLevel(task.role, key) < need) {
    return errors.restError(400, 'INSUFFICIENT_PERMISSION', `Permission Violation: You need a higher level of the '${key}' permission (${PERMISSION_TEXT[need]}) to ${task.op} ${t.id} records.`);
  }
  const actor = { user: task.user, role: task.role, executionContext: 'RESTWEBSERVICES' };
  const svc = engine.records;
  const base = `${task.baseUrl}${RECORD_PATH}/${t.id}`;
  switch (task.op) {
    case 'list': {
      // A record list pages 20 by default, at most 1000 (facts sheet: REST web services); SuiteQL's default is 1000.
      const limit = clampInt(task.query.limit, 20, 1, 1000, 'limit');
      const offset = clampInt(task.query.offset, 0, 0, Number.MAX_SAFE_INTEGER, 'offset');
      const total = (engine.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${t.table}`).get() as { n: number }).n;
      const ids = engine.db.prepare<[number, number], { id: number }>(`SELECT id FROM ${t.table} ORDER BY id LIMIT ? OFFSET ?`).all(limit, offset);
      const hasMore = offset + ids.length < total;
      const links = [{ rel: 'self', href: `${base}?limit=${limit}&offset=${offset}` }];
      if (hasMore) links.push({ rel: 'next', href: `${base}?limit=${limit}&offset=${offset + limit}` });
      return ok(200, {
        links, count: ids.length, hasMore, offset, totalResults: total,
        items: ids.map((r) => ({ links: [{ rel: 'self', href: `${base}/${r.id}` }], id: String(r.id) })),
      });
    }
    case 'get': {
      const id = svc.parseId(t.id, task.id);
      const stored = store.readRecord(engine.db, t, id);
      if (!stored) return errors.notFound(t.id, String(task.id));
      return ok(200, toRest(engine.db, engine.types, t, stored, { baseUrl: task.baseUrl, expand: task.query.expandSubResources === 'true' }));
    }
    case 'create': {
      // fromRest refuses a body that is not a JSON object.
      const { values, lines } = fromRest(t, task.body, { strict: task.strict, date: (ms) => new Date(ms) });
      const rec = svc.create(t.id);
      applyBody(rec, values, lines);
      const id = svc.save(rec, actor);
      return { status: 204, headers: { Location: `${base}/${id}` } };
    }
    case 'update': {
      const rec = svc.load(t.id, task.id);
      const { values, lines } = fromRest(t, task.body, { strict: task.strict, date: (ms) => new Date(ms) });
      applyBody(rec, values, lines);
      const id = svc.save(rec, actor);
      // Oracle section_1545142173 (Updating a Record Instance): a 204 with the record's URL in Location.
      return { status: 204, headers: { Location: `${base}/${id}` } };
    }
    case 'delete':
      svc.remove(t.id, task.id, actor);
      return { status: 204, headers: {} };
    default:
      return errors.methodNotAllowed(task.op, ['GET', 'POST', 'PATCH', 'DELETE']);
  }
}

function applyBody(rec: RecordModel, values: Record<string, unknown>, lines: Record<string, Array<Record<string, unknown>>>): void {
  for (const [k, v] of Object.entries(values)) rec.setValue(k, v);
  // A sublist in the body replaces the record's lines (as NetSuite's `replace` parameter does).
  for (const [name, rows] of Object.entries(lines)) {
    while (rec.getLineCount(name) > 0) rec.removeLine(name, 0);
    rows.forEach((row, i) => {
      rec.insertLine(name, i);
      for (const [k, v] of Object.entries(row)) rec.setSublistValue(name, k, i, v);
    });
  }
}

function suiteql(engine: Engine, task: RestTask): RestResponse {
  const body = task.body as { q?: unknown } | null | undefined;
  if (!body || typeof body.q !== 'string' || !body.q.trim()) {
    return errors.invalidContent('The request body must be { "q": "<SuiteQL query>" }.');
  }
  if (body.q.length > LIMITS.suiteqlChars) throw searchError(`The query is ${body.q.length} characters long; the most this account takes is ${LIMITS.suiteqlChars}.`);
  const limit = clampInt(task.query.limit, 1000, 1, 1000, 'limit');
  const offset = clampInt(task.query.offset, 0, 0, Number.MAX_SAFE_INTEGER, 'offset');
  // The token's role reads only the tables it may (setup tables, custom records by their access type).
  const page = engine.suiteql.restPage({ query: body.q, params: [], limit, offset, access: tableAccess(engine, task.role) });
  checkResultSize(page.items);
  const url = `${task.baseUrl}/services/rest/query/v1/suiteql`;
  const links = [{ rel: 'self', href: `${url}?limit=${limit}&offset=${offset}` }];
  if (page.hasMore) links.push({ rel: 'next', href: `${url}?limit=${limit}&offset=${offset + limit}` });
  return ok(200, { links, count: page.count, hasMore: page.hasMore, items: page.items, offset: page.offset, totalResults: page.totalResults });
}

/** One value at most LIMITS.cellChars long, the page at most LIMITS.resultBytes: a clear error, not a heap the server cannot hold. */
function checkResultSize(items: Array<Record<string, unknown>>): void {
  let bytes = 0;
  for (const item of items) {
    for (const [column, v] of Object.entries(item)) {
      const n = typeof v === 'string' ? v.length : 16;
      if (n > LIMITS.cellChars) throw searchError(`The value of column ${column} is ${n} characters long; one value may hold at most ${LIMITS.cellChars}.`);
      bytes += n + column.length + 8;
    }
    if (bytes > LIMITS.resultBytes) throw searchError(`This page of results is over ${LIMITS.resultBytes / 1024 / 1024} MB: ask for fewer rows (limit) or fewer columns.`);
  }
}

function clampInt(raw: string | undefined, dflt: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw Object.assign(new Error(`The '${name}' query parameter must be an integer from ${min} to ${max}.`), { code: 'INVALID_PARAMETER' });
  }
  return n;
}

const ok = (status: number, body: unknown): RestResponse => ({ status, headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=collection' }, body });
