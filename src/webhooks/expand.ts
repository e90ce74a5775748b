/**
 * Outbox records become deliveries in the dispatcher, not in the save. map: decide once which active
 * endpoints take which of the save's events, keep that list on the outbox record, and hand each target to
 * the reduce of its endpoint and employee. reduce: write the delivery record just before sending, so a
 * new event goes out in the run that expanded it. A later run marks the outbox record expanded once every
 * target has its delivery; if a run dies in between, the next one writes only the deliveries still
 * missing. The record itself stays: the newest per employee is what the change sweep compares with.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import type { EventType } from './classify';
import { typesFor } from './endpoint-config';
import { activeEndpoints } from './endpoints';
import { DELIVERY, OUTBOX } from './ids';
import type { DeliveryState } from './dispatch';
import type { QueuedEvent } from './outbox';

interface Target {
  endpoint: string;
  eventId: string;
}

/** What map hands to reduce for one target (the reduce key is `${endpoint}:${employee}`). */
export interface TargetValue {
  outbox: number;
  order: number;
  endpoint: string;
  employee: string;
  event: QueuedEvent;
}

export function expandOutbox(id: string): Array<{ key: string; value: TargetValue }> {
  const rec = record.load({ type: OUTBOX.type, id });
  const employee = String(rec.getValue({ fieldId: OUTBOX.employee }));
  const events = JSON.parse(String(rec.getValue({ fieldId: OUTBOX.events }))) as QueuedEvent[];
  const decided = String(rec.getValue({ fieldId: OUTBOX.targets }) || '');
  let targets: Target[];
  if (!decided) {
    const changed = String(rec.getValue({ fieldId: OUTBOX.changed }) || '').split(',').filter(Boolean);
    const types = events.map((e) => e.type);
    targets = activeEndpoints().flatMap((ep) =>
      typesFor(ep, types, changed).map((type: EventType) => ({ endpoint: ep.id, eventId: (events.find((e) => e.type === type) as QueuedEvent).id })));
    if (targets.length) record.submitFields({ type: OUTBOX.type, id, values: { [OUTBOX.targets]: JSON.stringify(targets) } });
    else markExpanded(id, '[]');
  } else {
    const written = deliveriesOf(events.map((e) => e.id));
    targets = (JSON.parse(decided) as Target[]).filter((t) => !written.has(`${t.endpoint}:${t.eventId}`));
  }
  if (!targets.length) {
    if (decided) markExpanded(id, decided);
    return [];
  }
  const order = new Map(events.map((e, i) => [e.id, i]));
  return targets.map((t) => ({
    key: `${t.endpoint}:${employee}`,
    value: { outbox: Number(id), order: order.get(t.eventId) ?? 0, endpoint: t.endpoint, employee, event: events[order.get(t.eventId) ?? 0] },
  }));
}

/** Every target has its delivery (or there were none): later runs skip this record (2 units). */
function markExpanded(id: string, targets: string): void {
  record.submitFields({ type: OUTBOX.type, id, values: { [OUTBOX.targets]: targets, [OUTBOX.done]: true } });
}

/**
 * Delivery records for one endpoint's targets, in save order. After a restart some may exist already:
 * those are looked up (one query) and reused instead of written twice (and read back before sending).
 * @returns the delivery ids, oldest save first, and the state of those written here (sent as written)
 */
export function writeDeliveries(targets: TargetValue[], restarted: boolean, now: Date): { ids: string[]; fresh: Map<string, DeliveryState> } {
  const sorted = [...targets].sort((a, b) => a.outbox - b.outbox || a.order - b.order);
  const existing = restarted && sorted.length ? deliveriesOf(sorted.map((t) => t.event.id)) : new Map<string, string>();
  const fresh = new Map<string, DeliveryState>();
  const ids = sorted.map((t) => {
    const found = existing.get(`${t.endpoint}:${t.event.id}`);
    if (found) return found;
    const id = String(writeDelivery(t, now));
    fresh.set(id, { status: 'pending', nextAttempt: now, attempts: 0, eventId: t.event.id, payload: t.event.body, attemptLog: '' });
    return id;
  });
  return { ids, fresh };
}

function writeDelivery(t: TargetValue, now: Date): number {
  const rec = record.create({ type: DELIVERY.type });
  const values: Record<string, string | number | Date> = {
    name: `${t.event.type} ${t.employee}`,
    [DELIVERY.eventId]: t.event.id,
    [DELIVERY.endpoint]: Number(t.endpoint),
    [DELIVERY.eventType]: t.event.type,
    [DELIVERY.employee]: Number(t.employee),
    [DELIVERY.payload]: t.event.body,
    [DELIVERY.status]: 'pending',
    [DELIVERY.attempts]: 0,
    [DELIVERY.nextAttempt]: now,
  };
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
  return rec.save();
}

/** `${endpoint}:${eventId}` → delivery id, for these events (10 units). */
function deliveriesOf(eventIds: string[]): Map<string, string> {
  const ids = [...new Set(eventIds)];
  const rows = query
    .runSuiteQL({
      query: `SELECT id, ${DELIVERY.endpoint} AS endpoint, ${DELIVERY.eventId} AS eventid FROM ${DELIVERY.type}
        WHERE ${DELIVERY.eventId} IN (${ids.map(() => '?').join(', ')})`,
      params: ids,
    })
    .asMappedResults();
  return new Map(rows.map((r) => [`${String(r.endpoint)}:${String(r.eventid)}`, String(r.id)]));
}
