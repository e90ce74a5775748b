// @ts-check
'use strict';
/**
 * The N/record Record object a script holds: a thin, guarded face over RecordModel. Saving charges
 * governance and goes through the platform's RecordService (user events included).
 */
const { guard, options, required } = require('../expose');
const { recordUnits } = require('../governance');
const { sandboxError } = require('../../errors');
const { isDate } = require('../../records/values');

/**
 * @param {import('../invocation').Invocation} inv @param {import('../../records/record').RecordModel} rec
 * @param {{ canSave?: boolean }} [o]
 */
function scriptRecord(inv, rec, o = {}) {
  const g = (/** @type {(...a: any[]) => any} */ fn) => guard(inv.realm, fn);
  // Dates made in another realm (the REST handler's, another script's) become this script's Dates.
  const here = (/** @type {any} */ v) => (isDate(v) ? inv.realm.date(v.getTime()) : v);
  const fieldId = (/** @type {any[]} */ args, /** @type {string} */ where) => String(required(options(args, ['fieldId']), 'fieldId', where));
  /** @param {any[]} args @param {string[]} names @param {string} where */
  const sub = (args, names, where) => {
    const x = options(args, names);
    required(x, 'sublistId', where);
    return x;
  };
  /** @type {Record<string, any>} */
  const face = {
    getValue: g((...a) => here(rec.getValue(fieldId(a, 'Record.getValue')))),
    getText: g((...a) => rec.getText(fieldId(a, 'Record.getText'))),
    setValue: g((...a) => {
      const x = options(a, ['fieldId', 'value']);
      rec.setValue(String(required(x, 'fieldId', 'Record.setValue')), x.value);
      return proxy;
    }),
    setText: g((...a) => {
      const x = options(a, ['fieldId', 'text']);
      rec.setText(String(required(x, 'fieldId', 'Record.setText')), x.text);
      return proxy;
    }),
    getFields: g(() => rec.getFields()),
    getSublists: g(() => Object.keys(rec.def.sublists)),
    getLineCount: g((...a) => rec.getLineCount(sub(a, ['sublistId'], 'Record.getLineCount').sublistId)),
    getSublistValue: g((...a) => {
      const x = sub(a, ['sublistId', 'fieldId', 'line'], 'Record.getSublistValue');
      return here(rec.getSublistValue(x.sublistId, x.fieldId, x.line));
    }),
    getSublistText: g((...a) => {
      const x = sub(a, ['sublistId', 'fieldId', 'line'], 'Record.getSublistText');
      return rec.getSublistText(x.sublistId, x.fieldId, x.line);
    }),
    setSublistValue: g((...a) => {
      const x = sub(a, ['sublistId', 'fieldId', 'line', 'value'], 'Record.setSublistValue');
      rec.setSublistValue(x.sublistId, x.fieldId, x.line, x.value);
      return proxy;
    }),
    insertLine: g((...a) => {
      const x = sub(a, ['sublistId', 'line'], 'Record.insertLine');
      rec.insertLine(x.sublistId, x.line);
      return proxy;
    }),
    removeLine: g((...a) => {
      const x = sub(a, ['sublistId', 'line'], 'Record.removeLine');
      rec.removeLine(x.sublistId, x.line);
      return proxy;
    }),
    selectNewLine: g((...a) => { rec.selectNewLine(sub(a, ['sublistId'], 'Record.selectNewLine').sublistId); return proxy; }),
    selectLine: g((...a) => {
      const x = sub(a, ['sublistId', 'line'], 'Record.selectLine');
      rec.selectLine(x.sublistId, x.line);
      return proxy;
    }),
    setCurrentSublistValue: g((...a) => {
      const x = sub(a, ['sublistId', 'fieldId', 'value'], 'Record.setCurrentSublistValue');
      rec.setCurrentSublistValue(x.sublistId, x.fieldId, x.value);
      return proxy;
    }),
    getCurrentSublistValue: g((...a) => {
      const x = sub(a, ['sublistId', 'fieldId'], 'Record.getCurrentSublistValue');
      return here(rec.getCurrentSublistValue(x.sublistId, x.fieldId));
    }),
    commitLine: g((...a) => { rec.commitLine(sub(a, ['sublistId'], 'Record.commitLine').sublistId); return proxy; }),
    save: g((...a) => {
      if (!o.canSave) throw sandboxError('SSS_INVALID_API_USAGE', 'Invalid API usage: a user event cannot save the record it runs on; changes to newRecord in beforeSubmit are saved with it.');
      const x = options(a, ['enableSourcing', 'ignoreMandatoryFields']);
      inv.meter.charge('record.save', recordUnits('save', rec.def.kind));
      return inv.engine.records.save(rec, inv.actor(), { ignoreMandatoryFields: !!x.ignoreMandatoryFields });
    }),
    toJSON: () => ({ id: rec.id == null ? undefined : String(rec.id), type: rec.def.id, isDynamic: rec.isDynamic, fields: rec.values, sublists: rec.lines }),
  };
  const proxy = new Proxy(face, {
    get(t, prop) {
      if (prop === 'id') return rec.id == null ? null : rec.id;
      if (prop === 'type') return rec.def.id;
      if (prop === 'isDynamic') return rec.isDynamic;
      if (typeof prop === 'symbol' || prop in t || prop === 'then') return t[/** @type {any} */ (prop)];
      throw inv.realm.error('SSS_SANDBOX_UNSUPPORTED', `Record.${String(prop)} is not provided by the sandbox account.`);
    },
  });
  return proxy;
}

module.exports = { scriptRecord };
