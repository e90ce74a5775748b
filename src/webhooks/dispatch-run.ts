/**
 * The dispatcher's input and its report: expand fan-out records, list pending deliveries of active
 * endpoints, and log what a run did.
 */
import * as query from 'N/query';
import type { EntryPoints } from 'N/types';
import type { GroupResult } from './dispatch';
import { DELIVERY, ENDPOINT } from './ids';
import { expandFanout, FANOUT } from './outbox';

export function pendingDeliveries(): { type: 'suiteql'; query: string; params: string[] } {
  const fanouts = query
    .runSuiteQL({ query: `SELECT id, ${DELIVERY.payload} AS payload FROM ${DELIVERY.type} WHERE ${DELIVERY.status} = ? ORDER BY id`, params: [FANOUT] })
    .asMappedResults();
  for (const f of fanouts) expandFanout(String(f.id), String(f.payload), new Date());
  return {
    type: 'suiteql',
    query: `SELECT d.id, d.${DELIVERY.endpoint}, d.${DELIVERY.employee} FROM ${DELIVERY.type} d
      JOIN ${ENDPOINT.type} e ON e.id = d.${DELIVERY.endpoint}
      WHERE d.${DELIVERY.status} = ? AND e.isinactive = 'F' ORDER BY d.id`,
    params: ['pending'],
  };
}

export function reportRun(summary: EntryPoints.MapReduce.summarizeContext): void {
  const totals: Omit<GroupResult, 'endpointDisabled'> = { delivered: 0, retrying: 0, dead: 0, failed: 0, waiting: 0 };
  const disabled: string[] = [];
  summary.output.iterator().each((key, value) => {
    const r = JSON.parse(value) as GroupResult;
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += r[k];
    if (r.endpointDisabled) disabled.push(`endpoint ${key.split(':')[0]}: ${r.endpointDisabled}`);
    return true;
  });
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  summary.mapSummary.errors.iterator().each((key, error) => { errors.push(`map ${key}: ${error}`); return true; });
  summary.reduceSummary.errors.iterator().each((key, error) => { errors.push(`reduce ${key}: ${error}`); return true; });
  log.audit({ title: 'Webhook dispatch', details: JSON.stringify({ ...totals, endpointsDisabled: disabled, errors, usage: summary.usage, seconds: summary.seconds }) });
  for (const d of disabled) log.error({ title: 'Webhook endpoint disabled', details: d });
  for (const e of errors) log.error({ title: 'Webhook dispatch error', details: e });
}
