/**
 * The account's worker threads. A task goes to an idle worker (one is started when none is idle, up to
 * the pool's size); otherwise it waits its turn. Workers answer the sync bridge (outbound HTTP) here, and
 * their notices (a task a script queued) go to onNotice.
 */
import path from 'node:path';
import { Worker, MessageChannel } from 'node:worker_threads';
import { serveCalls } from './sync-bridge';
import type { WorkerAnswer } from './worker';
import type { Notice } from './engine';

const YOUNG_GENERATION_MB = 12;

interface Slot {
  worker: Worker, busy: boolean, ready: Promise<void>,
  pending: { id: number, resolve: (v: unknown) => void, reject: (e: unknown) => void } | null,
}

export class WorkerPool {
  size: number;
  workerData: Record<string, unknown>;
  bridgeHandlers: Parameters<typeof serveCalls>[1];
  onNotice: (n: Notice) => void;
  workers: Slot[] = [];
  waiting: Array<() => void> = [];
  seq = 0;
  closed = false;

  constructor(o: { size: number, workerData: Record<string, unknown>, bridgeHandlers: Parameters<typeof serveCalls>[1], onNotice: (n: Notice) => void }) {
    this.size = o.size;
    this.workerData = o.workerData;
    this.bridgeHandlers = o.bridgeHandlers;
    this.onNotice = o.onNotice;
  }

  spawn(): Slot {
    const channel = new MessageChannel();
    serveCalls(channel.port1, this.bridgeHandlers);
    channel.port1.unref();
    // worker.ts is emitted as worker.js beside this file in dist/.
    const worker = new Worker(path.join(__dirname, 'worker.js'), {
      workerData: { ...this.workerData, bridgePort: channel.port2 },
      transferList: [channel.port2],
      // V8 grows a thread's young generation to 32 MB under a stream of realms, and each worker kept it:
      // a worker's live heap is ~7 MB. Smaller, it is collected more often, each time at little cost.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, busy: true, ready: Promise.resolve(), pending: null };
    slot.ready = new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: WorkerAnswer) => {
        if ('ready' in m) return resolve();
        if ('notice' in m) return this.onNotice(m.notice);
        // A task a script queued starts before its caller hears the answer.
        for (const n of m.notices) this.onNotice(n);
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

  async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('the sandbox account is closed');
      const idle = this.workers.find((w) => !w.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.workers.length < this.size) return this.spawn();
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  release(slot: Slot): void {
    slot.busy = false;
    const next = this.waiting.shift();
    if (next) next();
  }

  /**
   * Run a task on a worker. What it answers depends on the kind (worker.ts's handlers: RestResponse,
   * StageResult, SuiteletResult …): callers name it where they use it.
   */
  async run(kind: string, task: unknown): Promise<unknown> {
    const slot = await this.acquire();
    try {
      return await this.post(slot, kind, task);
    } finally {
      this.release(slot);
    }
  }

  /** Run a task on each started worker, one after the other (bench/server-memory.js reads each one's heap). */
  async runOnEach(kind: string, task: unknown): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const slot of [...this.workers]) {
      while (slot.busy) await new Promise<void>((r) => this.waiting.push(r));
      slot.busy = true;
      try {
        out.push(await this.post(slot, kind, task));
      } finally {
        this.release(slot);
      }
    }
    return out;
  }

  async post(slot: Slot, kind: string, task: unknown): Promise<unknown> {
    await slot.ready;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      slot.pending = { id, resolve, reject };
      slot.worker.postMessage({ id, kind, task });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    // A terminated worker sends no answer: fail what it was doing.
    for (const w of this.workers) if (w.pending) w.pending.reject(new Error('the sandbox account is closed'));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers = [];
  }
}
