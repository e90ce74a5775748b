/**
 * An employee save becomes events in the outbox: classify the change, build each event once, write one
 * outbox record, and ask the dispatcher to run. Which endpoints get which event is the dispatcher's
 * work, so a save costs the same with 1 or 50 endpoints, and sends nothing itself: the save is never held
 * by a receiver (zero network time in the save).
 */
import * as random from 'N/crypto/random';
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import type { EntryPoints } from 'N/types';
import { classify } from './classify';
import { employeeEvent } from './cloudevent';
import { DISPATCH } from './ids';
import { queueChange } from './outbox';
import { inlineEditSource, recordSource } from './record-source';
import { readSnapshot } from './snapshot';

type Kind = 'create' | 'edit' | 'xedit' | 'delete';
const KINDS: readonly string[] = ['create', 'edit', 'xedit', 'delete'];

export function recordEmployeeChange(ctx: EntryPoints.UserEvent.afterSubmitContext): { events: number; outbox: number | null } {
  const kind = String(ctx.type) as Kind;
  if (!KINDS.includes(kind)) return { events: 0, outbox: null };
  const before = ctx.oldRecord ? readSnapshot(recordSource(ctx.oldRecord)) : null;
  const after =
    kind === 'delete' ? null : readSnapshot(kind === 'xedit' && ctx.oldRecord ? inlineEditSource(ctx.newRecord, ctx.oldRecord) : recordSource(ctx.newRecord));
  const { types, changes } = classify(kind, before, after);
  const employee = after ?? before;
  if (!types.length || !employee) return { events: 0, outbox: null };

  const user = runtime.getCurrentUser();
  const now = new Date();
  const context = { executionContext: String(runtime.executionContext), user: String(user.id), role: String(user.role) };
  const events = types.map((type) => {
    const id = random.generateUUID();
    return { id, type, body: JSON.stringify(employeeEvent({ id, accountId: runtime.accountId, type, time: now, employee, changes, context })) };
  });
  const outbox = queueChange({ employeeId: employee.id, events, changedFields: Object.keys(changes) });
  log.audit({ title: 'Webhook events queued', details: `employee ${employee.id}: ${types.join(', ')} (outbox ${outbox})` });
  submitDispatcher();
  return { events: types.length, outbox };
}

/**
 * Ask the dispatcher to run now. If it is already queued or running, the refusal is fine: that run's
 * summarize sees outbox records saved after it began and starts another (the schedule is a safety net).
 */
export function submitDispatcher(): void {
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: DISPATCH.script, deploymentId: DISPATCH.onDemand }).submit();
  } catch (e) {
    log.debug({ title: 'Dispatcher not submitted', details: (e as Error).message });
  }
}
