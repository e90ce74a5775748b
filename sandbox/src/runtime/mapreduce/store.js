// @ts-check
'use strict';
/**
 * A task's state in SQLite (sb_task, sb_mr_stage, sb_mr_key, sb_mr_error, sb_mr_output): written by the
 * orchestrator on the main thread after each stage invocation, read by workers (task.checkStatus, the
 * summarize stage) and by account.mapReduce.wait. Everything a run needs to go on after the process dies
 * is here: the input entries, each key's status and attempts, what each key wrote, every error.
 */

/** @typedef {import('better-sqlite3').Database} Db */
/**
 * @typedef {{ seq: number, id: string, kind: 'MAP_REDUCE' | 'SCHEDULED_SCRIPT', script: string, deployment: string,
 *   status: 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED', stage: string | null, source: string, params: string,
 *   user: number, role: number, config: string | null, submitted: string, started: string | null, ended: string | null,
 *   units: number, errors: number, output_count: number, restarts: number, error: string | null }} TaskRow
 * @typedef {{ task: string, stage: string, status: string, started: string | null, ended: string | null, units: number,
 *   concurrency: number, error: string | null }} StageRow
 * @typedef {{ task: string, stage: string, seq: number, key: string, value: string, status: string, attempts: number, units: number }} KeyRow
 * @typedef {{ key: string, error: string, executionNo: number }} KeyError
 * @typedef {{ key: string, value: string }} Pair
 */

/** The error recorded for a key whose invocation was cut short by a restart of the sandbox. */
const RESTART_ERROR = 'SSS_APP_SERVER_RESTART';

/** @param {Db} db @param {Omit<TaskRow, 'seq' | 'stage' | 'config' | 'started' | 'ended' | 'units' | 'errors' | 'output_count' | 'restarts' | 'error'>} t */
function insertTask(db, t) {
  db.prepare(`INSERT INTO sb_task (id, kind, script, deployment, status, source, params, user, role, submitted)
    VALUES (@id, @kind, @script, @deployment, @status, @source, @params, @user, @role, @submitted)`).run(t);
}

/** @param {Db} db @param {string} id @returns {TaskRow | undefined} */
const getTask = (db, id) => /** @type {TaskRow | undefined} */ (db.prepare('SELECT * FROM sb_task WHERE id = ?').get(id));

/** Tasks not finished yet (oldest first), of one deployment or of all. @param {Db} db @param {string} [deployment] @returns {TaskRow[]} */
function unfinishedTasks(db, deployment) {
  return /** @type {TaskRow[]} */ (db.prepare(`SELECT * FROM sb_task WHERE status IN ('PENDING', 'PROCESSING')
    AND (? IS NULL OR deployment = ?) ORDER BY seq`).all(deployment ?? null, deployment ?? null));
}

/** @param {Db} db @param {{ script?: string, deployment?: string, limit?: number }} [f] @returns {TaskRow[]} */
function listTasks(db, f = {}) {
  return /** @type {TaskRow[]} */ (db.prepare(`SELECT * FROM sb_task WHERE (? IS NULL OR script = ?) AND (? IS NULL OR deployment = ?)
    ORDER BY seq DESC LIMIT ?`).all(f.script ?? null, f.script ?? null, f.deployment ?? null, f.deployment ?? null, f.limit ?? 100));
}

