/**
 * Sending due deliveries of one endpoint and one employee, oldest first. A delivery that is not yet due,
 * or fails, holds back the later ones of the same employee: receivers see each employee's events in order.
 */
import * as record from 'N/record';
import { DELIVERY, ENDPOINT, type DeliveryStatus } from './ids';
import { appendAttempt } from './attempt-log';
import { afterAttempt, DISABLE_AFTER_MS, retryAfterMs } from './retry';
import { send } from './send';

export interface GroupResult {
  delivered: number;
  retrying: number;
  dead: number;
  failed: number;
  waiting: number;
  endpointDisabled: string | null;
}

interface EndpointState {
  url: string;
  secretIds: string[];
  inactive: boolean;
  failures: number;
  failingSince: Date | null;
}

function endpointState(id: string): EndpointState {
  const rec = record.load({ type: ENDPOINT.type, id });
  const date = rec.getValue({ fieldId: ENDPOINT.failingSince });
  return {
    url: String(rec.getValue({ fieldId: ENDPOINT.url })),
    secretIds: [rec.getValue({ fieldId: ENDPOINT.secret }), rec.getValue({ fieldId: ENDPOINT.nextSecret })]
      .map((v) => (typeof v === 'string' ? v.trim() : ''))
      .filter(Boolean),
    inactive: rec.getValue({ fieldId: 'isinactive' }) === true,
    failures: Number(rec.getValue({ fieldId: ENDPOINT.failures }) || 0),
    failingSince: date instanceof Date ? date : null,
  };
}

/** What sending needs of a delivery record. */
export interface DeliveryState {
  status: unknown;
  nextAttempt: unknown;
  attempts: number;
  eventId: string;
  payload: string;
  attemptLog: string;
}

/** A delivery as stored: one load (2 units), so one that another run has just sent is skipped. */
function readDelivery(id: string): DeliveryState {
  const d = record.load({ type: DELIVERY.type, id });
  return {
    status: d.getValue({ fieldId: DELIVERY.status }),
    nextAttempt: d.getValue({ fieldId: DELIVERY.nextAttempt }),
    attempts: Number(d.getValue({ fieldId: DELIVERY.attempts }) || 0),
    eventId: String(d.getValue({ fieldId: DELIVERY.eventId })),
    payload: String(d.getValue({ fieldId: DELIVERY.payload })),
    attemptLog: String(d.getValue({ fieldId: DELIVERY.attemptLog }) || ''),
  };
}

/**
 * @param fresh deliveries this reduce has just written, by id: sent as written, without reading them back
 */
export function dispatchGroup(endpointId: string, deliveryIds: string[], now: () => Date, fresh: ReadonlyMap<string, DeliveryState> = new Map()): GroupResult {
  const result: GroupResult = { delivered: 0, retrying: 0, dead: 0, failed: 0, waiting: 0, endpointDisabled: null };
  const ep = endpointState(endpointId);
  if (ep.inactive) return result;
  const ids = [...deliveryIds].sort((a, b) => Number(a) - Number(b));
  let lastOutcome: 'delivered' | 'failed' | null = null;
  for (const id of ids) {
    const d = fresh.get(id) ?? readDelivery(id);
    if (d.status !== 'pending') continue;
    const due = d.nextAttempt;
    const at = now();
    if (due instanceof Date && due.getTime() > at.getTime()) {
      result.waiting += 1;
      break;
    }
    const attempts = d.attempts + 1;
    const sent = send({ url: ep.url, eventId: d.eventId, body: d.payload, secretIds: ep.secretIds, now: at });
    const ms = now().getTime() - at.getTime();
    const outcome = afterAttempt(attempts, sent.code, at.getTime(), retryAfterMs(sent.retryAfter, at.getTime()));
    const status: DeliveryStatus = outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'dead' ? 'dead' : outcome.kind === 'gone' ? 'failed' : 'pending';
    const values: Record<string, string | number | Date | null> = {
      [DELIVERY.attempts]: attempts,
      [DELIVERY.status]: status,
      [DELIVERY.lastCode]: sent.code ?? '',
      [DELIVERY.lastError]: sent.error ?? '',
      [DELIVERY.attemptLog]: appendAttempt(d.attemptLog, {
        at: at.toISOString(), code: sent.code, ms, error: sent.error, retryAfter: sent.retryAfter, response: sent.response,
      }),
    };
    if (outcome.kind === 'retry') values[DELIVERY.nextAttempt] = new Date(outcome.at);
    if (outcome.kind === 'delivered') values[DELIVERY.deliveredAt] = at;
    record.submitFields({ type: DELIVERY.type, id, values: values as Record<string, string | number | Date> });
    if (outcome.kind === 'delivered') {
      result.delivered += 1;
      lastOutcome = 'delivered';
      continue;
    }
    lastOutcome = 'failed';
    if (outcome.kind === 'gone') {
      result.failed += 1;
      result.endpointDisabled = `The receiver answered 410 Gone at ${at.toISOString()} (event ${d.eventId}).`;
    } else if (outcome.kind === 'dead') result.dead += 1;
    else result.retrying += 1;
    break;
  }
  if (lastOutcome) updateHealth(endpointId, ep, lastOutcome, result, now());
  return result;
}

/** Consecutive failures, failing-since, and disabling: on 410 at once, after DISABLE_AFTER_MS (5 days) of failures otherwise. */
function updateHealth(id: string, ep: EndpointState, last: 'delivered' | 'failed', result: GroupResult, at: Date): void {
  if (last === 'delivered') {
    if (ep.failures || ep.failingSince) record.submitFields({ type: ENDPOINT.type, id, values: { [ENDPOINT.failures]: 0, [ENDPOINT.failingSince]: '' } });
    return;
  }
  const since = ep.failingSince ?? at;
  if (!result.endpointDisabled && at.getTime() - since.getTime() >= DISABLE_AFTER_MS) {
    result.endpointDisabled = `Every delivery failed from ${since.toISOString()} to ${at.toISOString()} (${DISABLE_AFTER_MS / 86400000} days or more, longer than the whole retry schedule).`;
  }
  const values: Record<string, string | number | boolean | Date> = { [ENDPOINT.failures]: ep.failures + 1, [ENDPOINT.failingSince]: since };
  if (result.endpointDisabled) Object.assign(values, { isinactive: true, [ENDPOINT.disabledReason]: result.endpointDisabled });
  record.submitFields({ type: ENDPOINT.type, id, values });
}

