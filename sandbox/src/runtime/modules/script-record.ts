/**
 * The N/record Record object a script holds: a thin, guarded face over RecordModel. Saving charges
 * governance and goes through the platform's RecordService (user events included).
 */
import { guard, options, required } from '../expose';
import { recordUnits } from '../governance';
import type { Invocation } from '../invocation';
import type { RecordModel } from '../../records/record';
import { sandboxError } from '../../errors';
import { isDate } from '../../records/values';

/**
 * A sublist call's options. The record model checks each (sublist and field ids, line numbers) and
 * refuses a wrong one by name, so they are passed on as the script gave them.
 */
interface SublistArgs { sublistId: string, fieldId: string, line: number, value: unknown }

export function scriptRecord(inv: Invocation, rec: RecordModel, o: { canSave?: boolean } = {}): Record<string, unknown> {
  const g = <F extends (...a: unknown[]) => unknown>(fn: F) => guard(inv.realm, fn);
  // Dates made in another realm (the REST handler's, another script's) become this script's Dates.
  const here = (v: unknown) => (isDate(v) ? inv.realm.date(v.getTime()) : v);
  const fieldId = (args: unknown[], where: string) => String(required(options(args, ['fieldId']), 'fieldId', where));
  const sub = (args: unknown[], names: string[], where: string): SublistArgs => {
    const x = options(args, names);
    required(x, 'sublistId', where);
    return x as SublistArgs;
  };
  const face: Record<string, unknown> = {
    getValue: g((...a) => here(rec.getValue(fieldId(a, 'Record.getValue')))),
    getText: g((...a) => rec.getText(fieldId(a, 'Record.getText'))),
    setValue: g((...a) => {
      const x = options(a, ['fieldId', 'value']);
      rec.setValue(String(required(x, 'fieldId', 'Record.setValue')), x.value);
      return proxy;
    }),
    setText: g((...a) => {
      const x = options(a, ['fieldId', 'text']);
      rec.setText(String(required(x, 'fieldId', 'Record.setText')), x.text as string);
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
      if (typeof prop === 'symbol' || prop in t || prop === 'then') return Reflect.get(t, prop) as unknown;
      throw inv.realm.error('SSS_SANDBOX_UNSUPPORTED', `Record.${String(prop)} is not provided by the sandbox account.`);
    },
  });
  return proxy;
}
