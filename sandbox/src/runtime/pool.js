// @ts-check
'use strict';
/**
 * The account's worker threads. A task goes to an idle worker (one is started when none is idle, up to
 * the pool's size); otherwise it waits its turn. Workers answer the sync bridge (outbound HTTP) here.
 */
const path = require('node:path');
const { Worker, MessageChannel } = require('node:worker_threads');
const { serveCalls } = require('./sync-bridge');

/** @typedef {{ worker: Worker, busy: boolean, ready: Promise<void>, pending: { id: number, resolve: (v: any) => void, reject: (e: any) => void } | null }} Slot */

class WorkerPool {
  /**
   * @param {{ size: number, workerData: Record<string, unknown>, bridgeHandlers: Record<string, (p: any) => Promise<any>> }} o
   */
  constructor(o) {
    this.size = o.size;
    this.workerData = o.workerData;
    this.bridgeHandlers = o.bridgeHandlers;
    /** @type {Slot[]} */
    this.workers = [];
    /** @type {Array<() => void>} */
    this.waiting = [];
    this.seq = 0;
    this.closed = false;
  }

  spawn() {
    const channel = new MessageChannel();
    serveCalls(channel.port1, this.bridgeHandlers);
    channel.port1.unref();
    const worker = new Worker(path.join(__dirname, 'worker.js'), {
      workerData: { ...this.workerData, bridgePort: channel.port2 },
      transferList: [channel.port2],
    });
    /** @type {Slot} */
    const slot = { worker, busy: true, ready: Promise.resolve(), pending: null };
    slot.ready = new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m) => {
        if (m.ready) return resolve();
        const p = slot.pending;
        if (!p || p.id !== m.id) return;
        slot.pending = null;
        if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, code: m.error.name, workerStack: m.error.stack }));
        else p.resolve(m.result);
      });
    });
    // A worker that dies fails its task and leaves the pool; the next task starts a new one.
    worker.on('error', (e) => {
      if (slot.pending) slot.pending.reject(e);
      slot.pending = null;
      this.workers = this.workers.filter((w) => w !== slot);
    });
    this.workers.push(slot);
    return slot;
  }

  async acquire() {
    for (;;) {
      if (this.closed) throw new Error('the sandbox account is closed');
      const idle = this.workers.find((w) => !w.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.workers.length < this.size) return this.spawn();
      await new Promise((/** @type {(v?: any) => void} */ r) => this.waiting.push(r));
    }
  }

  /** @param {Slot} slot */
  release(slot) {
    slot.busy = false;
    const next = this.waiting.shift();
    if (next) next();
  }

  /** Run a task on a worker. @param {string} kind @param {unknown} task @returns {Promise<any>} */
  async run(kind, task) {
    const slot = await this.acquire();
    try {
      await slot.ready;
      const id = ++this.seq;
      return await new Promise((resolve, reject) => {
        slot.pending = { id, resolve, reject };
        slot.worker.postMessage({ id, kind, task });
      });
    } finally {
      this.release(slot);
    }
  }

  async close() {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    // A terminated worker sends no answer: fail what it was doing.
    for (const w of this.workers) if (w.pending) w.pending.reject(new Error('the sandbox account is closed'));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers = [];
  }
}

module.exports = { WorkerPool };
