/** N/search: lookupFields (the one search call the bundle needs). Other search APIs fail loudly by name. */
import { options, required } from '../expose';
import { UNITS } from '../governance';
import type { Invocation } from '../invocation';
import { sandboxError } from '../../errors';
import * as store from '../../records/store';
import { toScript } from '../../records/values';
import { unsupportedFunctions, partialEnum } from '../unsupported';

/** A column's value as lookupFields returns it: selects as [{ value, text }] (empty: []), checkboxes as booleans, the rest as text. */
type LookupValue = Array<{ value: string, text: string }> | boolean | string;

export = function createSearch(inv: Invocation) {
  const eng = inv.engine;
  return {
    // The record types the sandbox stores; ROLE is 'Role' in Oracle's stub (lookupFields ignores case).
    Type: partialEnum(inv.realm, 'N/search', 'Type', { EMPLOYEE: 'employee', ROLE: 'Role', DEPARTMENT: 'department', SUBSIDIARY: 'subsidiary', LOCATION: 'location' }),
    // Saved and ad hoc searches are not emulated: SuiteQL (N/query) is.
    Operator: partialEnum(inv.realm, 'N/search', 'Operator', {}),
    Summary: partialEnum(inv.realm, 'N/search', 'Summary', {}),
    Sort: partialEnum(inv.realm, 'N/search', 'Sort', {}),
    ...unsupportedFunctions('N/search', ['create', 'load', 'delete', 'duplicates', 'global', 'createColumn', 'createFilter', 'createSetting']),
    lookupFields(...a: unknown[]): Record<string, LookupValue> {
      const o = options(a, ['type', 'id', 'columns']);
      inv.meter.charge('search.lookupFields', UNITS['search.lookupFields']);
      const t = eng.types[String(required(o, 'type', 'search.lookupFields')).toLowerCase()];
      if (!t) throw sandboxError('SSS_INVALID_SRCH_TYPE', `An nlobjSearch contains an invalid search type: ${String(o.type)}`);
      const id = eng.records.parseId(t.id, required(o, 'id', 'search.lookupFields') as unknown);
      // One column or a list of them.
      const columns: unknown = required(o, 'columns', 'search.lookupFields');
      const cols = (Array.isArray(columns) ? (columns as unknown[]) : [columns]).map((c) => String(c).toLowerCase());
      const stored = store.readRecord(eng.db, t, id);
      const out: Record<string, LookupValue> = {};
      for (const c of cols) {
        const f = t.fields[c];
        if (!f || f.writeOnly) throw sandboxError('SSS_INVALID_SRCH_COLUMN', `An nlobjSearchColumn contains an invalid column, or is not in proper syntax: ${c}.`);
        const raw = stored ? stored.values[c] : null;
        if (f.kind === 'select') out[c] = raw == null ? [] : [{ value: String(raw), text: store.displayText(eng.db, eng.types, f.target as string, raw) }];
        else if (f.kind === 'checkbox') out[c] = raw === 'T';
        else if (f.kind === 'date' && raw) out[c] = eng.formatDate(String(raw));
        else out[c] = raw == null ? '' : String(toScript(f, raw, (ms) => inv.realm.date(ms)));
      }
      return out;
    },
  };
};
