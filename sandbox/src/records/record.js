// @ts-check
'use strict';
/**
 * One record in memory, as N/record holds it: values in script form, sublist lines, what changed.
 * Standard and dynamic mode; read-only views for a user event's oldRecord and afterSubmit newRecord.
 */
const { sandboxError } = require('../errors');
const { toScript, toStored } = require('./values');

/** @typedef {import('./types').RecordTypeDef} RecordTypeDef */
/** @typedef {{ text(target: string, id: any): string, idByText(target: string, text: string): any, date(ms: number): Date }} RecordEnv */

class RecordModel {
  /**
   * @param {{ type: RecordTypeDef, id?: number | null, stored?: import('./store').StoredRecord | null, isDynamic?: boolean,
   *   readOnly?: boolean, env: RecordEnv, only?: string[] }} o
   *   only: an inline edit's newRecord holds just these fields
   */
  constructor(o) {
    this.def = o.type;
    this.id = o.id ?? null;
    this.isDynamic = !!o.isDynamic;
    this.readOnly = !!o.readOnly;
    this.env = o.env;
    this.version = o.stored ? o.stored.version : undefined;
    /** @type {Record<string, any>} */
    this.values = {};
    /** @type {Record<string, Array<Record<string, any>>>} */
    this.lines = {};
    /** @type {Set<string>} fields set by the script (or the caller) since load */
    this.changed = new Set();
    /** @type {Set<string>} sublists whose lines changed */
    this.changedLines = new Set();
    /** @type {Set<string>} fields set with setValue in standard mode: getText on them is refused */
    this.valueOnly = new Set();
    /** @type {Record<string, Record<string, any>>} dynamic mode: the line being edited per sublist */
    this.current = {};
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

  get type() {
    return this.def.id;
  }

  /** @param {string} fieldId */
  field(fieldId) {
    return this.def.fields[String(fieldId).toLowerCase()];
  }

  assertWritable() {
    if (this.readOnly) throw sandboxError('SSS_INVALID_API_USAGE', 'Invalid API usage: this record is read-only in this context.');
  }

  /** @param {string} fieldId */
  getValue(fieldId) {
    if (fieldId === 'id') return this.id == null ? '' : String(this.id);
    const f = this.field(fieldId);
    if (!f || f.writeOnly) return undefined;
    return this.values[f.id];
  }

  /** @param {string} fieldId @param {any} value @param {{ fromText?: boolean }} [o] */
  setValue(fieldId, value, o = {}) {
    this.assertWritable();
    const f = this.field(fieldId);
    if (!f) return; // NetSuite ignores unknown field ids on set
    if (f.readonly) throw sandboxError('SSS_INVALID_API_USAGE', `Invalid API usage: field ${f.id} is read-only.`);
    // Validate now (as NetSuite does), keep the script form.
    const stored = toStored(f, value);
    this.values[f.id] = f.writeOnly ? value : toScript(f, stored, this.env.date);
    this.changed.add(f.id);
    if (!this.isDynamic && !o.fromText) this.valueOnly.add(f.id);
    else this.valueOnly.delete(f.id);
  }

  /** @param {string} fieldId */
  getText(fieldId) {
    const f = this.field(fieldId);
    if (!f || f.writeOnly) return undefined;
    if (this.valueOnly.has(f.id)) {
      throw sandboxError('SSS_INVALID_API_USAGE', `Invalid API usage. You must use getValue to return the value set with setValue. Field: ${f.id}`);
    }
    const v = this.values[f.id];
    if (f.kind === 'select') return this.env.text(/** @type {string} */ (f.target), v);
    if (f.kind === 'checkbox') return v ? 'T' : 'F';
    if (v == null) return '';
    return String(v);
  }

  /** @param {string} fieldId @param {string} text */
  setText(fieldId, text) {
    const f = this.field(fieldId);
    if (!f) return;
    if (f.kind === 'select') {
      const id = this.env.idByText(/** @type {string} */ (f.target), text);
      if (id == null) throw sandboxError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${text} for the following field: ${f.id}`);
      this.setValue(f.id, String(id), { fromText: true });
    } else if (f.kind === 'checkbox') this.setValue(f.id, text === 'T', { fromText: true });
    else this.setValue(f.id, text, { fromText: true });
  }

  getFields() {
    return Object.keys(this.values);
  }

  /** @param {string} sublistId */
  sublist(sublistId) {
    const s = this.def.sublists[String(sublistId).toLowerCase()];
    if (!s) throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation. Sublist ${sublistId} does not exist on ${this.def.id}.`);
    return s;
  }

  /** @param {string} sublistId */
  getLineCount(sublistId) {
    const s = this.sublist(sublistId);
    return (this.lines[s.id] || []).length;
  }

  /** @param {string} sublistId @param {string} fieldId @param {number} line */
  lineField(sublistId, fieldId, line) {
    const s = this.sublist(sublistId);
    const f = s.fields[String(fieldId).toLowerCase()];
    const rows = this.lines[s.id] || [];
    if (!Number.isInteger(line) || line < 0 || line >= rows.length) {
      throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation. Line ${line} of ${s.id} does not exist (it has ${rows.length}).`);
    }
    return { s, f, rows };
  }

  /** @param {string} sublistId @param {string} fieldId @param {number} line */
  getSublistValue(sublistId, fieldId, line) {
    const { f, rows } = this.lineField(sublistId, fieldId, line);
    return f ? rows[line][f.id] : undefined;
  }

  /** @param {string} sublistId @param {string} fieldId @param {number} line */
  getSublistText(sublistId, fieldId, line) {
    const { f, rows } = this.lineField(sublistId, fieldId, line);
    if (!f) return undefined;
    return f.kind === 'select' ? this.env.text(/** @type {string} */ (f.target), rows[line][f.id]) : String(rows[line][f.id] ?? '');
  }

  /** @param {string} sublistId @param {string} fieldId @param {number} line @param {any} value */
  setSublistValue(sublistId, fieldId, line, value) {
    this.assertWritable();
    const { s, f, rows } = this.lineField(sublistId, fieldId, line);
    if (!f) return;
    rows[line][f.id] = toScript(f, toStored(f, value), this.env.date);
    this.changedLines.add(s.id);
  }

  /** @param {string} sublistId @param {number} line */
  insertLine(sublistId, line) {
    this.assertWritable();
    const s = this.sublist(sublistId);
    const rows = (this.lines[s.id] ||= []);
    if (!Number.isInteger(line) || line < 0 || line > rows.length) {
      throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `You have attempted an invalid sublist or line item operation. Cannot insert line ${line} into ${s.id} (it has ${rows.length}).`);
    }
    rows.splice(line, 0, Object.fromEntries(Object.values(s.fields).map((f) => [f.id, f.kind === 'checkbox' ? false : ''])));
    this.changedLines.add(s.id);
  }

  /** @param {string} sublistId @param {number} line */
  removeLine(sublistId, line) {
    this.assertWritable();
    const { s, rows } = this.lineField(sublistId, Object.keys(this.sublist(sublistId).fields)[0], line);
    rows.splice(line, 1);
    this.changedLines.add(s.id);
  }

  /** Dynamic mode: start a new line. @param {string} sublistId */
  selectNewLine(sublistId) {
    const s = this.sublist(sublistId);
    this.current[s.id] = { __line: this.getLineCount(s.id), ...Object.fromEntries(Object.values(s.fields).map((f) => [f.id, f.kind === 'checkbox' ? false : ''])) };
  }

  /** @param {string} sublistId @param {number} line */
  selectLine(sublistId, line) {
    const { s, rows } = this.lineField(sublistId, Object.keys(this.sublist(sublistId).fields)[0], line);
    this.current[s.id] = { __line: line, ...rows[line] };
  }

  /** @param {string} sublistId */
  currentLine(sublistId) {
    const s = this.sublist(sublistId);
    const cur = this.current[s.id];
    if (!cur) throw sandboxError('SSS_INVALID_SUBLIST_OPERATION', `No line selected on ${s.id}: call selectNewLine or selectLine first.`);
    return { s, cur };
  }

  /** @param {string} sublistId @param {string} fieldId @param {any} value */
  setCurrentSublistValue(sublistId, fieldId, value) {
    const { s, cur } = this.currentLine(sublistId);
    const f = s.fields[String(fieldId).toLowerCase()];
    if (f) cur[f.id] = toScript(f, toStored(f, value), this.env.date);
  }

  /** @param {string} sublistId @param {string} fieldId */
  getCurrentSublistValue(sublistId, fieldId) {
    const { s, cur } = this.currentLine(sublistId);
    const f = s.fields[String(fieldId).toLowerCase()];
    return f ? cur[f.id] : undefined;
  }

  /** @param {string} sublistId */
  commitLine(sublistId) {
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
  storedValues(/** @type {boolean} */ all) {
    /** @type {Record<string, any>} */
    const out = {};
    for (const f of Object.values(this.def.fields)) {
      if (f.readonly || f.stored === false) continue;
      if (!all && !this.changed.has(f.id)) continue;
      if (!(f.id in this.values)) continue;
      out[f.id] = toStored(f, this.values[f.id]);
    }
    return out;
  }

  storedLines(/** @type {boolean} */ all) {
    /** @type {Record<string, Array<Record<string, any>>>} */
    const out = {};
    for (const s of Object.values(this.def.sublists)) {
      if (!all && !this.changedLines.has(s.id)) continue;
      out[s.id] = (this.lines[s.id] || []).map((r) => Object.fromEntries(Object.values(s.fields).map((f) => [f.id, toStored(f, r[f.id])])));
    }
    return out;
  }
}

/** @param {import('./types').FieldDef} f */
function defaultFor(f) {
  if (f.kind === 'checkbox') return f.defaultValue === 'T' ? 'T' : 'F';
  return f.defaultValue;
}

module.exports = { RecordModel };
