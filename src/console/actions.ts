/**
 * What an admin can do from the "Webhook deliveries" page. Each action first says what it would do (the
 * confirmation), then does it on a POST and says what it did. Nothing here sends a request itself: what
 * is queued goes out with the dispatcher, signed and in order like every other delivery.
 */
import * as random from 'N/crypto/random';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import { eventSource } from '../webhooks/cloudevent';
import { submitDispatcher } from '../webhooks/employee-change';
import { DELIVERY, ENDPOINT } from '../webhooks/ids';
import { delivery, endpoints, recoverable, type EndpointRow } from './data';
import type { ConsoleRequest } from './request';

/** At most this many deliveries queued again by one recover (2 units each): the rest wait for another. */
export const RECOVER_MAX = 300;

export interface Outcome { ok: boolean, message: string }

const endpointById = (id: number | null): EndpointRow | undefined => endpoints().find((e) => e.id === id);

/** The confirmation's text, or why the action cannot run. */
export function describe(r: ConsoleRequest): Outcome {
  if (r.action === 'replay') {
    const d = r.delivery === null ? null : delivery(r.delivery);
    if (!d) return { ok: false, message: `Delivery ${String(r.delivery)} does not exist.` };
    if (d.status !== 'failed' && d.status !== 'dead') return { ok: false, message: `Delivery ${d.id} is ${d.status}: only failed or dead deliveries are replayed.` };
    return { ok: true, message: `Send delivery ${d.id} (${d.eventType}${d.employeeName ? ` for ${d.employeeName}` : ''}) to ${d.endpointName} again, under the same event id ${d.eventId}, with a fresh retry schedule.` };
  }
  const e = endpointById(r.filters.endpoint);
  if (!e) return { ok: false, message: `Endpoint ${String(r.filters.endpoint)} does not exist.` };
  switch (r.action) {
    case 'recover': {
      const n = recoverable(e.id, r.since as string).length;
      if (!n) return { ok: false, message: `${e.name} has no failed or dead deliveries created since ${r.since as string}.` };
      return { ok: true, message: `Queue ${n} failed or dead deliver${n === 1 ? 'y' : 'ies'} of ${e.name} created since ${r.since as string} again${n > RECOVER_MAX ? ` (the first ${RECOVER_MAX} now; run it again for the rest)` : ''}, each under its own event id.` };
    }
    case 'enable':
      return e.active ? { ok: false, message: `${e.name} is already enabled.` } : { ok: true, message: `Enable ${e.name}: its ${e.counts.pending} pending deliveries go out with the next dispatch, and its failure count starts again.` };
    case 'disable':
      return !e.active ? { ok: false, message: `${e.name} is already disabled.` } : { ok: true, message: `Disable ${e.name}: nothing is sent to it until it is enabled; new events for it wait as pending deliveries.` };
    case 'ping':
      return !e.active ? { ok: false, message: `${e.name} is disabled: enable it before sending a test event.` }
        : { ok: true, message: `Send a signed employee.ping test event to ${e.name} (${e.url}).` };
    case 'rotate':
      return { ok: true, message: `Sign ${e.name}'s deliveries with both ${e.secret} and ${r.nextSecret as string} (two webhook-signature entries) until the rotation is finished: give the receiver the new secret meanwhile.` };
    case 'promote':
      return e.nextSecret ? { ok: true, message: `Finish the rotation: sign ${e.name}'s deliveries with ${e.nextSecret} only; ${e.secret} is no longer used.` }
        : { ok: false, message: `${e.name} has no rotation under way: start one with a next signing secret first.` };
    default:
      return { ok: false, message: 'No action was asked.' };
  }
}

/** Runs a confirmed action. */
export function perform(r: ConsoleRequest): Outcome {
  const check = describe(r);
  if (!check.ok) return check;
  const user = runtime.getCurrentUser();
  const id = r.filters.endpoint as number;
  switch (r.action) {
    case 'replay':
      // The delivery user event does the rest (webhooks/replay.ts) and starts the dispatcher.
      record.submitFields({ type: DELIVERY.type, id: r.delivery as number, values: { [DELIVERY.replay]: true } });
      return { ok: true, message: `Delivery ${String(r.delivery)} is queued again.` };
    case 'recover': {
      const ids = recoverable(id, r.since as string);
      for (const d of ids.slice(0, RECOVER_MAX)) record.submitFields({ type: DELIVERY.type, id: d, values: { [DELIVERY.replay]: true } });
      const left = Math.max(0, ids.length - RECOVER_MAX);
      return { ok: true, message: `Queued ${Math.min(ids.length, RECOVER_MAX)} deliveries again.${left ? ` ${left} remain: run recover again.` : ''}` };
    }
    case 'enable':
    case 'disable':
      // load + save: the endpoint user event checks the configuration and clears the failure state on enable.
      saveEndpoint(id, {
        isinactive: r.action === 'disable',
        [ENDPOINT.disabledReason]: r.action === 'disable' ? `Disabled by ${user.name} (user ${user.id}) from the Webhook deliveries page on ${new Date().toISOString()}.` : '',
      });
      if (r.action === 'enable') submitDispatcher();
      return { ok: true, message: `${r.action === 'enable' ? 'Enabled' : 'Disabled'}.` };
    case 'ping': {
      const eventId = ping(id, String(user.id));
      return { ok: true, message: `Test event ${eventId} is queued; it goes out with the next dispatch.` };
    }
    case 'rotate':
      saveEndpoint(id, { [ENDPOINT.nextSecret]: r.nextSecret as string });
      return { ok: true, message: 'Rotation started: deliveries now carry both signatures.' };
    case 'promote': {
      const e = endpointById(id) as EndpointRow;
      saveEndpoint(id, { [ENDPOINT.secret]: e.nextSecret as string, [ENDPOINT.nextSecret]: '' });
      return { ok: true, message: `Rotation finished: deliveries are signed with ${e.nextSecret as string} only.` };
    }
    default:
      return { ok: false, message: 'No action was asked.' };
  }
}

function saveEndpoint(id: number, values: Record<string, string | boolean>): void {
  const rec = record.load({ type: ENDPOINT.type, id });
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
  rec.save();
}

/** A test delivery (no employee), signed and sent like any other by the dispatcher. @returns its event id */
function ping(endpoint: number, userId: string): string {
  const id = random.generateUUID();
  const body = {
    specversion: '1.0', id, source: eventSource(runtime.accountId), type: 'employee.ping', subject: `endpoint/${endpoint}`,
    time: new Date().toISOString(), datacontenttype: 'application/json',
    data: { message: 'A test event from the Webhook deliveries page.', endpoint: String(endpoint), requestedBy: userId },
  };
  const rec = record.create({ type: DELIVERY.type });
  const values: Record<string, string | number | Date> = {
    name: `employee.ping ${endpoint}`, [DELIVERY.eventId]: id, [DELIVERY.endpoint]: endpoint, [DELIVERY.eventType]: 'employee.ping',
    [DELIVERY.payload]: JSON.stringify(body), [DELIVERY.status]: 'pending', [DELIVERY.attempts]: 0, [DELIVERY.nextAttempt]: new Date(),
  };
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
  rec.save();
  return id;
}
