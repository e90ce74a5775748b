import type { MapReduceSummary, TaskSummary } from '@employee-lifecycle/sandbox/runtime/mapreduce/store';

/** A finished task's summary as a Map/Reduce run's (with its map and reduce stages); fails the test for any other task. */
export function mr(s: TaskSummary): MapReduceSummary {
  if (s.kind !== 'MAP_REDUCE') throw new Error(`Expected a Map/Reduce task, got ${s.kind} (task ${s.taskId}).`);
  return s;
}
