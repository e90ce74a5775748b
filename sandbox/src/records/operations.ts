/**
 * What the platform does around a record write: mandatory fields and references, the inline-edit rule,
 * versions, and the user events (beforeSubmit, the write, afterSubmit) with the saver's execution context.
 * Shared by N/record in scripts and by the REST record API.
 */
import { sandboxError } from '../errors';
import type { Db } from '../storage/db';
import { requireAccess, type AccessContext } from './access';
import { RecordModel, type RecordEnv } from './record';
import * as store from './store';
import type { RecordTypeDef } from './types';
import type { Stored } from './values';
import { dateText, dateTimeText, parseDateText } from '../account-dates';

/** script: the save is made by a script (its user events then run with this role, not their own Execute as Role) */
export interface Actor { user: number, role: number, userRole?: number, executionContext: string, inUserEvent?: boolean, script?: boolean }
export interface UserEventCall {
  stage: 'beforeSubmit' | 'afterSubmit', recordType: string, type: 'create' | 'edit' | 'xedit' | 'delete',
  newRecord: RecordModel | null, oldRecord: RecordModel | null, actor: Actor,
}

const LABELS: Record<string, string | undefined> = { firstname: 'First Name', lastname: 'Last Name', name: 'Name', email: 'Email' };

export class RecordService {
  db: Db;
  /** the account's Date Format preference: record text (getText, setText) is written in it */
  dateFormat: string;
  access: AccessContext;
  types: Record<string, RecordTypeDef>;
  nowIso: () => string;
  fireUserEvents: (call: UserEventCall) => void;
  /** Whether a save by this actor fires anything at afterSubmit (a save from inside a user event fires none). */
  readsBack: (actor: Actor) => boolean;
  /** Select values' display text read during this task (a save reads each a few times), forgotten on every write. */
  texts = new Map<string, string>();

  constructor(o: { db: Db, types: Record<string, RecordTypeDef>, dateFormat?: string, nowIso: () => string,
    fireUserEvents: (call: UserEventCall) => void, readsBack?: (actor: Actor) => boolean, access: AccessContext }) {
    this.db = o.db;
    this.access = o.access;
    this.types = o.types;
    this.nowIso = o.nowIso;
    this.fireUserEvents = o.fireUserEvents;
    this.dateFormat = o.dateFormat || 'M/D/YYYY';
    this.readsBack = o.readsBack ?? (() => true);
  }

  beginTask(): void {
    this.texts.clear();
  }

