// @ts-check
'use strict';
/**
 * Synchronous calls from a worker to the main thread. SuiteScript's https.post returns its response
 * synchronously; the worker posts the request, blocks on Atomics.wait, and the main thread does the
 * asynchronous work and wakes it. Only the worker blocks: the main thread keeps serving HTTP, so a
 * receiver in the same process still gets the request.
 */
const { MessageChannel, receiveMessageOnPort } = require('node:worker_threads');

/**
 * Worker side.
 * @param {import('node:worker_threads').MessagePort} port the worker's end of the bridge channel
 */
function createCaller(port) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let seq = 0;
  return {
    /** @param {string} op @param {unknown} payload @returns {any} */
    call(op, payload) {
      const id = ++seq;
      Atomics.store(flag, 0, 0);
      port.postMessage({ id, op, payload, flag });
      Atomics.wait(flag, 0, 0);
      const msg = receiveMessageOnPort(port);
      if (!msg || msg.message.id !== id) throw new Error(`sync bridge: no answer for ${op}`);
      if (msg.message.error) {
        const e = /** @type {any} */ (new Error(msg.message.error.message));
        e.name = msg.message.error.name;
        e.code = msg.message.error.name;
        throw e;
      }
      return msg.message.result;
    },
  };
}

/**
 * Main side: answer calls arriving on a port with the given handlers.
 * @param {import('node:worker_threads').MessagePort} port
 * @param {Record<string, (payload: any) => Promise<any>>} handlers
 */
function serveCalls(port, handlers) {
  port.on('message', async (/** @type {{ id: number, op: string, payload: unknown, flag: Int32Array }} */ m) => {
    let reply;
    try {
      const h = handlers[m.op];
      if (!h) throw Object.assign(new Error(`unknown bridge call ${m.op}`), { code: 'SSS_SANDBOX_BRIDGE' });
      reply = { id: m.id, result: await h(m.payload) };
    } catch (e) {
      const err = /** @type {any} */ (e);
      reply = { id: m.id, error: { name: err.code || err.name || 'UNEXPECTED_ERROR', message: String(err.message || err) } };
    }
    port.postMessage(reply);
    Atomics.store(m.flag, 0, 1);
    Atomics.notify(m.flag, 0);
  });
}

module.exports = { createCaller, serveCalls, MessageChannel };
