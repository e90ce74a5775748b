/**
 * Synchronous calls from a worker to the main thread. SuiteScript's https.post returns its response
 * synchronously; the worker posts the request, blocks on Atomics.wait, and the main thread does the
 * asynchronous work and wakes it. Only the worker blocks: the main thread keeps serving HTTP, so a
 * receiver in the same process still gets the request.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

export { MessageChannel };

interface CallMessage { id: number, op: string, payload: unknown, flag: Int32Array }
type ReplyMessage = { id: number, result: unknown, error?: undefined } | { id: number, error: { name: string, message: string } };

/** A worker's end: call(op, payload) blocks until the main thread answers. */
export interface Caller { call(op: string, payload: unknown): unknown }

/**
 * Worker side.
 * @param port the worker's end of the bridge channel
 */
export function createCaller(port: MessagePort): Caller {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let seq = 0;
  return {
    call(op, payload) {
      const id = ++seq;
      Atomics.store(flag, 0, 0);
      port.postMessage({ id, op, payload, flag } satisfies CallMessage);
      Atomics.wait(flag, 0, 0);
      const reply = receiveMessageOnPort(port)?.message as ReplyMessage | undefined;
      if (!reply || reply.id !== id) throw new Error(`sync bridge: no answer for ${op}`);
      if (reply.error) {
        const e = Object.assign(new Error(reply.error.message), { code: reply.error.name });
        e.name = reply.error.name;
        throw e;
      }
      return reply.result;
    },
  };
}

/** Main side: answer calls arriving on a port with the given handlers. */
export function serveCalls(port: MessagePort, handlers: Record<string, (payload: never) => Promise<unknown>>): void {
  port.on('message', (m: CallMessage) => {
    void (async () => {
      let reply: ReplyMessage;
      try {
        const h = handlers[m.op] as ((payload: unknown) => Promise<unknown>) | undefined;
        if (!h) throw Object.assign(new Error(`unknown bridge call ${m.op}`), { code: 'SSS_SANDBOX_BRIDGE' });
        reply = { id: m.id, result: await h(m.payload) };
      } catch (e) {
        // A handler's rejection: an Error, or whatever it threw (read as its own text).
        const err = e as { code?: string, name?: string, message?: string, toString(): string } | null | undefined;
        reply = { id: m.id, error: { name: err?.code || err?.name || 'UNEXPECTED_ERROR', message: String(err?.message || err) } };
      }
      port.postMessage(reply);
      Atomics.store(m.flag, 0, 1);
      Atomics.notify(m.flag, 0);
    })();
  });
}
