/**
 * Background tasks on the main thread: Map/Reduce runs and scheduled script runs, submitted by N/task (queued
 * in the worker, started here on its notice), by account.mapReduce or by the scheduler. A run goes stage by
 * stage: getInputData, map (one invocation per key), shuffle, reduce (one per key), summarize; each invocation is dispatched to
 * the processor pool, and map and reduce keys run in parallel up to the deployment's concurrency limit.
 * After each invocation the result is written to SQLite (store.js), so a run the process lost half-way is
 * resumed at the next boot: keys that had started run again with isRestarted and an SSS_APP_SERVER_RESTART
 * error, as NetSuite does after an application server restart.
 */
import type { Database } from 'better-sqlite3';
import { scriptDeployment } from '../../sdf/project';
import type { Project } from '../../sdf/project';
import { queueTask } from './submit';
import type { SubmitRequest } from './submit';
import { errorJson } from './error-json';
import * as store from './store';
import type { TaskRow, KeyRow, RunConfig } from './store';
import type { StageResult } from './stage-runner';

interface Run { t: TaskRow, cfg: RunConfig, concurrency: number, abort: boolean }
type Summary = ReturnType<typeof store.summary>;
/** The processors (workers) that run stage invocations. */
export interface StagePool { size: number, run(kind: string, task: unknown): Promise<unknown> }

/** Thrown through a run's awaits when the account closes: the run stops where it is and resumes at the next boot. */
const CLOSED = new Error('the sandbox account closed: the run resumes at the next boot');

export class TaskRunner {
  db: Database;
  project: Project;
  pool: StagePool;
  nowMs: () => number;
  reportError: (e: unknown) => void;
  closed = false;
  /** runs going on in this process */
  active = new Set<Promise<void>>();
  waiters = new Map<string, Array<{ resolve: (s: Summary) => void, reject: (e: Error) => void }>>();

  constructor(o: { db: Database, project: Project, pool: StagePool, nowMs: () => number, reportError: (e: unknown) => void }) {
    this.db = o.db;
    this.project = o.project;
    this.pool = o.pool;
    this.nowMs = o.nowMs;
    this.reportError = o.reportError;
  }

  now(): string {
    return new Date(this.nowMs()).toISOString();
  }

  /**
   * Check a submission and queue its run (the API, the scheduler). Returns the task id, or null when a run
   * resubmits its own deployment (NetSuite queues it behind the running instance and returns no id).
   */
  submit(req: SubmitRequest): string | null {
    if (this.closed) throw new Error('the sandbox account is closed');
    const { id, start } = queueTask(this.db, this.project, req, this.now());
    if (!start) return null;
    this.start(id);
    return id;
  }

  start(id: string): void {
    const p = this.run(id)
      .catch((e) => { if (!this.closed) this.reportError(e); })
      .finally(() => { this.active.delete(p); });
    this.active.add(p);
  }

  /** Start what a previous process left unfinished: the oldest task of each deployment (the rest queue behind it). */
  resume(): void {
    const seen = new Set<string>();
    for (const t of store.unfinishedTasks(this.db)) {
      const k = `${t.script}/${t.deployment}`;
      if (seen.has(k)) continue;
      seen.add(k);
      this.start(t.id);
    }
  }

  async run(id: string): Promise<void> {
    await new Promise((r) => setImmediate(r));
    if (this.closed) return;
    const t = store.getTask(this.db, id);
    if (!t || t.status === 'COMPLETE' || t.status === 'FAILED') return;
    const resumed = t.status === 'PROCESSING';
    try {
      store.updateTask(this.db, id, { status: 'PROCESSING', started: t.started ?? this.now(), restarts: t.restarts + (resumed ? 1 : 0) });
      if (t.kind === 'SCHEDULED_SCRIPT') await this.runScheduled(t, resumed);
      else await this.runMapReduce(t);
    } catch (e) {
      if (e === CLOSED || this.closed) return;
      store.updateTask(this.db, id, { status: 'FAILED', stage: null, ended: this.now(), error: String((e as { message?: unknown } | null)?.message ?? e) });
      this.reportError(e);
    }
    this.settle(id);
    const next = store.unfinishedTasks(this.db, t.deployment).find((x) => x.script === t.script && x.status === 'PENDING');
    if (next) this.start(next.id);
  }

