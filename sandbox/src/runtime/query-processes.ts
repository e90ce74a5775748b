/**
 * The server's SuiteQL processes (query-child.ts): REST SuiteQL runs in one of them, under the account's
 * SuiteQL time limit and for as long as its client waits. Past the limit, or when the client goes away,
 * the process is killed (the only way to stop a statement inside SQLite) and a new one starts for the
 * next query; a process that dies by itself (out of memory) fails only its own query.
 */
import { LIMITS } from '../limits';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as errors from '../rest-errors';
import type { RestResponse, RestTask } from './rest-records';
import type { QueryChildAnswer, QueryChildInit, QueryChildMessage } from './query-child';

/** A query process's heap: a query that builds more than this ends its process, not the server. */
const HEAP_MB = 512;

interface Slot { child: ChildProcess, busy: boolean, ready: Promise<void>, settle: ((a: QueryChildAnswer | Error) => void) | null }

export interface QueryRun { task: RestTask, timeoutMs: number, signal?: AbortSignal }

export class QueryProcesses {
  private slots: Slot[] = [];
  private waiting: Array<() => void> = [];
  private seq = 0;
  private closed = false;

  constructor(private readonly o: { size: number, init: QueryChildInit, onKill?: (why: string) => void }) {}

  private spawn(): Slot {
    // query-child.ts is emitted as query-child.js beside this file in dist/.
    const child = fork(path.join(__dirname, 'query-child.js'), [], {
      serialization: 'advanced', execArgv: [`--max-old-space-size=${HEAP_MB}`], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const slot: Slot = { child, busy: true, ready: Promise.resolve(), settle: null };
    slot.ready = new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', () => reject(new Error('the SuiteQL process ended before it was ready')));
      child.on('message', (m: QueryChildAnswer) => {
        if ('ready' in m) return resolve();
        slot.settle?.(m);
      });
    });
    slot.ready.catch(() => undefined);
    child.once('exit', (code, signal) => {
      this.slots = this.slots.filter((s) => s !== slot);
      slot.settle?.(new Error(`the SuiteQL process ended (${signal || `exit code ${code}`})`));
    });
    child.send({ init: this.o.init } satisfies QueryChildMessage);
    this.slots.push(slot);
    return slot;
  }

  private async acquire(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('the sandbox account is closed');
      if (signal?.aborted) throw new Error('the client went away');
      const idle = this.slots.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.slots.length < this.o.size) return this.spawn();
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    slot.settle = null;
    this.waiting.shift()?.();
  }

  private kill(slot: Slot, why: string): void {
    this.slots = this.slots.filter((s) => s !== slot);
    slot.child.kill('SIGKILL');
    this.o.onKill?.(why);
  }

  /** The REST answer for one SuiteQL request: the query's page, its error, or the limit it hit. */
  async run(r: QueryRun): Promise<RestResponse> {
    const slot = await this.acquire(r.signal);
    try {
      await slot.ready;
      const id = ++this.seq;
      const answer = await new Promise<QueryChildAnswer | Error | 'timeout' | 'aborted'>((resolve) => {
        // The query stops itself at the limit (suiteql/run.ts, sb_deadline); the kill is for one that cannot.
        const timer = setTimeout(() => resolve('timeout'), r.timeoutMs + LIMITS.suiteqlKillGraceMs);
        const onAbort = () => resolve('aborted');
        r.signal?.addEventListener('abort', onAbort, { once: true });
        slot.settle = (a) => {
          clearTimeout(timer);
          r.signal?.removeEventListener('abort', onAbort);
          resolve(a);
        };
        slot.child.send({ id, task: r.task } satisfies QueryChildMessage);
      });
      if (answer === 'timeout') {
        this.kill(slot, `a SuiteQL query ran past the ${r.timeoutMs / 1000} s limit and was stopped`);
        return errors.restError(400, 'SSS_SEARCH_TIMEOUT', `The query ran longer than this account's SuiteQL time limit (${r.timeoutMs / 1000} seconds) and was stopped. `
          + 'Narrow it with a WHERE clause, page it with limit and offset, or drop the recursion or cross join that keeps it running.', { errorQueryParam: 'q' });
      }
      if (answer === 'aborted') {
        this.kill(slot, 'a SuiteQL query was stopped: its client went away');
        return errors.restError(400, 'SSS_SEARCH_TIMEOUT', 'The client went away; the query was stopped.');
      }
      if (answer instanceof Error) {
        return errors.restError(400, 'SSS_SEARCH_ERROR_OCCURRED', 'The query used more memory than this account allows for one query and was stopped. '
          + 'Select fewer or shorter columns, or page it with limit and offset.', { errorQueryParam: 'q' });
      }
      if ('error' in answer) throw Object.assign(new Error(answer.error.message), { code: answer.error.name });
      if ('ready' in answer) throw new Error('the SuiteQL process answered out of turn');
      return answer.result as RestResponse;
    } finally {
      if (this.slots.includes(slot)) this.release(slot);
      else this.waiting.shift()?.();
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    for (const s of this.slots.splice(0)) s.child.kill('SIGKILL');
  }
}
