// @ts-check
'use strict';
/**
 * The context objects a Map/Reduce script's entry points receive: inputContext, mapContext, reduceContext
 * and summaryContext with its stage summaries and iterators. Built in the worker for one invocation; the
 * summary reads the run's state from SQLite (see store.js).
 */
const { guard, options } = require('../expose');
const { sandboxError } = require('../../errors');
const { stored } = require('./input');
const store = require('./store');

const MAX_KEY = 3000;
const MAX_VALUE = 10 * 1024 * 1024;

/** @typedef {import('../invocation').Invocation} Invocation @typedef {{ key: string, value: string }} Pair */

/**
 * An iterator as Map/Reduce hands them out: iterator().each(fn) calls fn with each item's arguments and
 * goes on only while fn returns true.
 * @param {Invocation} inv @param {() => unknown[][]} rows each row: the arguments of one call
 */
function iterable(inv, rows) {
  return {
    iterator: () => ({
      each: guard(inv.realm, (/** @type {(...a: unknown[]) => unknown} */ fn) => {
        if (typeof fn !== 'function') throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'iterator().each: pass a function (key, …) => true to go on.');
        for (const args of rows()) if (fn(...args) !== true) break;
      }),
    }),
  };
}

/** @param {Invocation} inv @param {Array<{ key: string, error: string, executionNo: number }>} errors */
const errorIterable = (inv, errors) => iterable(inv, () => errors.map((e) => [e.key, e.error, e.executionNo]));

/**
 * context.write({ key, value }) or context.write(key, value): non-string keys and values are JSON-stringified.
 * @param {Invocation} inv @param {Pair[]} written @param {string} where
 */
function writer(inv, written, where) {
  return guard(inv.realm, (/** @type {any[]} */ ...a) => {
    const o = options(a, ['key', 'value']);
    if (o.key === undefined || o.key === null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}.write: Missing a required argument: key`);
    const key = stored(o.key);
    const value = o.value === undefined ? '' : stored(o.value);
    if (key.length > MAX_KEY) throw sandboxError('KEY_LENGTH_IS_OVER_3000_BYTES', `${where}.write: the key is ${key.length} characters long; keys are limited to 3,000. Pass long data in the value.`);
    if (value.length > MAX_VALUE) throw sandboxError('VALUE_LENGTH_IS_OVER_10_MB', `${where}.write: the value is over 10 MB.`);
    written.push({ key, value });
  });
}

/** @param {{ isRestarted?: boolean }} t */
const inputContext = (t) => ({ isRestarted: !!t.isRestarted });

/**
 * @param {Invocation} inv @param {{ key: string, value: string, executionNo: number, errors: Array<{ key: string, error: string, executionNo: number }> }} t
 * @param {Pair[]} written
 */
function mapContext(inv, t, written) {
  return {
    key: t.key,
    value: t.value,
    isRestarted: t.executionNo > 1,
    executionNo: t.executionNo,
    errors: errorIterable(inv, t.errors),
    write: writer(inv, written, 'mapContext'),
  };
}

/**
 * @param {Invocation} inv @param {{ key: string, values: string[], executionNo: number, errors: Array<{ key: string, error: string, executionNo: number }> }} t
 * @param {Pair[]} written
 */
function reduceContext(inv, t, written) {
  return {
    key: t.key,
    values: inv.realm.copy(t.values),
    isRestarted: t.executionNo > 1,
    executionNo: t.executionNo,
    errors: errorIterable(inv, t.errors),
    write: writer(inv, written, 'reduceContext'),
  };
}

/** @param {string | null | undefined} a @param {string | null | undefined} b */
const seconds = (a, b) => (a && b ? Math.max(0, Math.round((Date.parse(b) - Date.parse(a)) / 1000)) : 0);

/**
 * summaryContext: what the input, map and reduce stages did, read from the run's state.
 * @param {Invocation} inv @param {string} taskId @param {{ isRestarted?: boolean }} t
 */
function summaryContext(inv, taskId, t) {
  const db = inv.engine.db;
  const task = store.getTask(db, taskId);
  if (!task) throw sandboxError('SSS_SANDBOX_TASK', `The run ${taskId} is not in the account.`);
  const st = store.stages(db, taskId);
  const nowIso = new Date(inv.engine.nowMs()).toISOString();
  const date = (/** @type {string | null | undefined} */ iso) => inv.realm.date(iso ? Date.parse(iso) : inv.engine.nowMs());
  const input = st.input;
  /** @param {'map' | 'reduce'} stage */
  const keyed = (stage) => {
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

module.exports = { inputContext, mapContext, reduceContext, summaryContext, iterable };