  async runScheduled(t: TaskRow, resumed: boolean): Promise<void> {
    store.startStage(this.db, t.id, 'execute', 1, this.now());
    const invocationType = resumed ? 'ABORTED' : t.source === 'schedule' ? 'SCHEDULED' : t.source === 'api' ? 'USER_INTERFACE' : 'ON_DEMAND';
    const res = await this.dispatch(t, { stage: 'execute', invocationType });
    store.endStage(this.db, t.id, 'execute', { status: res.error ? 'FAILED' : 'DONE', units: res.units, error: res.error, now: this.now() });
    this.finish(t.id, res.error ? 'FAILED' : 'COMPLETE');
  }

  async runMapReduce(t: TaskRow): Promise<void> {
    const { db } = this;
    const id = t.id;
    const input = store.getStage(db, id, 'input');
    let failed = input?.status === 'FAILED';
    if (!input || input.status === 'RUNNING') {
      this.setStage(id, 'GET_INPUT');
      store.startStage(db, id, 'input', 1, this.now());
      const res = await this.dispatch(t, { stage: 'input', isRestarted: !!input });
      if (res.config) store.updateTask(db, id, { config: JSON.stringify(res.config) });
      if (res.error || !res.entries || !res.config) {
        failed = true;
        store.endStage(db, id, 'input', { status: 'FAILED', units: res.units, error: res.error, now: this.now() });
      } else {
        store.saveInput(db, id, res.entries, res.config.hasMap ? 'map' : 'reduce');
        store.endStage(db, id, 'input', { status: 'DONE', units: res.units, now: this.now() });
      }
    }
    const task = store.getTask(db, id) as TaskRow;
    const cfg = store.runConfig(task);
    if (cfg && !failed) {
      const run: Run = { t: task, cfg, concurrency: this.concurrencyOf(task), abort: false };
      const stageDone = (s: string) => store.getStage(db, id, s)?.status === 'DONE';
      if (cfg.hasMap && !stageDone('map')) await this.keyedStage(run, 'map', 'MAP');
      run.abort = cfg.exitOnError && store.keyCounts(db, id, 'map').failed > 0;
      if (cfg.hasReduce && !run.abort && !stageDone('reduce')) {
        if (cfg.hasMap && !stageDone('shuffle')) {
          this.setStage(id, 'SHUFFLE');
          store.startStage(db, id, 'shuffle', 1, this.now());
          store.shuffle(db, id);
          store.endStage(db, id, 'shuffle', { status: 'DONE', units: 0, now: this.now() });
        }
        await this.keyedStage(run, 'reduce', 'REDUCE');
      }
    }
    let summarizeFailed = false;
    if (cfg?.hasSummarize) {
      const s = store.getStage(db, id, 'summarize');
      if (!s || s.status === 'RUNNING') {
        this.setStage(id, 'SUMMARIZE');
        store.startStage(db, id, 'summarize', 1, this.now());
        const res = await this.dispatch(task, { stage: 'summarize', isRestarted: !!s });
        summarizeFailed = !!res.error;
        store.endStage(db, id, 'summarize', { status: res.error ? 'FAILED' : 'DONE', units: res.units, error: res.error, now: this.now() });
      } else summarizeFailed = s.status === 'FAILED';
    }
    // A key's error is reported in the summary; the task FAILS only when getInputData or summarize threw (assumed).
    this.finish(id, failed || summarizeFailed ? 'FAILED' : 'COMPLETE');
  }

