/** N/record: load, create, save (via the Record), submitFields with the inline-edit rule, delete. */
import { options, required } from '../expose';
import { recordUnits } from '../governance';
import type { Invocation } from '../invocation';
import { scriptRecord } from './script-record';
import { unsupportedFunctions, partialEnum } from '../unsupported';

function createRecordModule(inv: Invocation) {
  const svc = inv.engine.records;
  const date = (ms: number) => inv.realm.date(ms);
  // The record service checks the type (a record type id, any case) and refuses an unknown one by name.
  const charge = (op: 'load' | 'create' | 'submitFields' | 'delete', type: string) => {
    const t = svc.type(type);
    inv.meter.charge(`record.${op}`, recordUnits(op, t.kind));
    return t;
  };
  const Type = { EMPLOYEE: 'employee', SUBSIDIARY: 'subsidiary', DEPARTMENT: 'department', LOCATION: 'location', ROLE: 'role' };
  return {
    // The record types the sandbox stores (custom record types go by their script ids).
    Type: partialEnum(inv.realm, 'N/record', 'Type', Type),
    ...unsupportedFunctions('N/record', ['copy', 'transform', 'attach', 'detach']),
    load(...a: unknown[]) {
      const o = options(a, ['type', 'id', 'isDynamic']);
      const type = required(o, 'type', 'record.load') as string;
      charge('load', type);
      return scriptRecord(inv, svc.load(type, required(o, 'id', 'record.load'), { isDynamic: o.isDynamic as boolean | undefined, date, actor: inv.actor() }), { canSave: true });
    },
    create(...a: unknown[]) {
      const o = options(a, ['type', 'isDynamic', 'defaultValues']);
      const type = required(o, 'type', 'record.create') as string;
      charge('create', type);
      const rec = svc.create(type, { isDynamic: o.isDynamic as boolean | undefined, date, actor: inv.actor() });
      const defaults: unknown = o.defaultValues;
      for (const [k, v] of Object.entries(defaults && typeof defaults === 'object' ? defaults : {})) rec.setValue(k, v);
      return scriptRecord(inv, rec, { canSave: true });
    },
    submitFields(...a: unknown[]) {
      const o = options(a, ['type', 'id', 'values', 'options']);
      const type = required(o, 'type', 'record.submitFields') as string;
      charge('submitFields', type);
      return svc.submitFields(type, required(o, 'id', 'record.submitFields'), required(o, 'values', 'record.submitFields') as Record<string, unknown>, inv.actor(), { date });
    },
    delete(...a: unknown[]) {
      const o = options(a, ['type', 'id']);
      const type = required(o, 'type', 'record.delete') as string;
      charge('delete', type);
      return svc.remove(type, required(o, 'id', 'record.delete'), inv.actor(), { date });
    },
  };
}

export = createRecordModule;
