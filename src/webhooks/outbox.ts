/**
 * The outbox: one delivery record per endpoint and event, written in the employee's save. Nothing is
 * sent here; the dispatcher sends. If the user event's governance would run short (many endpoints), the
 * rest go into one fan-out record that the dispatcher expands, so no event is lost.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import { DELIVERY } from './ids';

export interface Target {
  endpointId: string;
  eventId: string;
  eventType: string;
  employeeId: string;
  body: string;
}

/** record.create (2) + save (4) of a custom record. */
export const UNITS_PER_DELIVERY = 6;
/** Kept back for the dispatcher submit (20) and logging. */
const RESERVE = 40;

/** Status of a record that carries several targets for the dispatcher to expand. */
export const FANOUT = 'fanout';

function writeOne(fields: Record<string, string | number | Date>): number {
  const rec = record.create({ type: DELIVERY.type });
  for (const [fieldId, value] of Object.entries(fields)) rec.setValue({ fieldId, value });
  return rec.save();
}

/** @returns how many delivery records and fan-out records were written */
export function writeDeliveries(targets: Target[], now: Date): { deliveries: number; fanouts: number } {
  const script = runtime.getCurrentScript();
  let written = 0;
  for (; written < targets.length; written++) {
    if (script.getRemainingUsage() < UNITS_PER_DELIVERY * 2 + RESERVE) break;
    writeOne(deliveryFields(targets[written], now));
  }
  const rest = targets.slice(written);
  if (!rest.length) return { deliveries: written, fanouts: 0 };
  writeOne({
    name: `fan-out of ${rest.length} deliveries`,
    [DELIVERY.eventId]: rest[0].eventId,
    [DELIVERY.endpoint]: rest[0].endpointId,
    [DELIVERY.employee]: Number(rest[0].employeeId),
    [DELIVERY.status]: FANOUT,
    [DELIVERY.payload]: JSON.stringify(rest),
    [DELIVERY.attempts]: 0,
    [DELIVERY.nextAttempt]: now,
  });
  return { deliveries: written, fanouts: 1 };
}

export function deliveryFields(t: Target, now: Date): Record<string, string | number | Date> {
  return {
    name: `${t.eventType} ${t.employeeId}`,
    [DELIVERY.eventId]: t.eventId,
    [DELIVERY.endpoint]: t.endpointId,
    [DELIVERY.eventType]: t.eventType,
    [DELIVERY.employee]: Number(t.employeeId),
    [DELIVERY.payload]: t.body,
    [DELIVERY.status]: 'pending',
    [DELIVERY.attempts]: 0,
    [DELIVERY.nextAttempt]: now,
  };
}

/**
 * Expand a fan-out record into delivery records (the dispatcher does this with its larger budget). The
 * fan-out record is deleted last, so an expansion cut short (getInputData restarted after a server
 * restart, or a run that never resumed) is done again by a later run: it skips the deliveries already
 * written, which would otherwise go out twice as separate records. (One query, 10 units, per fan-out.)
 */
export function expandFanout(id: string, payload: string, now: Date): number {
  const targets = JSON.parse(payload) as Target[];
  const written = writtenBefore(targets);
  let n = 0;
  for (const t of targets) {
    if (written.has(`${t.endpointId}:${t.eventId}`)) continue;
    writeOne(deliveryFields(t, now));
    n += 1;
  }
  record.delete({ type: DELIVERY.type, id });
  return n;
}

/** The (endpoint, event) pairs of these targets that already have a delivery record. */
function writtenBefore(targets: Target[]): Set<string> {
  const eventIds = [...new Set(targets.map((t) => t.eventId))];
  const rows = query
    .runSuiteQL({
      query: `SELECT ${DELIVERY.endpoint} AS endpoint, ${DELIVERY.eventId} AS eventid FROM ${DELIVERY.type}
        WHERE ${DELIVERY.status} <> ? AND ${DELIVERY.eventId} IN (${eventIds.map(() => '?').join(', ')})`,
      params: [FANOUT, ...eventIds],
    })
    .asMappedResults();
  return new Set(rows.map((r) => `${String(r.endpoint)}:${String(r.eventid)}`));
}
