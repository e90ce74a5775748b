/**
 * The outbox: one record per employee save that has events, written in the save's afterSubmit whatever
 * the number of endpoints (record.create 2 + save 4 units). It holds the events as they will be sent
 * (ids, types, bodies) and the changed fields; the dispatcher decides which endpoints get which event.
 */
import * as record from 'N/record';
import type { EventType } from './classify';
import { OUTBOX } from './ids';

export interface QueuedEvent {
  id: string;
  type: EventType;
  body: string;
}

export interface Change {
  employeeId: string;
  events: QueuedEvent[];
  changedFields: string[];
}

/** record.create (2) + save (4) of a custom record. */
export const UNITS_PER_RECORD = 6;

/** @returns the outbox record's id */
export function queueChange(change: Change): number {
  const rec = record.create({ type: OUTBOX.type });
  rec.setValue({ fieldId: 'name', value: `${change.events.map((e) => e.type).join(', ')} ${change.employeeId}`.slice(0, 300) });
  rec.setValue({ fieldId: OUTBOX.employee, value: Number(change.employeeId) });
  rec.setValue({ fieldId: OUTBOX.events, value: JSON.stringify(change.events) });
  rec.setValue({ fieldId: OUTBOX.changed, value: change.changedFields.join(',') });
  return rec.save();
}
