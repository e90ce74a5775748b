/**
 * Snapshot sources from user event records. On an inline edit (xedit) newRecord holds only the edited
 * fields; every other field comes from oldRecord.
 */
import type * as record from 'N/record';
import type { FieldSource, Ref } from './snapshot';

function roles(rec: record.Record): Ref[] {
  const out: Ref[] = [];
  const n = rec.getLineCount({ sublistId: 'roles' });
  for (let i = 0; i < n; i++) {
    const id = rec.getSublistValue({ sublistId: 'roles', fieldId: 'selectedrole', line: i });
    if (id === null || id === undefined || id === '') continue;
    out.push({ id: String(id), refName: rec.getSublistText({ sublistId: 'roles', fieldId: 'selectedrole', line: i }) });
  }
  return out;
}

export function recordSource(rec: record.Record): FieldSource {
  return {
    id: String(rec.id),
    value: (field) => rec.getValue({ fieldId: field }),
    text: (field) => rec.getText({ fieldId: field }) as string,
    roles: () => roles(rec),
  };
}

/** The employee after an inline edit: the edited fields from newRecord over the rest of oldRecord. */
export function inlineEditSource(newRecord: record.Record, oldRecord: record.Record): FieldSource {
  const edited = new Set(newRecord.getFields());
  const from = (field: string): record.Record => (edited.has(field) ? newRecord : oldRecord);
  return {
    id: String(oldRecord.id),
    value: (field) => from(field).getValue({ fieldId: field }),
    text: (field) => from(field).getText({ fieldId: field }) as string,
    roles: () => roles(oldRecord),
  };
}
