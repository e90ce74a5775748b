// @ts-check
'use strict';
/**
 * A worker thread of the account: one Engine (its own SQLite connection), running one task at a time.
 * Tasks: REST record/SuiteQL requests, record operations from the programmatic API, script invocations,
 * the stage invocations of background tasks (Map/Reduce, scheduled scripts), Suitelet and RESTlet requests.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { Engine } = require('./engine');
const { createCaller } = require('./sync-bridge');
const { handleRest } = require('../http/rest-records');
const { handleRecordTask } = require('./record-tasks');
const { handleTaskStage } = require('./mapreduce/stage-runner');
const { handleSuitelet } = require('./suitelet');
const { handleRestlet } = require('./restlet');

if (!parentPort) throw new Error('worker.js runs as a worker thread');
const port = parentPort;
const engine = new Engine({ dbFile: workerData.dbFile, project: workerData.project, options: workerData.options, bridge: createCaller(workerData.bridgePort) });

/** @type {Record<string, (engine: Engine, task: any) => unknown>} */
const HANDLERS = {
  rest: handleRest,
  record: handleRecordTask,
  task: handleTaskStage,
  suitelet: handleSuitelet,
  restlet: handleRestlet,
};

port.on('message', (/** @type {{ id: number, kind: string, task: any }} */ m) => {
  engine.refreshClock();
  try {
    const h = HANDLERS[m.kind];
    if (!h) throw new Error(`unknown task kind ${m.kind}`);
    port.postMessage({ id: m.id, result: h(engine, m.task) });
  } catch (e) {
    const err = /** @type {any} */ (e);
    port.postMessage({ id: m.id, error: { name: err.code || err.name || 'UNEXPECTED_ERROR', message: String(err.message || err), stack: err.stack } });
  }
});
port.postMessage({ ready: true });
