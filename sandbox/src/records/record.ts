/**
 * One record in memory, as N/record holds it: values in script form, sublist lines, what changed.
 * Standard and dynamic mode; read-only views for a user event's oldRecord and afterSubmit newRecord.
 */
import { sandboxError } from '../errors';
import type { StoredRecord } from './store';
import type { FieldDef, RecordTypeDef, SublistDef } from './types';
import { toScript, toStored, type ScriptValue, type Stored } from './values';

export interface RecordEnv {
  text: (target: string, id: unknown) => string, idByText: (target: string, text: string) => number | null, date: (ms: number) => Date,
  /** a date or datetime field's value as text in the account's format (account-dates.ts), and back */
  dateText: (d: Date, kind: 'date' | 'datetime') => string, parseDate: (text: string) => Date,
}

/** A sublist line: field id → value in script form. */
type Line = Record<string, ScriptValue>;

export class RecordModel {
  def: RecordTypeDef;
  id: number | null;
  isDynamic: boolean;
  readOnly: boolean;
  env: RecordEnv;
  version: number | undefined;
  values: Record<string, ScriptValue> = {};
  lines: Record<string, Line[]> = {};
  /** fields set by the script (or the caller) since load */
  changed = new Set<string>();
  /** sublists whose lines changed */
  changedLines = new Set<string>();
  /** fields set with setValue in standard mode: getText on them is refused */
  valueOnly = new Set<string>();
  /** dynamic mode: the line being edited per sublist */
  current: Record<string, Line & { __line: number }> = {};

  /** o.only: an inline edit's newRecord holds just these fields */
  constructor(o: { type: RecordTypeDef, id?: number | null, stored?: StoredRecord | null, isDynamic?: boolean,
    readOnly?: boolean, env: RecordEnv, only?: string[] }) {
    this.def = o.type;
    this.id = o.id ?? null;
    this.isDynamic = !!o.isDynamic;
    this.readOnly = !!o.readOnly;
    this.env = o.env;
    this.version = o.stored ? o.stored.version : undefined;
    const only = o.only ? new Set(o.only) : null;
    const stored = o.stored;
    for (const f of Object.values(this.def.fields)) {
      if (only && !only.has(f.id)) continue;
      if (f.writeOnly) continue;
      const raw = stored ? stored.values[f.id] : f.defaultValue !== undefined ? defaultFor(f) : undefined;
      this.values[f.id] = toScript(f, raw, this.env.date);
    }
    for (const s of Object.values(this.def.sublists)) {
      if (only) continue;
      const rows = stored ? stored.lines[s.id] || [] : [];
      this.lines[s.id] = rows.map((r) => Object.fromEntries(Object.values(s.fields).map((f) => [f.id, toScript(f, r[f.id], this.env.date)])));
    }
  }

  get type(): string {
    return this.def.id;
  }

  field(fieldId: string): FieldDef | undefined {
    return this.def.fields[String(fieldId).toLowerCase()];
  }

  assertWritable(): void {
    if (this.readOnly) throw sandboxError('SSS_INVALID_API_USAGE', 'Invalid API usage: this record is read-only in this context.');
  }

  getValue(fieldId: string): ScriptValue | undefined {
    if (fieldId === 'id') return this.id == null ? '' : String(this.id);
    const f = this.field(fieldId);
    if (!f || f.writeOnly) return undefined;
    return this.values[f.id];
  }

  setValue(fieldId: string, value: unknown, o: { fromText?: boolean } = {}): void {
    this.assertWritable();
    const f = this.field(fieldId);
    if (!f) return; // NetSuite ignores unknown field ids on set
    if (f.readonly) throw sandboxError('SSS_INVALID_API_USAGE', `Invalid API usage: field ${f.id} is read-only.`);
    // Validate now (as NetSuite does), keep the script form.
    const stored = toStored(f, value);
    // A write-only field keeps what was set, unconverted (getValue and getText never hand it back).
    this.values[f.id] = f.writeOnly ? value as ScriptValue : toScript(f, stored, this.env.date);
    this.changed.add(f.id);
    if (!this.isDynamic && !o.fromText) this.valueOnly.add(f.id);
    else this.valueOnly.delete(f.id);
  }

  getText(fieldId: string): string | undefined {
    const f = this.field(fieldId);
    if (!f || f.writeOnly) return undefined;
    if (this.valueOnly.has(f.id)) {
      throw sandboxError('SSS_INVALID_API_USAGE', `Invalid API usage. You must use getValue to return the value set with setValue. Field: ${f.id}`);
    }
    const v = this.values[f.id];
    if (f.kind === 'select') return this.env.text(f.target as string, v);
    if (f.kind === 'checkbox') return v ? 'T' : 'F';
    if (v == null || v === '') return '';
    if ((f.kind === 'date' || f.kind === 'datetime') && typeof (v as Date).getTime === 'function') return this.env.dateText(v as Date, f.kind);
    return String(v);
  }

  setText(fieldId: string, text: string): void {
    const f = this.field(fieldId);
    if (!f) return;
    if (f.kind === 'select') {
      const id = this.env.idByText(f.target as string, text);
      if (id == null) throw sandboxError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${text} for the following field: ${f.id}`);
      this.setValue(f.id, String(id), { fromText: true });
    } else if (f.kind === 'checkbox') this.setValue(f.id, text === 'T', { fromText: true });
    else if ((f.kind === 'date' || f.kind === 'datetime') && String(text ?? '').trim()) this.setValue(f.id, this.env.parseDate(String(text)), { fromText: true });
    else this.setValue(f.id, text, { fromText: true });
  }

  getFields(): string[] {
    return Object.keys(this.values);
  }

  sublist(sublistId: string): SublistDef {
    const s = this.def.sublists[String(sublistId).toLowerCase()] as SublistDef | undefined;
    if (!s) throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation. Sublist ${sublistId} does not exist on ${this.def.id}.`);
    return s;
  }

