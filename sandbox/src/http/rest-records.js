// @ts-check
'use strict';
/**
 * The REST Record API and the SuiteQL endpoint, run in a worker so saves fire user events with
 * executionContext RESTWEBSERVICES. The caller has already authenticated the request and checked the
 * role's transport permissions.
 */
const { toRest, fromRest, RECORD_PATH } = require('../records/rest-shape');
const store = require('../records/store');
const errors = require('./errors');
const { requireAccess, NEED } = require('../records/access');
const { tableAccess } = require('../runtime/table-access');

/**
 * Record permissions a role needs per record type; custom record types use Custom Record Entries.
 * Assumption (unverified): a missing record permission answers 400 INSUFFICIENT_PERMISSION.
 */
const RECORD_PERMISSIONS = /** @type {Record<string, string>} */ ({ employee: 'LIST_EMPLOYEE', department: 'LIST_DEPARTMENT', subsidiary: 'LIST_SUBSIDIARY', location: 'LIST_LOCATION' });
/** The access each REST operation needs; its level is access.js's NEED. */
const ACCESS_FOR = /** @type {const} */ ({ get: 'view', list: 'view', create: 'create', update: 'edit', delete: 'delete' });
const PERMISSION_TEXT = ['None', 'View', 'Create', 'Edit', 'Full'];

/**
 * @typedef {{ op: 'get'|'list'|'create'|'update'|'delete'|'suiteql', type?: string, id?: string, body?: any,
 *   query: Record<string, string>, baseUrl: string, user: number, role: number, strict: boolean }} RestTask
 * @typedef {{ status: number, headers: Record<string, string>, body?: any }} RestResponse
 */

/** @param {import('../runtime/engine').Engine} engine @param {RestTask} task @returns {RestResponse} */
function handleRest(engine, task) {
  try {
    if (task.op === 'suiteql') return suiteql(engine, task);
    return recordOp(engine, task);
  } catch (e) {
    return toRestError(e);
  }
}

/** @param {any} e @returns {RestResponse} */
function toRestError(e) {
  const code = e && (e.code || e.name);
  if (code === 'RCRD_DSNT_EXIST') return errors.restError(404, 'NONEXISTENT_ID', e.message);
  if (code === 'SSS_INVALID_RECORD_TYPE') return errors.restError(404, 'NONEXISTENT_ID', e.message);
  if (code === 'INSUFFICIENT_PERMISSION') return errors.restError(400, code, e.message);
  if (e && e.name === 'SuiteQLError') return errors.restError(e.rest.status, e.rest.errorCode, e.rest.detail, { errorQueryParam: e.rest.queryParam });
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return errors.restError(400, code, `Error while accessing a resource. ${e.message}`);
  throw e;
}

/** @param {import('../runtime/engine').Engine} engine @param {RestTask} task @returns {RestResponse} */
function recordOp(engine, task) {
  const t = engine.types[String(task.type || '').toLowerCase()];
  if (!t || !t.restEnabled) return errors.unknownRecordType(String(task.type));
  // Custom record types: their access type and permission list (records/access.js).
  const access = ACCESS_FOR[/** @type {keyof typeof ACCESS_FOR} */ (task.op)];
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
      const limit = clampInt(task.query.limit, 1000, 1, 1000, 'limit');
      const offset = clampInt(task.query.offset, 0, 0, Number.MAX_SAFE_INTEGER, 'offset');
      const total = /** @type {{ n: number }} */ (engine.db.prepare(`SELECT COUNT(*) AS n FROM ${t.table}`).get()).n;
      const ids = /** @type {Array<{ id: number }>} */ (engine.db.prepare(`SELECT id FROM ${t.table} ORDER BY id LIMIT ? OFFSET ?`).all(limit, offset));
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
      svc.save(rec, actor);
      return { status: 204, headers: {} };
    }
    case 'delete':
      svc.remove(t.id, task.id, actor);
      return { status: 204, headers: {} };
    default:
      return errors.methodNotAllowed(task.op, ['GET', 'POST', 'PATCH', 'DELETE']);
  }
}

/**
 * @param {import('../records/record').RecordModel} rec @param {Record<string, any>} values
 * @param {Record<string, Array<Record<string, any>>>} lines
 */
function applyBody(rec, values, lines) {
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

/** @param {import('../runtime/engine').Engine} engine @param {RestTask} task @returns {RestResponse} */
function suiteql(engine, task) {
  const body = task.body;
  if (!body || typeof body.q !== 'string' || !body.q.trim()) {
    return errors.invalidContent('The request body must be { "q": "<SuiteQL query>" }.');
  }
  const limit = clampInt(task.query.limit, 1000, 1, 1000, 'limit');
  const offset = clampInt(task.query.offset, 0, 0, Number.MAX_SAFE_INTEGER, 'offset');
  // The token's role reads only the tables it may (setup tables, custom records by their access type).
  const page = engine.suiteql.restPage({ query: body.q, params: [], limit, offset, access: tableAccess(engine, task.role) });
  const url = `${task.baseUrl}/services/rest/query/v1/suiteql`;
  const links = [{ rel: 'self', href: `${url}?limit=${limit}&offset=${offset}` }];
  if (page.hasMore) links.push({ rel: 'next', href: `${url}?limit=${limit}&offset=${offset + limit}` });
  return ok(200, { links, count: page.count, hasMore: page.hasMore, items: page.items, offset: page.offset, totalResults: page.totalResults });
}

/** @param {string | undefined} raw @param {number} dflt @param {number} min @param {number} max @param {string} name */
function clampInt(raw, dflt, min, max, name) {
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw Object.assign(new Error(`The '${name}' query parameter must be an integer from ${min} to ${max}.`), { code: 'INVALID_PARAMETER' });
  }
  return n;
}

/** @param {number} status @param {any} body @returns {RestResponse} */
const ok = (status, body) => ({ status, headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=collection' }, body });

module.exports = { handleRest };
