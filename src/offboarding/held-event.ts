/**
 * employee.offboarding_held: a leaver the run did not offboard because something depends on them (live
 * access tokens, active supervisees), with each reason, queued in the webhook outbox like any event so the
 * dispatcher signs and sends it. Live runs only; each run that holds the leaver sends one.
 */
import * as random from 'N/crypto/random';
import * as runtime from 'N/runtime';
import { eventSource } from '../webhooks/cloudevent';
import { queueChange } from '../webhooks/outbox';
import type { Outcome } from './outcome';

export interface HeldReason {
  kind: 'token_owner' | 'supervisor';
  detail: string;
}

export function heldReasons(o: Outcome): HeldReason[] {
  const out: HeldReason[] = [];
  if (o.tokens?.length) out.push({ kind: 'token_owner', detail: `owns ${o.tokens.length} live access token${o.tokens.length === 1 ? '' : 's'}: ${o.tokens.map((t) => `"${t.name}" of ${t.application} (role ${t.role})`).join('; ')}; offboarding stops them` });
  if (o.supervisees?.length) {
    out.push({ kind: 'supervisor', detail: `supervises ${o.supervisees.length} active employee${o.supervisees.length === 1 ? '' : 's'} (${o.supervisees.map((p) => `${p.name} (${p.id})`).join(', ')}); `
      + (o.successor ? `reassign them to ${o.successor.name} (${o.successor.id}), the leaver's own supervisor` : 'the leaver has no supervisor to take them: choose one') });
  }
  return out;
}

/** Queues the event (record.create 2 + save 4 units). @returns its event id */
export function queueHeldEvent(o: Outcome): string {
  const id = random.generateUUID();
  const body = {
    specversion: '1.0', id, source: eventSource(runtime.accountId), type: 'employee.offboarding_held', subject: o.id,
    time: new Date().toISOString(), datacontenttype: 'application/json',
    data: {
      employee: { id: o.id, name: o.name },
      reasons: heldReasons(o),
      tokens: o.tokens ?? [], supervisees: o.supervisees ?? [], successor: o.successor ?? null,
      context: { foundBy: 'offboarding', executionContext: 'MAPREDUCE' },
    },
  };
  queueChange({ employeeId: o.id, events: [{ id, type: 'employee.offboarding_held', body: JSON.stringify(body) }], changedFields: [], after: null, gap: true });
  return id;
}
