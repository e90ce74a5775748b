/** Request bodies: read with a size cap, and HTML form posts parsed the way NetSuite hands them to scripts. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

import { MULTI_SEPARATOR } from '../ui/multi-select';
import { LIMITS } from '../limits';

export { MULTI_SEPARATOR };

/** Why a body was not read: too large (413) or too slow (408). The server answers it in the surface's shape. */
export class BodyError extends Error {
  constructor(readonly status: 413 | 408, message: string) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * The request body, at most maxBytes (a Content-Length over it is refused before a byte is read) and
 * within LIMITS.bodyTimeoutMs. A refused request's connection is closed once the answer is sent.
 */
export function readBody(req: IncomingMessage, maxBytes: number = LIMITS.restBodyBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyError(413, `The request body is ${declared} bytes; the most this account takes is ${maxBytes}.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (e: Error | null, body?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      if (e) {
        // Read no more of it; the connection closes after the answer (server.ts).
        req.pause();
        reject(e);
      } else resolve(body as Buffer);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) finish(new BodyError(413, `The request body is over ${maxBytes} bytes, the most this account takes.`));
      else chunks.push(c);
    };
    const timer = setTimeout(() => finish(new BodyError(408, `The request body did not arrive within ${LIMITS.bodyTimeoutMs / 1000} seconds.`)), LIMITS.bodyTimeoutMs);
    timer.unref();
    req.on('data', onData);
    req.once('end', () => finish(null, Buffer.concat(chunks)));
    req.once('error', (e) => finish(e));
    req.once('aborted', () => finish(new Error('the client went away')));
  });
}

/** Query or form parameters as one object; a repeated name's values joined with MULTI_SEPARATOR. */
export function flatten(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = k in out ? `${out[k]}${MULTI_SEPARATOR}${v}` : v;
  return out;
}

/** Is this a urlencoded form post? */
export const isForm = (headers: IncomingHttpHeaders): boolean => /^application\/x-www-form-urlencoded\b/i.test(String(headers['content-type'] || ''));
