/**
 * An employee save becomes events in the outbox: classify the change, build each event once, write one
 * outbox record, and ask the dispatcher to run. A save that changes nothing a receiver sees still writes
 * its record (6 units, no events, already expanded): then an employee without one has been changed only
 * where no user event ran, which is what lets the change sweep tell a lost change from a quiet one. Which endpoints get which event is the dispatcher's
 * work, so a save costs the same with 1 or 50 endpoints, and sends nothing itself: the save is never held
 * by a receiver (zero network time in the save).
 */
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import type { EntryPoints } from 'N/types';
import { classify } from './classify';
import { buildEvents } from './build-events';
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
  if (!employee) return { events: 0, outbox: null };
  if (!types.length) return { events: 0, outbox: queueChange({ employeeId: employee.id, events: [], changedFields: [], after, before }) };

  const user = runtime.getCurrentUser();
  const context = { foundBy: 'userEvent' as const, executionContext: String(runtime.executionContext), user: String(user.id), role: String(user.role) };
  const events = buildEvents(types, employee, changes, context, new Date());
  const outbox = queueChange({ employeeId: employee.id, events, changedFields: Object.keys(changes), after, before });
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
