/**
 * Records as the REST Record API shows them: camelCase names (firstName, isInactive, giveAccess), ISO
 * dates, references as { id, refName, links }, empty fields left out; and REST bodies back into field
 * values, refusing a wrong type with the field's REST name.
 */
import { sandboxError } from '../errors';
import type { Db } from '../storage/db';
import * as store from './store';
import type { StoredRecord } from './store';
import type { FieldDef, RecordTypeDef } from './types';
import type { ScriptValue } from './values';

export const RECORD_PATH = '/services/rest/record/v1';

export interface RestLink { rel: string, href: string }
/** A select value as REST shows it. */
export interface RestRef { links: RestLink[], id: string, refName?: string }

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';

export function toRest(db: Db, types: Record<string, RecordTypeDef>, t: RecordTypeDef, stored: StoredRecord,
  o: { baseUrl: string, expand: boolean }): Record<string, unknown> {
  const self = `${o.baseUrl}${RECORD_PATH}/${t.id}/${stored.values.id}`;
  const out: Record<string, unknown> = { links: [{ rel: 'self', href: self }], id: String(stored.values.id) };
  for (const f of Object.values(t.fields)) {
    if (f.writeOnly || f.stored === false) continue;
    const v = stored.values[f.id];
    if (f.kind === 'checkbox') out[f.rest] = v === 'T';
    else if (v == null || v === '') continue;
    else if (f.kind === 'select') out[f.rest] = ref(db, types, o.baseUrl, f.target as string, v);
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
      const item: Record<string, unknown> = { links: [] };
      for (const f of Object.values(s.fields)) {
        const v = line[f.id];
        if (v == null) continue;
        item[f.rest] = f.kind === 'select' ? ref(db, types, o.baseUrl, f.target as string, v) : v;
      }
      return item;
    });
    out[s.rest] = { links, items, totalResults: items.length, count: items.length, hasMore: false, offset: 0 };
  }
  return out;
}

function ref(db: Db, types: Record<string, RecordTypeDef>, base: string, target: string, id: string | number): RestRef {
  const t = types[target] as RecordTypeDef | undefined;
  const r: RestRef = { links: t && t.restEnabled ? [{ rel: 'self', href: `${base}${RECORD_PATH}/${target}/${id}` }] : [], id: String(id) };
  const name = store.displayText(db, types, target, id);
  if (name) r.refName = name;
  return r;
}

/** A REST body → script-form values (for RecordModel.setValue) and sublist lines. */
export function fromRest(t: RecordTypeDef, body: unknown, o: { strict: boolean, date: (ms: number) => Date }): {
  values: Record<string, ScriptValue>, lines: Record<string, Array<Record<string, ScriptValue>>>, warnings: string[],
} {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw sandboxError('INVALID_CONTENT', 'The request body must be a JSON object of field names and values.');
  const byRest = new Map(Object.values(t.fields).map((f) => [f.rest.toLowerCase(), f]));
  const subByRest = new Map(Object.values(t.sublists).map((s) => [s.rest.toLowerCase(), s]));
  const values: Record<string, ScriptValue> = {};
  const lines: Record<string, Array<Record<string, ScriptValue>>> = {};
  const warnings: string[] = [];
  for (const [name, v] of Object.entries(body as Record<string, unknown>)) {
    if (name === 'links' || name === 'id' || name === 'refName') continue;
    const f = byRest.get(name.toLowerCase());
    const s = subByRest.get(name.toLowerCase());
    if (s) {
      if (!isObject(v) || !Array.isArray(v.items)) throw sandboxError('INVALID_CONTENT', `Invalid value for the sublist '${s.rest}': send { "items": [ … ] }.`);
      lines[s.id] = (v.items as unknown[]).map((entry, i) => {
        if (!isObject(entry)) throw sandboxError('INVALID_CONTENT', `Invalid value for line ${i} of the sublist '${s.rest}': each item is an object of field names and values, got ${JSON.stringify(entry)}.`);
        const item = entry;
        const line: Record<string, ScriptValue> = {};
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

function fieldValue(f: FieldDef, v: unknown, date: (ms: number) => Date, name: string): ScriptValue {
  const bad = (want: string) => sandboxError('INVALID_CONTENT', `Invalid value for the field '${name}': expected ${want}, got ${JSON.stringify(v)}.`);
  if (v === null) return f.kind === 'checkbox' ? false : '';
  switch (f.kind) {
    case 'checkbox':
      if (typeof v !== 'boolean') throw bad('true or false');
      return v;
    case 'select': {
      // The id as String() prints it (an array as its joined items, any other object or boolean never digits).
      const id = isObject(v) ? v.id : undefined;
      const text = typeof id === 'string' || typeof id === 'number' ? String(id) : Array.isArray(id) ? id.join() : '';
      if (id == null || !/^\d+$/.test(text)) throw bad('a reference such as { "id": "3" }');
      return text;
    }
    case 'date': {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw bad('a date as "YYYY-MM-DD"');
      const [y, m, d] = v.split('-').map(Number);
      // A day the calendar does not have (2026-13-45, 2026-02-30) is refused, not rolled over.
      const day = new Date(y, m - 1, d);
      if (day.getFullYear() !== y || day.getMonth() !== m - 1 || day.getDate() !== d) throw bad('a date that exists, as "YYYY-MM-DD"');
      return date(day.getTime());
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
