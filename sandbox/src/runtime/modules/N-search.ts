// @ts-check
'use strict';
/** N/search: lookupFields (the one search call the bundle needs). Other search APIs fail loudly by name. */
const { options, required } = require('../expose');
const { UNITS } = require('../governance');
const { sandboxError } = require('../../errors');
const store = require('../../records/store');
const { toScript } = require('../../records/values');
const { unsupportedFunctions, partialEnum } = require('../unsupported');

/** @param {import('../invocation').Invocation} inv */
module.exports = function createSearch(inv) {
  const eng = inv.engine;
  return {
    // The record types the sandbox stores; ROLE is 'Role' in Oracle's stub (lookupFields ignores case).
    Type: partialEnum(inv.realm, 'N/search', 'Type', { EMPLOYEE: 'employee', ROLE: 'Role', DEPARTMENT: 'department', SUBSIDIARY: 'subsidiary', LOCATION: 'location' }),
    // Saved and ad hoc searches are not emulated: SuiteQL (N/query) is.
    Operator: partialEnum(inv.realm, 'N/search', 'Operator', {}),
    Summary: partialEnum(inv.realm, 'N/search', 'Summary', {}),
    Sort: partialEnum(inv.realm, 'N/search', 'Sort', {}),
    ...unsupportedFunctions('N/search', ['create', 'load', 'delete', 'duplicates', 'global', 'createColumn', 'createFilter', 'createSetting']),
    lookupFields(/** @type {any[]} */ ...a) {
      const o = options(a, ['type', 'id', 'columns']);
      inv.meter.charge('search.lookupFields', UNITS['search.lookupFields']);
      const t = eng.types[String(required(o, 'type', 'search.lookupFields')).toLowerCase()];
      if (!t) throw sandboxError('SSS_INVALID_SRCH_TYPE', `An nlobjSearch contains an invalid search type: ${o.type}`);
      const id = eng.records.parseId(t.id, required(o, 'id', 'search.lookupFields'));
      const cols = [].concat(required(o, 'columns', 'search.lookupFields')).map((c) => String(c).toLowerCase());
      const stored = store.readRecord(eng.db, t, id);
      /** @type {Record<string, any>} */
      const out = {};
      for (const c of cols) {
        const f = t.fields[c];
        if (!f || f.writeOnly) throw sandboxError('SSS_INVALID_SRCH_COLUMN', `An nlobjSearchColumn contains an invalid column, or is not in proper syntax: ${c}.`);
        const raw = stored ? stored.values[c] : null;
        if (f.kind === 'select') out[c] = raw == null ? [] : [{ value: String(raw), text: store.displayText(eng.db, eng.types, /** @type {string} */ (f.target), raw) }];
        else if (f.kind === 'checkbox') out[c] = raw === 'T';
        else if (f.kind === 'date' && raw) out[c] = eng.formatDate(String(raw));
        else out[c] = raw == null ? '' : String(toScript(f, raw, inv.realm.date));
      }
      return out;
    },
  };
};
