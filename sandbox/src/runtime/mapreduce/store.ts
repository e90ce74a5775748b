/**
 * A task's state in SQLite (sb_task, sb_mr_stage, sb_mr_key, sb_mr_error, sb_mr_output): written by the
 * orchestrator on the main thread after each stage invocation, read by workers (task.checkStatus, the
 * summarize stage) and by account.mapReduce.wait. Everything a run needs to go on after the process dies
 * is here: the input entries, each key's status and attempts, what each key wrote, every error.
 */

import type { Database } from 'better-sqlite3';

export type Db = Database;
export interface TaskRow {
  seq: number, id: string, kind: 'MAP_REDUCE' | 'SCHEDULED_SCRIPT', script: string, deployment: string,
  status: 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED', stage: string | null, source: string, params: string,
  user: number, role: number, config: string | null, submitted: string, started: string | null, ended: string | null,
  units: number, errors: number, output_count: number, restarts: number, error: string | null,
}
export interface StageRow {
  task: string, stage: string, status: string, started: string | null, ended: string | null, units: number,
  concurrency: number, error: string | null,
}
export interface KeyRow { task: string, stage: string, seq: number, key: string, value: string, status: string, attempts: number, units: number }
export interface KeyError { key: string, error: string, executionNo: number }
export interface Pair { key: string, value: string }
/** The parsed `config` of a run and which entry points its script has, as the input stage found them. */
export interface RunConfig { retryCount: number, exitOnError: boolean, hasMap: boolean, hasReduce: boolean, hasSummarize: boolean }

/** The error recorded for a key whose invocation was cut short by a restart of the sandbox. */
export const RESTART_ERROR = 'SSS_APP_SERVER_RESTART';

export function insertTask(db: Db, t: Omit<TaskRow, 'seq' | 'stage' | 'config' | 'started' | 'ended' | 'units' | 'errors' | 'output_count' | 'restarts' | 'error'>): void {
  db.prepare(`INSERT INTO sb_task (id, kind, script, deployment, status, source, params, user, role, submitted)
    VALUES (@id, @kind, @script, @deployment, @status, @source, @params, @user, @role, @submitted)`).run(t);
}

export const getTask = (db: Db, id: string): TaskRow | undefined => db.prepare<[string], TaskRow>('SELECT * FROM sb_task WHERE id = ?').get(id);

/** Tasks not finished yet (oldest first), of one deployment or of all. */
export function unfinishedTasks(db: Db, deployment?: string): TaskRow[] {
  return db.prepare<[string | null, string | null], TaskRow>(`SELECT * FROM sb_task WHERE status IN ('PENDING', 'PROCESSING')
    AND (? IS NULL OR deployment = ?) ORDER BY seq`).all(deployment ?? null, deployment ?? null);
}

export function listTasks(db: Db, f: { script?: string, deployment?: string, limit?: number } = {}): TaskRow[] {
  return db.prepare<[string | null, string | null, string | null, string | null, number], TaskRow>(`SELECT * FROM sb_task WHERE (? IS NULL OR script = ?) AND (? IS NULL OR deployment = ?)
    ORDER BY seq DESC LIMIT ?`).all(f.script ?? null, f.script ?? null, f.deployment ?? null, f.deployment ?? null, f.limit ?? 100);
}