  async keyedStage(run: Run, stage: 'map' | 'reduce', label: string): Promise<void> {
    const { db } = this;
    this.setStage(run.t.id, label);
    store.startStage(db, run.t.id, stage, run.concurrency, this.now());
    const keys = store.keysToRun(db, run.t.id, stage);
    let next = 0;
    const lane = async () => {
      while (!run.abort && next < keys.length) await this.runKey(run, stage, keys[next++]);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(run.concurrency, keys.length)) }, lane));
    store.endStage(db, run.t.id, stage, { status: 'DONE', now: this.now() });
  }

  /**
   * One key: invoke, retry up to config.retryCount times on an uncaught error, then record it as failed.
   */
  async runKey(run: Run, stage: 'map' | 'reduce', k: KeyRow): Promise<void> {
    const { db } = this;
    const id = run.t.id;
    let attempts = k.attempts;
    if (k.status === 'RUNNING') {
      // Cut short by a restart: NetSuite records SSS_APP_SERVER_RESTART and runs the key again.
      store.addError(db, id, stage, k.key, attempts, errorJson({ name: store.RESTART_ERROR, message: 'The sandbox account stopped while this key was being processed.' }), this.now());
    }
    let failures = store.scriptFailures(db, id, stage, k.key);
    for (;;) {
      const executionNo = attempts + 1;
      store.startKey(db, id, stage, k.key, executionNo);
      const input = stage === 'map' ? { value: k.value } : { values: JSON.parse(k.value) as string[] };
      const res = await this.dispatch(run.t, { stage, key: k.key, ...input, executionNo, errors: store.errors(db, id, stage, k.key) });
      if (!res.error) {
        store.keyDone(db, id, stage, k.key, res.output || [], res.units);
        return;
      }
      attempts = executionNo;
      failures += 1;
      const final = failures > run.cfg.retryCount;
      store.keyAttemptFailed(db, id, stage, k.key, { executionNo, error: res.error, units: res.units, final, now: this.now() });
      if (final) {
        if (run.cfg.exitOnError) run.abort = true;
        return;
      }
    }
  }

  /**
   * Run one stage invocation on a processor.
   */
  async dispatch(t: TaskRow, extra: Record<string, unknown>): Promise<StageResult> {
    let res: StageResult;
    try {
      // The worker answers what stage-runner's handleTaskStage returned.
      res = await this.pool.run('task', {
        taskId: t.id, kind: t.kind, script: t.script, deployment: t.deployment, params: JSON.parse(t.params) as Record<string, unknown>, user: t.user, role: t.role, ...extra,
      }) as StageResult;
    } catch (e) {
      if (this.closed) throw CLOSED;
      res = { units: 0, error: errorJson(e as Error) };
    }
    if (this.closed) throw CLOSED;
    return res;
  }

  concurrencyOf(t: TaskRow): number {
    const dep = scriptDeployment(this.project, t.script, t.deployment)?.deployment;
    const n = Number.parseInt(String(dep?.concurrencylimit ?? ''), 10);
    return Math.max(1, Math.min(Number.isInteger(n) ? n : 1, this.pool.size));
  }

  setStage(id: string, stage: string): void {
    store.updateTask(this.db, id, { stage });
  }

  finish(id: string, status: 'COMPLETE' | 'FAILED'): void {
    const { db } = this;
    const units = (db.prepare<[string], { u: number | null }>('SELECT SUM(units) AS u FROM sb_mr_stage WHERE task = ?').get(id) as { u: number | null }).u || 0;
    const errors = (db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM sb_mr_error WHERE task = ?').get(id) as { n: number }).n;
    const t = store.getTask(db, id) as TaskRow;
    const cfg = store.runConfig(t);
    const outputCount = cfg ? store.outputs(db, id, cfg.hasReduce ? 'reduce' : 'map').length : 0;
    const st = store.stages(db, id);
    const error = st.input?.error || st.summarize?.error || st.execute?.error || null;
    store.updateTask(db, id, { status, stage: null, ended: this.now(), units, errors, output_count: outputCount, error });
  }

  settle(id: string): void {
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    const summary = store.summary(this.db, id);
    for (const w of list) w.resolve(summary);
  }

  /** The run's summary once it has finished. */
  wait(id: string): Promise<Summary> {
    const t = store.getTask(this.db, id);
    if (!t) return Promise.reject(new Error(`There is no task ${id} in this account: pass the id that submit() returned.`));
    if (t.status === 'COMPLETE' || t.status === 'FAILED') return Promise.resolve(store.summary(this.db, id));
    if (this.closed) return Promise.reject(new Error('the sandbox account is closed'));
    return new Promise<Summary>((resolve, reject) => {
      const list = this.waiters.get(id) || [];
      list.push({ resolve, reject });
      this.waiters.set(id, list);
    });
  }

  /** Resolves when no task is pending or running in this process. */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active]);
  }

  /** Stop: runs stop where they are (their state stays in SQLite for the next boot); waiters are told. */
  close(): void {
    this.closed = true;
    for (const [id, list] of this.waiters) for (const w of list) w.reject(new Error(`The sandbox account closed before task ${id} finished; it resumes at the next boot.`));
    this.waiters.clear();
  }
}
