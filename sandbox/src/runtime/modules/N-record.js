// @ts-check
'use strict';
/** N/record: load, create, save (via the Record), submitFields with the inline-edit rule, delete. */
const { options, required } = require('../expose');
const { recordUnits } = require('../governance');
const { scriptRecord } = require('./script-record');
const { unsupportedFunctions, partialEnum } = require('../unsupported');

/** @param {import('../invocation').Invocation} inv */
module.exports = function createRecordModule(inv) {
  const svc = inv.engine.records;
  const date = inv.realm.date;
  /** @param {'load'|'create'|'submitFields'|'delete'} op @param {string} type */
  const charge = (op, type) => {
    const t = svc.type(type);
    inv.meter.charge(`record.${op}`, recordUnits(op, t.kind));
    return t;
  };
  const Type = { EMPLOYEE: 'employee', SUBSIDIARY: 'subsidiary', DEPARTMENT: 'department', LOCATION: 'location', ROLE: 'role' };
  return {
    // The record types the sandbox stores (custom record types go by their script ids).
    Type: partialEnum(inv.realm, 'N/record', 'Type', Type),
    ...unsupportedFunctions('N/record', ['copy', 'transform', 'attach', 'detach']),
    load(/** @type {any[]} */ ...a) {
      const o = options(a, ['type', 'id', 'isDynamic']);
      charge('load', required(o, 'type', 'record.load'));
      return scriptRecord(inv, svc.load(o.type, required(o, 'id', 'record.load'), { isDynamic: o.isDynamic, date, actor: inv.actor() }), { canSave: true });
    },
    create(/** @type {any[]} */ ...a) {
      const o = options(a, ['type', 'isDynamic', 'defaultValues']);
      charge('create', required(o, 'type', 'record.create'));
      const rec = svc.create(o.type, { isDynamic: o.isDynamic, date, actor: inv.actor() });
      for (const [k, v] of Object.entries(o.defaultValues || {})) rec.setValue(k, v);
      return scriptRecord(inv, rec, { canSave: true });
    },
    submitFields(/** @type {any[]} */ ...a) {
      const o = options(a, ['type', 'id', 'values', 'options']);
      charge('submitFields', required(o, 'type', 'record.submitFields'));
      return svc.submitFields(o.type, required(o, 'id', 'record.submitFields'), required(o, 'values', 'record.submitFields'), inv.actor(), { date });
    },
    delete(/** @type {any[]} */ ...a) {
      const o = options(a, ['type', 'id']);
      charge('delete', required(o, 'type', 'record.delete'));
      return svc.remove(o.type, required(o, 'id', 'record.delete'), inv.actor(), { date });
    },
  };
};
