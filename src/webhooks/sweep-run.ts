/**
 * The sweep's run: its window from the sweep record, and its report. The window advances only when a run
 * ends without errors, so a failed employee is reported and compared again next time (comparing is
 * idempotent: once its change is queued, the newest snapshot matches).
 *
 * All the comparing runs on the on-demand deployment: NetSuite keeps one unfinished instance per
 * deployment, so two sweeps never compare (and queue) the same change at once. The scheduled deployment,
 * and an admin who wants a sweep now, only submit it.
 */
import * as runtime from 'N/runtime';
import * as task from 'N/task';
import type { EntryPoints } from 'N/types';
import { submitDispatcher } from './employee-change';
import { SWEEP } from './ids';
import { sweepQuery, type SweepOutcome } from './sweep';
import { beginWindow, endWindow, startAt, suiteqlNow, sweepState, windowEnd } from './sweep-window';

const isSweeper = (): boolean => runtime.getCurrentScript().deploymentId === SWEEP.onDemand;

export function sweepInput(): ReturnType<typeof sweepQuery> | [] {
  if (!isSweeper()) {
    try {
      task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: SWEEP.script, deploymentId: SWEEP.onDemand }).submit();
    } catch (e) {
      log.audit({ title: 'Webhook change sweep already running', details: (e as Error).message });
    }
    return [];
  }
  const state = sweepState();
  if (!state.sweptTo) {
    startAt(state, suiteqlNow());
    return [];
  }
  const to = windowEnd();
  // The format sorts as text. A clock that went back leaves an empty window, not a gap.
  if (to <= state.sweptTo) {
    beginWindow(state, state.sweptTo);
    return [];
  }
  beginWindow(state, to);
  return sweepQuery(state.sweptTo, to);
}

export function reportSweep(summary: EntryPoints.MapReduce.summarizeContext): Record<SweepOutcome, number> | null {
  if (!isSweeper()) return null;
  const counts: Record<SweepOutcome, number> = { queued: 0, unchanged: 0, gone: 0, gapQueued: 0, deleteQueued: 0, removed: 0 };
  summary.output.iterator().each((key) => {
    if (key in counts) counts[key as SweepOutcome] += 1;
    return true;
  });
  const errors: string[] = [];
  if (summary.inputSummary.error) errors.push(`input: ${summary.inputSummary.error}`);
  summary.mapSummary.errors.iterator().each((key, error) => {
    errors.push(`map ${key}: ${error}`);
    return true;
  });
  const report = { ...counts, errors, usage: summary.usage, seconds: summary.seconds };
  endWindow(report, errors.length === 0);
  if (counts.queued + counts.gapQueued + counts.deleteQueued) submitDispatcher();
  log.audit({ title: 'Webhook change sweep', details: JSON.stringify(report) });
  for (const e of errors) log.error({ title: 'Webhook change sweep error', details: e });
  return counts;
}
