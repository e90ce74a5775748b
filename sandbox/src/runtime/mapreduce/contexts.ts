/**
 * The context objects a Map/Reduce script's entry points receive: inputContext, mapContext, reduceContext
 * and summaryContext with its stage summaries and iterators. Built in the worker for one invocation; the
 * summary reads the run's state from SQLite (see store.js).
 */
import { guard, options } from '../expose';
import { sandboxError } from '../../errors';
import { stored } from './input';
import * as store from './store';
import type { Invocation } from '../invocation';
import type { Pair, KeyError } from './store';

const MAX_KEY = 3000;
const MAX_VALUE = 10 * 1024 * 1024;


/**
 * An iterator as Map/Reduce hands them out: iterator().each(fn) calls fn with each item's arguments and
 * goes on only while fn returns true.
 * @param rows each row: the arguments of one call
 */
export function iterable(inv: Invocation, rows: () => unknown[][]) {
  return {
    iterator: () => ({
      each: guard(inv.realm, (fn: (...a: unknown[]) => unknown) => {
        if (typeof fn !== 'function') throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'iterator().each: pass a function (key, …) => true to go on.');
        for (const args of rows()) if (fn(...args) !== true) break;
      }),
    }),
  };
}

const errorIterable = (inv: Invocation, errors: KeyError[]) => iterable(inv, () => errors.map((e) => [e.key, e.error, e.executionNo]));

/**
 * context.write({ key, value }) or context.write(key, value): non-string keys and values are JSON-stringified.
 */
function writer(inv: Invocation, written: Pair[], where: string) {
  return guard(inv.realm, (...a: unknown[]) => {
    const o = options(a, ['key', 'value']);
    if (o.key === undefined || o.key === null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}.write: Missing a required argument: key`);
    const key = stored(o.key);
    const value = o.value === undefined ? '' : stored(o.value);
    if (key.length > MAX_KEY) throw sandboxError('KEY_LENGTH_IS_OVER_3000_BYTES', `${where}.write: the key is ${key.length} characters long; keys are limited to 3,000. Pass long data in the value.`);
    if (value.length > MAX_VALUE) throw sandboxError('VALUE_LENGTH_IS_OVER_10_MB', `${where}.write: the value is over 10 MB.`);
    written.push({ key, value });
  });
}

export const inputContext = (t: { isRestarted?: boolean }) => ({ isRestarted: !!t.isRestarted });

export function mapContext(inv: Invocation, t: { key: string, value: string, executionNo: number, errors: KeyError[] }, written: Pair[]) {
  return {
    key: t.key,
    value: t.value,
    isRestarted: t.executionNo > 1,
    executionNo: t.executionNo,
    errors: errorIterable(inv, t.errors),
    write: writer(inv, written, 'mapContext'),
  };
}

export function reduceContext(inv: Invocation, t: { key: string, values: string[], executionNo: number, errors: KeyError[] }, written: Pair[]) {
  return {
    key: t.key,
    values: inv.realm.copy(t.values),
    isRestarted: t.executionNo > 1,
    executionNo: t.executionNo,
    errors: errorIterable(inv, t.errors),
    write: writer(inv, written, 'reduceContext'),
  };
}

const seconds = (a: string | null | undefined, b: string | null | undefined) => (a && b ? Math.max(0, Math.round((Date.parse(b) - Date.parse(a)) / 1000)) : 0);

/**
 * summaryContext: what the input, map and reduce stages did, read from the run's state.
 */
export function summaryContext(inv: Invocation, taskId: string, t: { isRestarted?: boolean }) {
  const db = inv.engine.db;
  const task = store.getTask(db, taskId);
  if (!task) throw sandboxError('SSS_SANDBOX_TASK', `The run ${taskId} is not in the account.`);
  const st = store.stages(db, taskId);
  const nowIso = new Date(inv.engine.nowMs()).toISOString();
  const date = (iso: string | null | undefined) => inv.realm.date(iso ? Date.parse(iso) : inv.engine.nowMs());
  const input = st.input;
  const keyed = (stage: 'map' | 'reduce') => {
    const s = st[stage];
    const keys = store.stageKeys(db, taskId, stage);
    return {
      dateCreated: date(s?.started),
      seconds: seconds(s?.started, s?.ended),
      usage: s?.units ?? 0,
      concurrency: s?.concurrency ?? 0,
      yields: 0,
      keys: iterable(inv, () => keys.map((k) => [k.key, k.attempts, k.status === 'DONE' ? 'COMPLETE' : k.status === 'FAILED' ? 'FAILED' : 'PENDING'])),
      errors: errorIterable(inv, store.errors(db, taskId, stage)),
    };
  };
  const cfg = store.runConfig(task);
  const output = cfg ? store.outputs(db, taskId, cfg.hasReduce ? 'reduce' : 'map') : [];
  const usage = ['input', 'map', 'reduce'].reduce((sum, s) => sum + (st[s]?.units ?? 0), 0);
  return {
    dateCreated: date(task.started),
    seconds: seconds(task.started, nowIso),
    usage,
    concurrency: Math.max(st.map?.concurrency ?? 0, st.reduce?.concurrency ?? 0, 1),
    yields: 0,
    isRestarted: !!t.isRestarted,
    inputSummary: {
      dateCreated: date(input?.started),
      seconds: seconds(input?.started, input?.ended),
      usage: input?.units ?? 0,
      error: input?.error ?? undefined,
    },
    mapSummary: keyed('map'),
    reduceSummary: keyed('reduce'),
    output: iterable(inv, () => output.map((o) => [o.key, o.value])),
  };
}