  getLineCount(sublistId: string): number {
    const s = this.sublist(sublistId);
    return (this.lines[s.id] || []).length;
  }

  lineField(sublistId: string, fieldId: string, line: number): { s: SublistDef, f: FieldDef | undefined, rows: Line[] } {
    const s = this.sublist(sublistId);
    const f = s.fields[String(fieldId).toLowerCase()] as FieldDef | undefined;
    const rows = this.lines[s.id] || [];
    if (!Number.isInteger(line) || line < 0 || line >= rows.length) {
      throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation. Line ${line} of ${s.id} does not exist (it has ${rows.length}).`);
    }
    return { s, f, rows };
  }

  getSublistValue(sublistId: string, fieldId: string, line: number): ScriptValue | undefined {
    const { f, rows } = this.lineField(sublistId, fieldId, line);
    return f ? rows[line][f.id] : undefined;
  }

  getSublistText(sublistId: string, fieldId: string, line: number): string | undefined {
    const { f, rows } = this.lineField(sublistId, fieldId, line);
    if (!f) return undefined;
    return f.kind === 'select' ? this.env.text(f.target as string, rows[line][f.id]) : String(rows[line][f.id] ?? '');
  }

  setSublistValue(sublistId: string, fieldId: string, line: number, value: unknown): void {
    this.assertWritable();
    const { s, f, rows } = this.lineField(sublistId, fieldId, line);
    if (!f) return;
    rows[line][f.id] = toScript(f, toStored(f, value), this.env.date);
    this.changedLines.add(s.id);
  }

  insertLine(sublistId: string, line: number): void {
    this.assertWritable();
    const s = this.sublist(sublistId);
    const rows = (this.lines[s.id] ||= []);
    if (!Number.isInteger(line) || line < 0 || line > rows.length) {
      throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation. Cannot insert line ${line} into ${s.id} (it has ${rows.length}).`);
    }
    rows.splice(line, 0, Object.fromEntries(Object.values(s.fields).map((f) => [f.id, f.kind === 'checkbox' ? false : ''])));
    this.changedLines.add(s.id);
  }

  removeLine(sublistId: string, line: number): void {
    this.assertWritable();
    const { s, rows } = this.lineField(sublistId, Object.keys(this.sublist(sublistId).fields)[0], line);
    rows.splice(line, 1);
    this.changedLines.add(s.id);
  }

  /** Dynamic mode: start a new line. */
  selectNewLine(sublistId: string): void {
    const s = this.sublist(sublistId);
    this.current[s.id] = { __line: this.getLineCount(s.id), ...Object.fromEntries(Object.values(s.fields).map((f) => [f.id, f.kind === 'checkbox' ? false : ''])) };
  }

  selectLine(sublistId: string, line: number): void {
    const { s, rows } = this.lineField(sublistId, Object.keys(this.sublist(sublistId).fields)[0], line);
    this.current[s.id] = { __line: line, ...rows[line] };
  }

  currentLine(sublistId: string): { s: SublistDef, cur: Line & { __line: number } } {
    const s = this.sublist(sublistId);
    const cur = this.current[s.id] as (Line & { __line: number }) | undefined;
    if (!cur) throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `No line selected on ${s.id}: call selectNewLine or selectLine first.`);
    return { s, cur };
  }

  setCurrentSublistValue(sublistId: string, fieldId: string, value: unknown): void {
    const { s, cur } = this.currentLine(sublistId);
    const f = s.fields[String(fieldId).toLowerCase()] as FieldDef | undefined;
    if (f) cur[f.id] = toScript(f, toStored(f, value), this.env.date);
  }

  getCurrentSublistValue(sublistId: string, fieldId: string): ScriptValue | undefined {
    const { s, cur } = this.currentLine(sublistId);
    const f = s.fields[String(fieldId).toLowerCase()] as FieldDef | undefined;
    return f ? cur[f.id] : undefined;
  }

  commitLine(sublistId: string): void {
    this.assertWritable();
    const { s, cur } = this.currentLine(sublistId);
    const { __line, ...line } = cur;
    const rows = (this.lines[s.id] ||= []);
    if (__line >= rows.length) rows.push(line);
    else rows[__line] = line;
    delete this.current[s.id];
    this.changedLines.add(s.id);
  }

  /** Values in stored form for a write: all fields on create, the changed ones on edit. */
  storedValues(all: boolean): Record<string, Stored> {
    const out: Record<string, Stored> = {};
    for (const f of Object.values(this.def.fields)) {
      if (f.readonly || f.stored === false) continue;
      if (!all && !this.changed.has(f.id)) continue;
      if (!(f.id in this.values)) continue;
      out[f.id] = toStored(f, this.values[f.id]);
    }
    return out;
  }

  storedLines(all: boolean): Record<string, Array<Record<string, Stored>>> {
    const out: Record<string, Array<Record<string, Stored>>> = {};
    for (const s of Object.values(this.def.sublists)) {
      if (!all && !this.changedLines.has(s.id)) continue;
      out[s.id] = (this.lines[s.id] || []).map((r) => Object.fromEntries(Object.values(s.fields).map((f) => [f.id, toStored(f, r[f.id])])));
    }
    return out;
  }
}

function defaultFor(f: FieldDef): string | undefined {
  if (f.kind === 'checkbox') return f.defaultValue === 'T' ? 'T' : 'F';
  return f.defaultValue;
}
