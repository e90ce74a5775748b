/**
 * The dispatcher's input and its report: outbox records to expand and pending deliveries of active
 * endpoints (one SuiteQL input, so neither is capped; pending deliveries first, then outbox records oldest
 * first, so that an input ever cut short loses only the newest outbox records, which the next run takes),
 * and a log of what a run did. New outbox records that arrived during the run (their save's submit was
 * refused because this run was busy) start another run at once: no event waits for the schedule, which is
 * a safety net.
 *
 * All the work runs on the on-demand deployment. NetSuite keeps one unfinished instance per deployment,
 * so two runs never send the same employee's events at once (which could reorder them or send one
 * twice); the scheduled deployment only asks the on-demand one to run.
 */
import * as query from 'N/query';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import type { GroupResult } from './dispatch';
import { submitDispatcher } from './employee-change';
import { alertDisabled, type Disabled } from './endpoint-alert';
import { DELIVERY, DISPATCH, ENDPOINT, OUTBOX } from './ids';

export type InputRow = { kind: 'outbox'; id: string } | { kind: 'delivery'; id: string; endpoint: string; employee: string };

export function dispatcherInput(): { type: 'suiteql'; query: string; params: string[] } | [] {
  if (runtime.getCurrentScript().deploymentId !== DISPATCH.onDemand) {
    submitDispatcher();
    return [];
  }
  return {
    type: 'suiteql',
    query: `SELECT 'outbox' AS kind, o.id AS id, 0 AS endpoint, o.${OUTBOX.employee} AS employee FROM ${OUTBOX.type} o
        WHERE o.${OUTBOX.done} = 'F'
      UNION ALL
      SELECT 'delivery' AS kind, d.id AS id, d.${DELIVERY.endpoint} AS endpoint, d.${DELIVERY.employee} AS employee FROM ${DELIVERY.type} d
        JOIN ${ENDPOINT.type} e ON e.id = d.${DELIVERY.endpoint}
        WHERE d.${DELIVERY.status} = ? AND e.isinactive = 'F'
      ORDER BY kind, id`,
    params: ['pending'],
  };
}

/** One row of the input, as map receives it. */
export function inputRow(value: string): InputRow {
  const [kind, id, endpoint, employee] = (JSON.parse(value) as { values: Array<string | number> }).values.map(String);
  return kind === 'outbox' ? { kind, id } : { kind: 'delivery', id, endpoint, employee };
}

/**
 * Outbox records not yet expanded after this run: saved while it ran, so their saves could not start a
 * run of their own. A run whose maps failed does not start another (the schedule retries), so a record
 * that cannot be expanded does not loop.
 */
export function startAgainIfNew(report: { mapErrors: number }): boolean {
  if (report.mapErrors) return false;
  const [row] = query
    .runSuiteQL({ query: `SELECT COUNT(*) AS n FROM ${OUTBOX.type} WHERE ${OUTBOX.targets} IS NULL AND ${OUTBOX.done} = 'F'` })
    .asMappedResults();
  if (!Number(row?.n)) return false;
  submitDispatcher();
  return true;
}

/** Logs the run and alerts about disabled endpoints. @returns how many map keys failed */
export function reportRun(summary: EntryPoints.MapReduce.summarizeContext): { mapErrors: number } {
  const totals: Omit<GroupResult, 'endpointDisabled'> = { delivered: 0, retrying: 0, dead: 0, failed: 0, waiting: 0 };
  const disabled: Disabled[] = [];
  summary.output.iterator().each((key, value) => {
    const r = JSON.parse(value) as GroupResult;
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += r[k];
    const endpoint = key.split(':')[0];
    if (r.endpointDisabled && !disabled.some((d) => d.endpoint === endpoint)) disabled.push({ endpoint, reason: r.endpointDisabled });
    return true;
  });
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  let mapErrors = 0;
  summary.mapSummary.errors.iterator().each((key, error) => {
    mapErrors += 1;
    errors.push(`map ${key}: ${error}`);
    return true;
  });
  summary.reduceSummary.errors.iterator().each((key, error) => { errors.push(`reduce ${key}: ${error}`); return true; });
  log.audit({ title: 'Webhook dispatch', details: JSON.stringify({ ...totals, endpointsDisabled: disabled, errors, usage: summary.usage, seconds: summary.seconds }) });
  for (const d of disabled) log.error({ title: 'Webhook endpoint disabled', details: `endpoint ${d.endpoint}: ${d.reason}` });
  alertDisabled(disabled);
  for (const e of errors) log.error({ title: 'Webhook dispatch error', details: e });
  return { mapErrors };
}
