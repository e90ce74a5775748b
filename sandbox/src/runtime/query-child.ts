/**
 * A SuiteQL process: REST SuiteQL requests run here, one at a time, on an Engine of its own, so that a
 * query the server must stop (past its time limit, or its client gone) can be stopped for certain. A
 * worker thread cannot be: SQLite runs a statement in native code, which Worker.terminate() does not
 * interrupt, and a process holding such a thread does not exit either. query-processes.ts kills this
 * process and starts another.
 */
import { Engine } from './engine';
import type { Bridge } from './engine';
import type { WorkerData } from './worker';
import { handleRest } from './rest-records';
import type { RestTask } from './rest-records';

export type QueryChildInit = Omit<WorkerData, 'bridgePort'>;
export type QueryChildMessage = { init: QueryChildInit } | { id: number, task: RestTask };
export type QueryChildAnswer = { ready: true } | { id: number, result: unknown } | { id: number, error: { name: string, message: string } };

// SuiteQL reads; it never calls out (N/https) or submits tasks.
const noBridge: Bridge = { call: (op: string) => { throw new Error(`a SuiteQL process has no ${op} bridge`); } };
let engine: Engine | null = null;
const send = (a: QueryChildAnswer) => { if (process.send) process.send(a); };

process.on('message', (m: QueryChildMessage) => {
  if ('init' in m) {
    // A server SIGKILLed mid-query cannot say so; the query sees this process handed to another parent and stops.
    const parent = process.ppid;
    engine = new Engine({ dbFile: m.init.dbFile, project: m.init.project, options: m.init.options, bridge: noBridge, stopQueriesIf: () => process.ppid !== parent });
    send({ ready: true });
    return;
  }
  try {
    if (!engine) throw new Error('the SuiteQL process has no account yet');
    engine.beginTask();
    send({ id: m.id, result: handleRest(engine, m.task) });
  } catch (e) {
    const err = e as { code?: string, name?: string, message?: string } | null;
    send({ id: m.id, error: { name: err?.code || err?.name || 'UNEXPECTED_ERROR', message: String(err?.message || e) } });
  }
});
// The server's end is this process's end (after the query stops, if one was running when it ended).
process.on('disconnect', () => process.exit(0));
