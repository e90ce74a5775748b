/**
 * An employee save becomes events in the outbox: classify the change, pick the endpoints that subscribe,
 * write one delivery per endpoint and event, and ask the dispatcher to run. Sends nothing itself: the
 * save is never held by a receiver (the bound on time added to a save is zero network time).
 */
import * as random from 'N/crypto/random';
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import type { EntryPoints } from 'N/types';
import { classify } from './classify';
import { employeeEvent } from './cloudevent';
import { typesFor } from './endpoint-config';
import { activeEndpoints } from './endpoints';
import { DISPATCH } from './ids';
import { writeDeliveries, type Target } from './outbox';
import { inlineEditSource, recordSource } from './record-source';
import { readSnapshot } from './snapshot';

type Kind = 'create' | 'edit' | 'xedit' | 'delete';
const KINDS: readonly string[] = ['create', 'edit', 'xedit', 'delete'];

export function recordEmployeeChange(ctx: EntryPoints.UserEvent.afterSubmitContext): { events: number; deliveries: number } {
  const kind = String(ctx.type) as Kind;
  if (!KINDS.includes(kind)) return { events: 0, deliveries: 0 };
  const before = ctx.oldRecord ? readSnapshot(recordSource(ctx.oldRecord)) : null;
  const after =
    kind === 'delete' ? null : readSnapshot(kind === 'xedit' && ctx.oldRecord ? inlineEditSource(ctx.newRecord, ctx.oldRecord) : recordSource(ctx.newRecord));
  const { types, changes } = classify(kind, before, after);
  if (!types.length) return { events: 0, deliveries: 0 };

  const endpoints = activeEndpoints();
  const changed = Object.keys(changes);
  const employee = after ?? before;
  if (!employee || !endpoints.length) return { events: types.length, deliveries: 0 };
  const user = runtime.getCurrentUser();
  const now = new Date();
  const bodies = new Map<string, { id: string; body: string }>();
  const bodyFor = (type: (typeof types)[number]) => {
    let b = bodies.get(type);
    if (!b) {
      const id = random.generateUUID();
      const event = employeeEvent({
        id, accountId: runtime.accountId, type, time: now, employee, changes,
        context: { executionContext: String(runtime.executionContext), user: String(user.id), role: String(user.role) },
      });
      b = { id, body: JSON.stringify(event) };
      bodies.set(type, b);
    }
    return b;
  };
  const targets: Target[] = [];
  for (const ep of endpoints) {
    for (const type of typesFor(ep, types, changed)) {
      const b = bodyFor(type);
      targets.push({ endpointId: ep.id, eventId: b.id, eventType: type, employeeId: employee.id, body: b.body });
    }
  }
  if (!targets.length) return { events: types.length, deliveries: 0 };
  const written = writeDeliveries(targets, now);
  log.audit({ title: 'Webhook events queued', details: `employee ${employee.id}: ${types.join(', ')} → ${targets.length} deliveries (${written.fanouts} fan-out)` });
  submitDispatcher();
  return { events: types.length, deliveries: targets.length };
}

/**
 * Ask the dispatcher to run now. If it is already queued or running, that run (or the scheduled one)
 * picks these deliveries up, so a refusal is fine.
 */
export function submitDispatcher(): void {
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: DISPATCH.script, deploymentId: DISPATCH.onDemand }).submit();
  } catch (e) {
    log.debug({ title: 'Dispatcher not submitted', details: (e as Error).message });
  }
}
