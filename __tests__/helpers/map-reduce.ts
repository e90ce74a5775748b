import type { Account } from './temp-account';

/** What account.mapReduce.run and wait resolve to: a scheduled script's summary or a Map/Reduce run's. */
export type TaskSummary = Awaited<ReturnType<Account['mapReduce']['wait']>>;
/** The Map/Reduce run's summary, with its input, map, reduce and summarize stages. */
export type MapReduceSummary = Extract<TaskSummary, { stages: { map: unknown } }>;

const isMapReduce = (s: TaskSummary): s is MapReduceSummary => 'map' in s.stages;

/** A finished task's summary as a Map/Reduce run's; fails the test for any other task. */
export function mr(s: TaskSummary): MapReduceSummary {
  if (!isMapReduce(s)) throw new Error(`Expected a Map/Reduce task, got ${s.kind} (task ${s.taskId}).`);
  return s;
}