/** @param {Db} db @param {string} id @param {Partial<TaskRow>} fields */
function updateTask(db, id, fields) {
  const names = Object.keys(fields);
  if (!names.length) return;
  db.prepare(`UPDATE sb_task SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
}

/** @param {Db} db @param {string} task @param {string} stage @returns {StageRow | undefined} */
const getStage = (db, task, stage) => /** @type {StageRow | undefined} */ (db.prepare('SELECT * FROM sb_mr_stage WHERE task = ? AND stage = ?').get(task, stage));

/** @param {Db} db @param {string} task @returns {Record<string, StageRow>} */
function stages(db, task) {
  const rows = /** @type {StageRow[]} */ (db.prepare('SELECT * FROM sb_mr_stage WHERE task = ?').all(task));
  return Object.fromEntries(rows.map((r) => [r.stage, r]));
}

/** Start (or restart) a stage. @param {Db} db @param {string} task @param {string} stage @param {number} concurrency @param {string} now */
function startStage(db, task, stage, concurrency, now) {
  db.prepare(`INSERT INTO sb_mr_stage (task, stage, status, started, concurrency) VALUES (?, ?, 'RUNNING', ?, ?)
    ON CONFLICT(task, stage) DO UPDATE SET status = 'RUNNING'`).run(task, stage, now, concurrency);
}

/**
 * @param {Db} db @param {string} task @param {string} stage
 * @param {{ status: 'DONE' | 'FAILED', now: string, units?: number, error?: string | null }} end
 *   units: the stage's own; map and reduce add up their keys' units when left out
 */
function endStage(db, task, stage, end) {
  const units = end.units ?? Number(/** @type {{ u: number | null }} */ (db.prepare('SELECT SUM(units) AS u FROM sb_mr_key WHERE task = ? AND stage = ?').get(task, stage)).u || 0);
  db.prepare('UPDATE sb_mr_stage SET status = ?, ended = ?, units = ?, error = ? WHERE task = ? AND stage = ?')
    .run(end.status, end.now, units, end.error ?? null, task, stage);
}

/**
 * The input stage's entries become the keys of the first keyed stage: map keys with their value, or
 * (without a map stage) reduce keys with their one value.
 * @param {Db} db @param {string} task @param {Pair[]} entries @param {'map' | 'reduce'} stage
 */
function saveInput(db, task, entries, stage) {
  db.transaction(() => {
    clearKeys(db, task);
    const ins = db.prepare('INSERT INTO sb_mr_key (task, stage, seq, key, value) VALUES (?, ?, ?, ?, ?)');
    entries.forEach((e, i) => ins.run(task, stage, i, e.key, stage === 'map' ? e.value : JSON.stringify([e.value])));
  }).immediate();
}

/** @param {Db} db @param {string} task */
function clearKeys(db, task) {
  for (const t of ['sb_mr_key', 'sb_mr_error', 'sb_mr_output']) db.prepare(`DELETE FROM ${t} WHERE task = ?`).run(task);
}

/**
 * The shuffle: map output grouped by key, keys in order of their first write, values in lexicographical
 * order (Oracle's reduceContext.values page says so).
 * @param {Db} db @param {string} task
 */
function shuffle(db, task) {
  db.transaction(() => {
    db.prepare("DELETE FROM sb_mr_key WHERE task = ? AND stage = 'reduce'").run(task);
    db.prepare("DELETE FROM sb_mr_error WHERE task = ? AND stage = 'reduce'").run(task);
    db.prepare("DELETE FROM sb_mr_output WHERE task = ? AND stage = 'reduce'").run(task);
    /** @type {Map<string, string[]>} */
    const groups = new Map();
    for (const { key, value } of outputs(db, task, 'map')) {
      const list = groups.get(key);
      if (list) list.push(value);
      else groups.set(key, [value]);
    }
    const ins = db.prepare("INSERT INTO sb_mr_key (task, stage, seq, key, value) VALUES (?, 'reduce', ?, ?, ?)");
    let seq = 0;
    for (const [key, values] of groups) ins.run(task, seq++, key, JSON.stringify(values.sort()));
  }).immediate();
}

/** Keys still to run: PENDING, and RUNNING ones a restart interrupted. @param {Db} db @param {string} task @param {string} stage @returns {KeyRow[]} */
function keysToRun(db, task, stage) {
  return /** @type {KeyRow[]} */ (db.prepare(`SELECT * FROM sb_mr_key WHERE task = ? AND stage = ? AND status IN ('PENDING', 'RUNNING') ORDER BY seq`).all(task, stage));
}

/** @param {Db} db @param {string} task @param {string} stage @returns {KeyRow[]} */
function stageKeys(db, task, stage) {
  return /** @type {KeyRow[]} */ (db.prepare('SELECT * FROM sb_mr_key WHERE task = ? AND stage = ? ORDER BY seq').all(task, stage));
}

/** @param {Db} db @param {string} task @param {string} stage @param {string} key @param {number} executionNo */
function startKey(db, task, stage, key, executionNo) {
  db.prepare("UPDATE sb_mr_key SET status = 'RUNNING', attempts = ? WHERE task = ? AND stage = ? AND key = ?").run(executionNo, task, stage, key);
}

/**
 * A key's invocation ended well: what it wrote replaces anything an earlier attempt wrote.
 * @param {Db} db @param {string} task @param {string} stage @param {string} key @param {Pair[]} written @param {number} units
 */
function keyDone(db, task, stage, key, written, units) {
  db.transaction(() => {
    db.prepare('DELETE FROM sb_mr_output WHERE task = ? AND stage = ? AND source = ?').run(task, stage, key);
    const ins = db.prepare('INSERT INTO sb_mr_output (task, stage, source, seq, key, value) VALUES (?, ?, ?, ?, ?, ?)');
    written.forEach((w, i) => ins.run(task, stage, key, i, w.key, w.value));
    db.prepare("UPDATE sb_mr_key SET status = 'DONE', units = units + ? WHERE task = ? AND stage = ? AND key = ?").run(units, task, stage, key);
  }).immediate();
}

/**
 * One failed attempt of a key; final: no retry is left, the key is FAILED.
 * @param {Db} db @param {string} task @param {string} stage @param {string} key
 * @param {{ executionNo: number, error: string, units: number, final: boolean, now: string }} f
 */
function keyAttemptFailed(db, task, stage, key, f) {
  db.transaction(() => {
    addError(db, task, stage, key, f.executionNo, f.error, f.now);
    db.prepare('UPDATE sb_mr_key SET status = ?, units = units + ? WHERE task = ? AND stage = ? AND key = ?')
      .run(f.final ? 'FAILED' : 'PENDING', f.units, task, stage, key);
  }).immediate();
}

/** @param {Db} db @param {string} task @param {string} stage @param {string} key @param {number} executionNo @param {string} error @param {string} now */
function addError(db, task, stage, key, executionNo, error, now) {
  db.prepare('INSERT INTO sb_mr_error (task, stage, key, execution_no, error, at) VALUES (?, ?, ?, ?, ?, ?)').run(task, stage, key, executionNo, error, now);
}

/** Errors of one key, or of the whole stage, in the order they happened. @param {Db} db @param {string} task @param {string} stage @param {string} [key] @returns {KeyError[]} */
function errors(db, task, stage, key) {
  return /** @type {KeyError[]} */ (db.prepare(`SELECT key, error, execution_no AS executionNo FROM sb_mr_error
    WHERE task = ? AND stage = ? AND (? IS NULL OR key = ?) ORDER BY rowid`).all(task, stage, key ?? null, key ?? null));
}

/** How many of a key's failures were the script's own (restarts of the sandbox do not use up retries). @param {Db} db @param {string} task @param {string} stage @param {string} key */
function scriptFailures(db, task, stage, key) {
  return errors(db, task, stage, key).filter((e) => !e.error.includes(`"name":"${RESTART_ERROR}"`)).length;
}

/** What a stage wrote, in key order then write order. @param {Db} db @param {string} task @param {string} stage @returns {Pair[]} */
function outputs(db, task, stage) {
  return /** @type {Pair[]} */ (db.prepare(`SELECT o.key, o.value FROM sb_mr_output o
    JOIN sb_mr_key k ON k.task = o.task AND k.stage = o.stage AND k.key = o.source
    WHERE o.task = ? AND o.stage = ? ORDER BY k.seq, o.seq`).all(task, stage));
}

/** @param {Db} db @param {string} task @param {string} stage */
function keyCounts(db, task, stage) {
  const rows = /** @type {Array<{ status: string, n: number }>} */ (db.prepare('SELECT status, COUNT(*) AS n FROM sb_mr_key WHERE task = ? AND stage = ? GROUP BY status').all(task, stage));
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const total = rows.reduce((s, r) => s + r.n, 0);
  return { total, done: (by.DONE || 0) + (by.FAILED || 0), failed: by.FAILED || 0 };
}

/**
 * The parsed `config` and entry points of a run, as the input stage found them.
 * @param {TaskRow} t @returns {{ retryCount: number, exitOnError: boolean, hasMap: boolean, hasReduce: boolean, hasSummarize: boolean } | null}
 */
const runConfig = (t) => (t.config ? JSON.parse(t.config) : null);

/**
 * What account.mapReduce.wait resolves to: the task's status, each stage's usage and errors, and the
 * final output (reduce's, or map's when there is no reduce stage).
 * @param {Db} db @param {string} id
 */
function summary(db, id) {
  const t = getTask(db, id);
  if (!t) throw new Error(`No task ${id} in this account.`);
  const st = stages(db, id);
  const head = { taskId: t.id, kind: t.kind, script: t.script, deployment: t.deployment, status: t.status, submitted: t.submitted, started: t.started, ended: t.ended, usage: t.units };
  if (t.kind === 'SCHEDULED_SCRIPT') {
    return { ...head, stages: { execute: { usage: st.execute?.units ?? 0, error: st.execute?.error ?? undefined } }, output: [] };
  }
  const cfg = runConfig(t);
  /** @param {'map' | 'reduce'} stage */
  const keyed = (stage) => ({
    keys: stageKeys(db, id, stage).map((k) => k.key),
    errors: errors(db, id, stage),
    usage: st[stage]?.units ?? 0,
    concurrency: st[stage]?.concurrency ?? 0,
  });
  return {
    ...head,
    stages: {
      input: { usage: st.input?.units ?? 0, error: st.input?.error ?? undefined },
      map: keyed('map'),
      reduce: keyed('reduce'),
      summarize: { usage: st.summarize?.units ?? 0, error: st.summarize?.error ?? undefined },
    },
    output: cfg ? outputs(db, id, cfg.hasReduce ? 'reduce' : 'map') : [],
  };
}

module.exports = {
  RESTART_ERROR, insertTask, getTask, unfinishedTasks, listTasks, updateTask, getStage, stages, startStage, endStage,
  saveInput, clearKeys, shuffle, keysToRun, stageKeys, startKey, keyDone, keyAttemptFailed, addError, errors,
  scriptFailures, outputs, keyCounts, runConfig, summary,
};