export function updateTask(db: Db, id: string, fields: Partial<TaskRow>): void {
  const names = Object.keys(fields);
  if (!names.length) return;
  db.prepare(`UPDATE sb_task SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
}

export const getStage = (db: Db, task: string, stage: string): StageRow | undefined => db.prepare<[string, string], StageRow>('SELECT * FROM sb_mr_stage WHERE task = ? AND stage = ?').get(task, stage);

export function stages(db: Db, task: string): Partial<Record<string, StageRow>> {
  const rows = db.prepare<[string], StageRow>('SELECT * FROM sb_mr_stage WHERE task = ?').all(task);
  return Object.fromEntries(rows.map((r) => [r.stage, r]));
}

/** Start (or restart) a stage. */
export function startStage(db: Db, task: string, stage: string, concurrency: number, now: string): void {
  db.prepare(`INSERT INTO sb_mr_stage (task, stage, status, started, concurrency) VALUES (?, ?, 'RUNNING', ?, ?)
    ON CONFLICT(task, stage) DO UPDATE SET status = 'RUNNING'`).run(task, stage, now, concurrency);
}

/** @param end units: the stage's own; map and reduce add up their keys' units when left out */
export function endStage(db: Db, task: string, stage: string, end: { status: 'DONE' | 'FAILED', now: string, units?: number, error?: string | null }): void {
  const units = end.units ?? Number(db.prepare<[string, string], { u: number | null }>('SELECT SUM(units) AS u FROM sb_mr_key WHERE task = ? AND stage = ?').get(task, stage)?.u || 0);
  db.prepare('UPDATE sb_mr_stage SET status = ?, ended = ?, units = ?, error = ? WHERE task = ? AND stage = ?')
    .run(end.status, end.now, units, end.error ?? null, task, stage);
}

/**
 * The input stage's entries become the keys of the first keyed stage: map keys with their value, or
 * (without a map stage) reduce keys with their one value.
 */
export function saveInput(db: Db, task: string, entries: Pair[], stage: 'map' | 'reduce'): void {
  db.transaction(() => {
    clearKeys(db, task);
    const ins = db.prepare('INSERT INTO sb_mr_key (task, stage, seq, key, value) VALUES (?, ?, ?, ?, ?)');
    entries.forEach((e, i) => ins.run(task, stage, i, e.key, stage === 'map' ? e.value : JSON.stringify([e.value])));
  }).immediate();
}

export function clearKeys(db: Db, task: string): void {
  for (const t of ['sb_mr_key', 'sb_mr_error', 'sb_mr_output']) db.prepare(`DELETE FROM ${t} WHERE task = ?`).run(task);
}

/**
 * The shuffle: map output grouped by key, keys in order of their first write, values in lexicographical
 * order (Oracle's reduceContext.values page says so).
 */
export function shuffle(db: Db, task: string): void {
  db.transaction(() => {
    db.prepare("DELETE FROM sb_mr_key WHERE task = ? AND stage = 'reduce'").run(task);
    db.prepare("DELETE FROM sb_mr_error WHERE task = ? AND stage = 'reduce'").run(task);
    db.prepare("DELETE FROM sb_mr_output WHERE task = ? AND stage = 'reduce'").run(task);
    const groups = new Map<string, string[]>();
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

/** Keys still to run: PENDING, and RUNNING ones a restart interrupted. */
export function keysToRun(db: Db, task: string, stage: string): KeyRow[] {
  return db.prepare<[string, string], KeyRow>(`SELECT * FROM sb_mr_key WHERE task = ? AND stage = ? AND status IN ('PENDING', 'RUNNING') ORDER BY seq`).all(task, stage);
}

export function stageKeys(db: Db, task: string, stage: string): KeyRow[] {
  return db.prepare<[string, string], KeyRow>('SELECT * FROM sb_mr_key WHERE task = ? AND stage = ? ORDER BY seq').all(task, stage);
}

export function startKey(db: Db, task: string, stage: string, key: string, executionNo: number): void {
  db.prepare("UPDATE sb_mr_key SET status = 'RUNNING', attempts = ? WHERE task = ? AND stage = ? AND key = ?").run(executionNo, task, stage, key);
}

/**
 * A key's invocation ended well: what it wrote replaces anything an earlier attempt wrote.
 */
export function keyDone(db: Db, task: string, stage: string, key: string, written: Pair[], units: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sb_mr_output WHERE task = ? AND stage = ? AND source = ?').run(task, stage, key);
    const ins = db.prepare('INSERT INTO sb_mr_output (task, stage, source, seq, key, value) VALUES (?, ?, ?, ?, ?, ?)');
    written.forEach((w, i) => ins.run(task, stage, key, i, w.key, w.value));
    db.prepare("UPDATE sb_mr_key SET status = 'DONE', units = units + ? WHERE task = ? AND stage = ? AND key = ?").run(units, task, stage, key);
  }).immediate();
}

/**
 * One failed attempt of a key; final: no retry is left, the key is FAILED.
 */
export function keyAttemptFailed(db: Db, task: string, stage: string, key: string, f: { executionNo: number, error: string, units: number, final: boolean, now: string }): void {
  db.transaction(() => {
    addError(db, task, stage, key, f.executionNo, f.error, f.now);
    db.prepare('UPDATE sb_mr_key SET status = ?, units = units + ? WHERE task = ? AND stage = ? AND key = ?')
      .run(f.final ? 'FAILED' : 'PENDING', f.units, task, stage, key);
  }).immediate();
}

export function addError(db: Db, task: string, stage: string, key: string, executionNo: number, error: string, now: string): void {
  db.prepare('INSERT INTO sb_mr_error (task, stage, key, execution_no, error, at) VALUES (?, ?, ?, ?, ?, ?)').run(task, stage, key, executionNo, error, now);
}

/** Errors of one key, or of the whole stage, in the order they happened. */
export function errors(db: Db, task: string, stage: string, key?: string): KeyError[] {
  return db.prepare<[string, string, string | null, string | null], KeyError>(`SELECT key, error, execution_no AS executionNo FROM sb_mr_error
    WHERE task = ? AND stage = ? AND (? IS NULL OR key = ?) ORDER BY rowid`).all(task, stage, key ?? null, key ?? null);
}

/** How many of a key's failures were the script's own (restarts of the sandbox do not use up retries). */
export function scriptFailures(db: Db, task: string, stage: string, key: string): number {
  return errors(db, task, stage, key).filter((e) => !e.error.includes(`"name":"${RESTART_ERROR}"`)).length;
}

/** What a stage wrote, in key order then write order. */
export function outputs(db: Db, task: string, stage: string): Pair[] {
  return db.prepare<[string, string], Pair>(`SELECT o.key, o.value FROM sb_mr_output o
    JOIN sb_mr_key k ON k.task = o.task AND k.stage = o.stage AND k.key = o.source
    WHERE o.task = ? AND o.stage = ? ORDER BY k.seq, o.seq`).all(task, stage);
}

export function keyCounts(db: Db, task: string, stage: string): { total: number, done: number, failed: number } {
  const rows = db.prepare<[string, string], { status: string, n: number }>('SELECT status, COUNT(*) AS n FROM sb_mr_key WHERE task = ? AND stage = ? GROUP BY status').all(task, stage);
  const by: Partial<Record<string, number>> = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const total = rows.reduce((s, r) => s + r.n, 0);
  return { total, done: (by.DONE || 0) + (by.FAILED || 0), failed: by.FAILED || 0 };
}

/** The parsed `config` and entry points of a run, as the input stage found them (the orchestrator wrote the JSON). */
export const runConfig = (t: TaskRow): RunConfig | null => (t.config ? JSON.parse(t.config) as RunConfig : null);

/** A stage that runs once: its units and the error it ended with (SuiteScriptError JSON), if any. */
export interface StageUsage { usage: number, error: string | undefined }
/** A stage that runs per key: the keys in order, their errors, units and the highest parallelism seen. */
export interface KeyedStage { keys: string[], errors: KeyError[], usage: number, concurrency: number }
interface TaskHead {
  taskId: string, script: string, deployment: string, status: TaskRow['status'], submitted: string,
  started: string | null, ended: string | null, usage: number,
}
export interface ScheduledSummary extends TaskHead { kind: 'SCHEDULED_SCRIPT', stages: { execute: StageUsage }, output: Pair[] }
export interface MapReduceSummary extends TaskHead {
  kind: 'MAP_REDUCE',
  stages: { input: StageUsage, map: KeyedStage, reduce: KeyedStage, summarize: StageUsage },
  /** reduce's output, or map's when the script has no reduce stage */
  output: Pair[],
}
/** What account.mapReduce.wait resolves to; `kind` tells which. */
export type TaskSummary = ScheduledSummary | MapReduceSummary;

export function summary(db: Db, id: string): TaskSummary {
  const t = getTask(db, id);
  if (!t) throw new Error(`No task ${id} in this account.`);
  const st = stages(db, id);
  const head: TaskHead = { taskId: t.id, script: t.script, deployment: t.deployment, status: t.status, submitted: t.submitted, started: t.started, ended: t.ended, usage: t.units };
  const once = (stage: string): StageUsage => ({ usage: st[stage]?.units ?? 0, error: st[stage]?.error ?? undefined });
  if (t.kind === 'SCHEDULED_SCRIPT') return { ...head, kind: t.kind, stages: { execute: once('execute') }, output: [] };
  const cfg = runConfig(t);
  const keyed = (stage: 'map' | 'reduce'): KeyedStage => ({
    keys: stageKeys(db, id, stage).map((k) => k.key),
    errors: errors(db, id, stage),
    usage: st[stage]?.units ?? 0,
    concurrency: st[stage]?.concurrency ?? 0,
  });
  return {
    ...head,
    kind: t.kind,
    stages: { input: once('input'), map: keyed('map'), reduce: keyed('reduce'), summarize: once('summarize') },
    output: cfg ? outputs(db, id, cfg.hasReduce ? 'reduce' : 'map') : [],
  };
}
