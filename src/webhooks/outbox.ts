/**
 * The outbox: one record per employee save that has events, written in the save's afterSubmit whatever
 * the number of endpoints (record.create 2 + save 4 units), or by the change sweep for a change no user
 * event recorded. It holds the events as they will be sent (ids, types, bodies), the changed fields and
 * the employee after the change; the dispatcher decides which endpoints get which event. The newest
 * record of an employee is the bundle's last word on it, which the sweep compares the employee with.
 */
import * as record from 'N/record';
import type { EventType } from './classify';
import { OUTBOX } from './ids';
import type { EmployeeSnapshot } from './snapshot';

export interface QueuedEvent {
  id: string;
  type: EventType;
  body: string;
}

export interface Change {
  employeeId: string;
  events: QueuedEvent[];
  changedFields: string[];
  /** the employee after the change; null after a delete */
  after: EmployeeSnapshot | null;
  /** the employee before the change as the user event saw it (null on create, and from the sweep) */
  before?: EmployeeSnapshot | null;
  bySweep?: boolean;
  /**
   * A change the sweep found between two records: it describes no current state, so it keeps no snapshot
   * and is never taken for the employee's newest record (that stays the later one).
   */
  gap?: boolean;
}

/** record.create (2) + save (4) of a custom record. */
export const UNITS_PER_RECORD = 6;

/** @returns the outbox record's id */
export function queueChange(change: Change): number {
  const rec = record.create({ type: OUTBOX.type });
  const what = change.events.length ? change.events.map((e) => e.type).join(', ') : 'snapshot';
  rec.setValue({ fieldId: 'name', value: `${what} ${change.employeeId}`.slice(0, 300) });
  rec.setValue({ fieldId: OUTBOX.employee, value: Number(change.employeeId) });
  rec.setValue({ fieldId: OUTBOX.events, value: JSON.stringify(change.events) });
  rec.setValue({ fieldId: OUTBOX.changed, value: change.changedFields.join(',') });
  if (change.after && !change.gap) rec.setValue({ fieldId: OUTBOX.snapshot, value: JSON.stringify(change.after) });
  if (change.before) rec.setValue({ fieldId: OUTBOX.before, value: JSON.stringify(change.before) });
  rec.setValue({ fieldId: OUTBOX.deleted, value: !change.after && !change.gap });
  rec.setValue({ fieldId: OUTBOX.bySweep, value: !!change.bySweep });
  // A record without events only keeps the snapshot: nothing for the dispatcher to expand.
  if (!change.events.length) rec.setValue({ fieldId: OUTBOX.done, value: true });
  return rec.save();
}