  text(target: string, id: unknown): string {
    const key = `${target} ${String(id)}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      if (this.texts.size >= 1000) this.texts.clear();
      this.texts.set(key, text = store.displayText(this.db, this.types, target, id));
    }
    return text;
  }

  type(typeId: string): RecordTypeDef {
    const t = this.types[String(typeId || '').toLowerCase()] as RecordTypeDef | undefined;
    if (!t) throw sandboxError('SSS_INVALID_RECORD_TYPE', `Invalid record type: ${typeId}. The sandbox knows ${Object.keys(this.types).join(', ')}.`);
    if (t.searchOnly) throw sandboxError('SSS_INVALID_RECORD_TYPE', `The ${t.id} record is search-only: it cannot be loaded, created or saved. Read it with SuiteQL or N/search.`);
    return t;
  }

  env(date: (ms: number) => Date): RecordEnv {
    const db = this.db;
    const types = this.types;
    const fmt = this.dateFormat;
    return {
      date,
      dateText: (d, kind) => (kind === 'datetime' ? dateTimeText(d, fmt) : dateText(d, fmt)),
      parseDate: (text) => parseDateText(text, fmt, date),
      text: (target, id) => this.text(target, id),
      idByText: (target, text) => {
        const t = types[target] as RecordTypeDef | undefined;
        const row = db.prepare<[string], { id: number }>(`SELECT id FROM ${t ? t.table : target} WHERE ${t ? t.display : 'name'} = ?`).get(text);
        return row ? row.id : null;
      },
    };
  }

  /** id: as the script or the request gave it */
  parseId(typeId: string, id: unknown): number {
    const n = typeof id === 'number' ? id : /^\d+$/.test(idText(id).trim()) ? Number(id) : NaN;
    if (!Number.isInteger(n) || n <= 0) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${typeId}: id must be a record's internal id (a positive integer), not ${JSON.stringify(id)}.`);
    return n;
  }

  /** o.actor: who reads (a script's record.load, a REST get); internal reads around a save pass none */
  load(typeId: string, id: unknown, o: { isDynamic?: boolean, readOnly?: boolean, date?: (ms: number) => Date, actor?: Actor } = {}): RecordModel {
    const t = this.type(typeId);
    if (o.actor) requireAccess(this.access, t, o.actor.role, 'view');
    const n = this.parseId(t.id, id);
    const stored = store.readRecord(this.db, t, n);
    if (!stored) throw sandboxError('RCRD_DSNT_EXIST', `That record does not exist. ${t.id} id ${n}`);
    return new RecordModel({ type: t, id: n, stored, isDynamic: o.isDynamic, readOnly: o.readOnly, env: this.env(o.date || ((ms) => new Date(ms))) });
  }

  create(typeId: string, o: { isDynamic?: boolean, date?: (ms: number) => Date, actor?: Actor } = {}): RecordModel {
    const t = this.type(typeId);
    if (o.actor) requireAccess(this.access, t, o.actor.role, 'create');
    return new RecordModel({ type: t, isDynamic: o.isDynamic, env: this.env(o.date || ((ms) => new Date(ms))) });
  }

  /** Save a loaded or created record; fires beforeSubmit and afterSubmit user events. */
  save(rec: RecordModel, actor: Actor, o: { ignoreMandatoryFields?: boolean } = {}): number {
    rec.assertWritable();
    const isNew = rec.id == null;
    requireAccess(this.access, rec.def, actor.role, isNew ? 'create' : 'edit');
    const type = isNew ? 'create' : 'edit';
    const oldRecord = isNew ? null : this.load(rec.def.id, rec.id, { readOnly: true, date: rec.env.date });
    this.fireUserEvents({ stage: 'beforeSubmit', recordType: rec.def.id, type, newRecord: rec, oldRecord, actor });
    if (isNew && rec.def.id === 'employee' && !rec.values.entityid) {
      rec.values.entityid = `${String(rec.values.firstname || '')} ${String(rec.values.lastname || '')}`.trim();
      rec.changed.add('entityid');
    }
    if (!o.ignoreMandatoryFields) this.checkMandatory(rec);
    const values = rec.storedValues(isNew);
    this.checkReferences(rec.def, values, rec.storedLines(isNew));
    this.checkUniqueEmail(rec.def, rec.id, values);
    this.checkAdministratorGrant(rec, actor, isNew);
    this.texts.clear();
    const { id, version } = store.writeRecord(this.db, rec.def, {
      id: rec.id, values, lines: rec.storedLines(isNew), expectedVersion: rec.version, now: this.nowIso(), owner: actor.user,
    });
    rec.id = id;
    rec.version = version;
    rec.changed.clear();
    rec.changedLines.clear();
    // The saved record as afterSubmit sees it, read back only when something will see it.
    if (this.readsBack(actor)) {
      const saved = this.load(rec.def.id, id, { readOnly: true, date: rec.env.date });
      this.fireUserEvents({ stage: 'afterSubmit', recordType: rec.def.id, type, newRecord: saved, oldRecord, actor });
    }
    return id;
  }

  /**
   * record.submitFields: an inline edit (xedit). Only inline-editable fields; newRecord in the user
   * events holds just the edited fields. values: script-form values.
   */
  submitFields(typeId: string, id: unknown, values: Record<string, unknown>, actor: Actor, o: { date?: (ms: number) => Date } = {}): number {
    const t = this.type(typeId);
    requireAccess(this.access, t, actor.role, 'edit');
    const n = this.parseId(t.id, id);
    const date = o.date || ((ms: number) => new Date(ms));
    // A script may pass no values at all: refused below by name.
    const names = Object.keys((values as Record<string, unknown> | null | undefined) || {}).map((k) => k.toLowerCase());
    if (!names.length) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'submitFields: options.values must name at least one field.');
    for (const k of names) {
      const f = t.fields[k] as RecordTypeDef['fields'][string] | undefined;
      if (!f) throw sandboxError('INVALID_FLD_VALUE', `submitFields: ${t.id} has no field ${k}.`);
      if (!f.inline || f.readonly) {
        throw sandboxError('USER_ERROR', `Field ${k} on ${t.id} is not inline-editable, so record.submitFields cannot set it: load the record, set the field and save it instead.`);
      }
    }
    const oldRecord = this.load(t.id, n, { readOnly: true, date });
    const stored = store.readRecord(this.db, t, n);
    const newRecord = new RecordModel({ type: t, id: n, stored, env: this.env(date), only: names });
    for (const [k, v] of Object.entries(values)) newRecord.setValue(k, v);
    this.fireUserEvents({ stage: 'beforeSubmit', recordType: t.id, type: 'xedit', newRecord, oldRecord, actor });
    this.checkMandatory(newRecord);
    const write = newRecord.storedValues(false);
    this.checkReferences(t, write, {});
    this.checkUniqueEmail(t, n, write);
    this.texts.clear();
    store.writeRecord(this.db, t, { id: n, values: write, now: this.nowIso() });
    const after = new RecordModel({ type: t, id: n, stored: store.readRecord(this.db, t, n), env: this.env(date), only: names, readOnly: true });
    this.fireUserEvents({ stage: 'afterSubmit', recordType: t.id, type: 'xedit', newRecord: after, oldRecord, actor });
    return n;
  }

  remove(typeId: string, id: unknown, actor: Actor, o: { date?: (ms: number) => Date } = {}): number {
    const t = this.type(typeId);
    requireAccess(this.access, t, actor.role, 'delete');
    const n = this.parseId(t.id, id);
    const oldRecord = this.load(t.id, n, { readOnly: true, date: o.date });
    // On delete newRecord carries the deleted record's values. Assumed (FIDELITY.md, User event triggers: "On
    // delete newRecord carries the deleted record's values").
    this.fireUserEvents({ stage: 'beforeSubmit', recordType: t.id, type: 'delete', newRecord: oldRecord, oldRecord, actor });
    this.texts.clear();
    store.deleteRecord(this.db, t, n);
    this.fireUserEvents({ stage: 'afterSubmit', recordType: t.id, type: 'delete', newRecord: oldRecord, oldRecord, actor });
    return n;
  }

  checkMandatory(rec: RecordModel): void {
    const missing = Object.values(rec.def.fields)
      .filter((f) => f.mandatory && f.id in rec.values && (rec.values[f.id] === '' || rec.values[f.id] == null))
      .map((f) => f.label || LABELS[f.id] || f.id);
    if (missing.length) throw sandboxError('USER_ERROR', `Please enter value(s) for: ${missing.join(', ')}`);
  }

  /** values and lines in stored form */
  /**
   * An employee's email is its login and must be unique across the account (the user-management API
   * guide, 001_9c9bd780e20b7311.txt, User object): a second employee with the same address (any case) is refused.
   */
  checkUniqueEmail(t: RecordTypeDef, id: number | null | undefined, values: Record<string, Stored>): void {
    if (t.id !== 'employee' || typeof values.email !== 'string' || !values.email.trim()) return;
    const other = this.db.prepare<[string, number], { id: number }>('SELECT id FROM employee WHERE lower(email) = lower(?) AND id IS NOT ? LIMIT 1')
      .get(values.email.trim(), id ?? -1);
    if (other) {
      throw sandboxError('INVALID_FLD_VALUE', `The email address ${values.email.trim()} is already the login of employee ${other.id}: an employee's email must be unique across the account.`);
    }
  }

  /**
   * Only an administrator gives a user the Administrator role (facts sheet, "Added after the first release";
   * no Oracle page cited yet): a role with Employees Full may edit an employee's roles but not add that one.
   */
  checkAdministratorGrant(rec: RecordModel, actor: Actor, isNew: boolean): void {
    if (rec.def.id !== 'employee' || this.access.isAdministrator(actor.role)) return;
    const lines = rec.storedLines(isNew).roles;
    if (!lines) return;
    const admin = this.db.prepare<[], { id: number }>("SELECT id FROM role WHERE scriptid = 'administrator'").get();
    if (!admin || !lines.some((l) => Number(l.selectedrole) === admin.id)) return;
    const had = rec.id != null && this.db.prepare<[number, number], unknown>('SELECT 1 FROM employeerolesforsearch WHERE entity = ? AND role = ?').get(Number(rec.id), admin.id);
    if (!had) throw sandboxError('INSUFFICIENT_PERMISSION', 'Only an administrator can give a user the Administrator role.');
  }

  checkReferences(t: RecordTypeDef, values: Record<string, Stored>, lines: Record<string, Array<Record<string, Stored>>>): void {
    const check = (target: string, id: Stored, label: string) => {
      if (id == null) return;
      const tt = this.types[target] as RecordTypeDef | undefined;
      const table = tt ? tt.table : target;
      if (!this.db.prepare<[string | number], { 1: number }>(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
        throw sandboxError('INVALID_KEY_OR_REF', `Invalid ${label} reference key ${id}.`);
      }
    };
    for (const [k, v] of Object.entries(values)) {
      const f = t.fields[k] as RecordTypeDef['fields'][string] | undefined;
      if (f && f.kind === 'select' && f.target) check(f.target, v, k);
    }
    for (const [name, rows] of Object.entries(lines)) {
      for (const f of Object.values(t.sublists[name].fields)) {
        if (f.kind === 'select' && f.target) for (const r of rows) check(f.target, r[f.id], f.id);
      }
    }
  }
}

/** An id as String() prints it, null and undefined as '' (a script's String object or array of digits passes). */
function idText(id: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value a script passes, printed as NetSuite's String() would
  return String(id ?? '');
}
