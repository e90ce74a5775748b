/**
 * A worker thread of the account: one Engine (its own SQLite connection), running one task at a time.
 * Tasks: REST record/SuiteQL requests, record operations from the programmatic API, script invocations,
 * the stage invocations of background tasks (Map/Reduce, scheduled scripts), Suitelet and RESTlet requests.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { Engine } from './engine';
import type { Bridge, EngineOptions, Notice } from './engine';
import type { Project } from '../sdf/project';
import { createCaller } from './sync-bridge';
import { handleRest } from './rest-records';
import { handleRecordTask } from './record-tasks';
import { handleTaskStage } from './mapreduce/stage-runner';
import { handleSuitelet } from './suitelet';
import { handleRestlet } from './restlet';

/** What pool.ts hands each worker (its workerData). */
export interface WorkerData { dbFile: string, project: Project, options: EngineOptions, bridgePort: MessagePort, realmsAhead?: boolean }
/** A task posted by pool.ts. */
export interface WorkerRequest { id: number, kind: string, task: unknown }
/** What a worker posts back: ready once started, then one answer per task (with the notices held back), or a notice. */
export type WorkerAnswer =
  | { ready: true }
  | { notice: Notice }
  | { id: number, result: unknown, error?: undefined, notices: Notice[] }
  | { id: number, error: { name: string, message: string, stack?: string }, notices: Notice[] };

if (!parentPort) throw new Error('worker.js runs as a worker thread');
const port = parentPort;
const data = workerData as WorkerData;
const answer = (a: WorkerAnswer) => port.postMessage(a);
// The main thread's bridge handlers answer each op with the type Bridge names for it.
const caller = createCaller(data.bridgePort) as Bridge;
const engine: Engine = new Engine({
  dbFile: data.dbFile, project: data.project, options: data.options, notify: (notice) => answer({ notice }), realmsAhead: data.realmsAhead,
  bridge: { call: (op: string, payload: unknown) => { engine.sendNotices(); return caller.call(op, payload); } } as Bridge,
});

/** Each handler reads its own task shape; the main thread's callers build them (http/, account.js, the orchestrator). */
const HANDLERS: Record<string, (engine: Engine, task: never) => unknown> = {
  rest: handleRest,
  record: handleRecordTask,
  task: handleTaskStage,
  suitelet: handleSuitelet,
  restlet: handleRestlet,
  // This thread's heap after a collection when the process runs with --expose-gc (bench/server-memory.js).
  memory: () => {
    (globalThis as { gc?: () => void }).gc?.();
    return getHeapStatistics().used_heap_size;
  },
};

port.on('message', (m: WorkerRequest) => {
  engine.beginTask();
  try {
    const h = HANDLERS[m.kind] as ((engine: Engine, task: unknown) => unknown) | undefined;
    if (!h) throw new Error(`unknown task kind ${m.kind}`);
    const result = h(engine, m.task);
    answer({ id: m.id, result, notices: engine.notices.splice(0) });
  } catch (e) {
    // An Error, or whatever a handler threw (read as its own text).
    const err = e as { code?: string, name?: string, message?: string, stack?: string, toString(): string } | null | undefined;
    answer({ id: m.id, error: { name: err?.code || err?.name || 'UNEXPECTED_ERROR', message: String(err?.message || err), stack: err?.stack }, notices: engine.notices.splice(0) });
  }
  // The next invocation's realms, made while the main thread reads the answer.
  if (engine.realmsAhead) setImmediate(() => engine.prepareRealms());
});
answer({ ready: true });
