// @ts-check
'use strict';
/**
 * Records as the REST Record API shows them: camelCase names (firstName, isInactive, giveAccess), ISO
 * dates, references as { id, refName, links }, empty fields left out; and REST bodies back into field
 * values, refusing a wrong type with the field's REST name.
 */
const { sandboxError } = require('../errors');
const store = require('./store');

/** @typedef {import('./types').RecordTypeDef} RecordTypeDef */

const RECORD_PATH = '/services/rest/record/v1';

/**
 * @param {import('better-sqlite3').Database} db @param {Record<string, RecordTypeDef>} types @param {RecordTypeDef} t
 * @param {import('./store').StoredRecord} stored @param {{ baseUrl: string, expand: boolean }} o
 */
function toRest(db, types, t, stored, o) {
  const self = `${o.baseUrl}${RECORD_PATH}/${t.id}/${stored.values.id}`;
  /** @type {Record<string, any>} */
  const out = { links: [{ rel: 'self', href: self }], id: String(stored.values.id) };
  for (const f of Object.values(t.fields)) {
    if (f.writeOnly || f.stored === false) continue;
    const v = stored.values[f.id];
    if (f.kind === 'checkbox') out[f.rest] = v === 'T';
    else if (v == null || v === '') continue;
    else if (f.kind === 'select') out[f.rest] = ref(db, types, o.baseUrl, /** @type {string} */ (f.target), v);
    else if (f.kind === 'integer' || f.kind === 'float') out[f.rest] = Number(v);
    else if (f.kind === 'datetime') out[f.rest] = new Date(String(v)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    else out[f.rest] = v;
  }
  for (const s of Object.values(t.sublists)) {
    const links = [{ rel: 'self', href: `${self}/${s.rest}` }];
    if (!o.expand) {
      out[s.rest] = { links };
      continue;
    }
    const items = (stored.lines[s.id] || []).map((line) => {
      /** @type {Record<string, any>} */
      const item = { links: [] };
      for (const f of Object.values(s.fields)) {
        const v = line[f.id];
        if (v == null) continue;
        item[f.rest] = f.kind === 'select' ? ref(db, types, o.baseUrl, /** @type {string} */ (f.target), v) : v;
      }
      return item;
    });
    out[s.rest] = { links, items, totalResults: items.length, count: items.length, hasMore: false, offset: 0 };
  }
  return out;
}

/** @param {import('better-sqlite3').Database} db @param {Record<string, RecordTypeDef>} types @param {string} base @param {string} target @param {any} id */
function ref(db, types, base, target, id) {
  const t = types[target];
  /** @type {Record<string, any>} */
  const r = { links: t && t.restEnabled ? [{ rel: 'self', href: `${base}${RECORD_PATH}/${target}/${id}` }] : [], id: String(id) };
  const name = store.displayText(db, types, target, id);
  if (name) r.refName = name;
  return r;
}

/**
 * A REST body → script-form values (for RecordModel.setValue) and sublist lines.
 * @param {RecordTypeDef} t @param {Record<string, any>} body @param {{ strict: boolean, date: (ms: number) => Date }} o
 * @returns {{ values: Record<string, any>, lines: Record<string, Array<Record<string, any>>>, warnings: string[] }}
 */
function fromRest(t, body, o) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw sandboxError('INVALID_CONTENT', 'The request body must be a JSON object of field names and values.');
  const byRest = new Map(Object.values(t.fields).map((f) => [f.rest.toLowerCase(), f]));
  const subByRest = new Map(Object.values(t.sublists).map((s) => [s.rest.toLowerCase(), s]));
  /** @type {Record<string, any>} */
  const values = {};
  /** @type {Record<string, Array<Record<string, any>>>} */
  const lines = {};
  const warnings = [];
  for (const [name, v] of Object.entries(body)) {
    if (name === 'links' || name === 'id' || name === 'refName') continue;
    const f = byRest.get(name.toLowerCase());
    const s = subByRest.get(name.toLowerCase());
    if (s) {
      if (!v || !Array.isArray(v.items)) throw sandboxError('INVALID_CONTENT', `Invalid value for the sublist '${s.rest}': send { "items": [ … ] }.`);
      lines[s.id] = v.items.map((/** @type {any} */ item) => {
        /** @type {Record<string, any>} */
        const line = {};
        for (const sf of Object.values(s.fields)) {
          const key = Object.keys(item).find((k) => k.toLowerCase() === sf.rest.toLowerCase());
          if (key !== undefined) line[sf.id] = fieldValue(sf, item[key], o.date, `${s.rest}.${sf.rest}`);
        }
        return line;
      });
      continue;
    }
    if (!f || f.readonly) {
      const msg = f ? `Field '${name}' is read-only and was ignored.` : `Unknown field '${name}' on ${t.id} was ignored.`;
      if (o.strict) throw sandboxError('INVALID_CONTENT', msg.replace(' and was ignored', '').replace(' was ignored', ''));
      warnings.push(msg);
      continue;
    }
    values[f.id] = fieldValue(f, v, o.date, f.rest);
  }
  return { values, lines, warnings };
}

/** @param {import('./types').FieldDef} f @param {any} v @param {(ms: number) => Date} date @param {string} name */
function fieldValue(f, v, date, name) {
  const bad = (/** @type {string} */ want) => sandboxError('INVALID_CONTENT', `Invalid value for the field '${name}': expected ${want}, got ${JSON.stringify(v)}.`);
  if (v === null) return f.kind === 'checkbox' ? false : '';
  switch (f.kind) {
    case 'checkbox':
      if (typeof v !== 'boolean') throw bad('true or false');
      return v;
    case 'select':
      if (!v || typeof v !== 'object' || v.id == null || !/^\d+$/.test(String(v.id))) throw bad('a reference such as { "id": "3" }');
      return String(v.id);
    case 'date': {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw bad('a date as "YYYY-MM-DD"');
      const [y, m, d] = v.split('-').map(Number);
      return date(new Date(y, m - 1, d).getTime());
    }
    case 'datetime': {
      const ms = typeof v === 'string' ? Date.parse(v) : NaN;
      if (Number.isNaN(ms)) throw bad('an ISO 8601 date and time');
      return date(ms);
    }
    case 'integer': case 'float':
      if (typeof v !== 'number') throw bad('a number');
      return v;
    default:
      if (typeof v !== 'string') throw bad('a string');
      return v;
  }
}

module.exports = { toRest, fromRest, RECORD_PATH };
