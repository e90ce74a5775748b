/**
 * The events of one change, built once (id, type, CloudEvents body) whichever path found the change: the
 * employee user event or the change sweep.
 */
import * as random from 'N/crypto/random';
import * as runtime from 'N/runtime';
import type { Changes, EventType } from './classify';
import { employeeEvent, type SaveContext } from './cloudevent';
import type { QueuedEvent } from './outbox';
import type { EmployeeSnapshot } from './snapshot';

export function buildEvents(types: EventType[], employee: EmployeeSnapshot, changes: Changes, context: SaveContext, now: Date): QueuedEvent[] {
  return types.map((type) => {
    const id = random.generateUUID();
    return { id, type, body: JSON.stringify(employeeEvent({ id, accountId: runtime.accountId, type, time: now, employee, changes, context })) };
  });
}
