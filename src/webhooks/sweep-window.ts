/**
 * The window of employee changes a sweep compares, and the one record that remembers how far the sweeps
 * have come. Times are text in SuiteQL's own frame (TO_CHAR of SYSDATE), compared with TO_DATE, so no
 * JavaScript time zone enters: each window starts where the last one ended, and none is skipped.
 *
 * Assumed, unverified (the one place it is assumed): SYSDATE and the employee's lastmodifieddate read in
 * the same time zone in SuiteQL. If they did not, windows would still be contiguous (both ends come from
 * SYSDATE), only GRACE_MINUTES would be off by the difference.
 */
import * as query from 'N/query';
import * as record from 'N/record';
import { SWEEP } from './ids';

export const TIME_FORMAT = 'YYYY-MM-DD HH24:MI:SS';

/**
 * Changes younger than this are left to the next sweep: their afterSubmit may still be writing the
 * outbox record (a sweep that compared them now would send the change twice).
 */
export const GRACE_MINUTES = 5;

export interface SweepState {
  id: number;
  sweptTo: string | null;
}

/** The sweep record, created on the first run (query 10 units; create 2 + save 4 the first time). */
export function sweepState(): SweepState {
  const [row] = query
    .runSuiteQL({ query: `SELECT id, ${SWEEP.sweptTo} AS sweptto FROM ${SWEEP.type} WHERE isinactive = 'F' ORDER BY id` })
    .asMappedResults();
  if (row) return { id: Number(row.id), sweptTo: typeof row.sweptto === 'string' && row.sweptto ? row.sweptto : null };
  const rec = record.create({ type: SWEEP.type });
  rec.setValue({ fieldId: 'name', value: 'Employee change sweep' });
  return { id: rec.save(), sweptTo: null };
}

/** SuiteQL's now, less the grace, as text (10 units). */
export function windowEnd(): string {
  const [row] = query
    .runSuiteQL({ query: `SELECT TO_CHAR(SYSDATE - ? / 1440, '${TIME_FORMAT}') AS t FROM DUAL`, params: [GRACE_MINUTES] })
    .asMappedResults();
  return String(row.t);
}

/** SuiteQL's now as text: the first sweep's starting point (10 units). */
export function suiteqlNow(): string {
  const [row] = query.runSuiteQL({ query: `SELECT TO_CHAR(SYSDATE, '${TIME_FORMAT}') AS t FROM DUAL` }).asMappedResults();
  return String(row.t);
}

export function beginWindow(state: SweepState, to: string): void {
  record.submitFields({ type: SWEEP.type, id: state.id, values: { [SWEEP.sweepingTo]: to } });
}

/** The run ends: with no errors the window is done; with errors it is compared again next time. */
export function endWindow(report: Record<string, unknown>, complete: boolean): void {
  const [row] = query
    .runSuiteQL({ query: `SELECT id, ${SWEEP.sweepingTo} AS sweepingto FROM ${SWEEP.type} WHERE isinactive = 'F' ORDER BY id` })
    .asMappedResults();
  if (!row) return;
  const values: Record<string, string> = { [SWEEP.report]: JSON.stringify(report) };
  if (complete && typeof row.sweepingto === 'string' && row.sweepingto) values[SWEEP.sweptTo] = row.sweepingto;
  record.submitFields({ type: SWEEP.type, id: Number(row.id), values });
}

/** The first run starts the record at now: changes before the bundle's first sweep are not compared. */
export function startAt(state: SweepState, now: string): void {
  record.submitFields({ type: SWEEP.type, id: state.id, values: { [SWEEP.sweptTo]: now, [SWEEP.report]: JSON.stringify({ started: now }) } });
}
