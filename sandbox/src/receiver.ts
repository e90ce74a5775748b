/**
 * A webhook receiver as a customer would write one: verifies each request with the published
 * `standardwebhooks` package, parses it with the `cloudevents` SDK, and deduplicates by webhook-id.
 * `npm start` runs one (its console shows each verified event); tests run several and make them fail on
 * purpose (status codes, hangs, reset connections).
 */
import * as fs from 'node:fs';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { HTTP, type CloudEvent } from 'cloudevents';
import { Webhook } from 'standardwebhooks';

const TLS_DIR = path.join(__dirname, 'demo', 'tls');
/** The certificate of the demo/test receiver (localhost, 127.0.0.1): the sandbox is told to trust it. */
export const RECEIVER_CERT = fs.readFileSync(path.join(TLS_DIR, 'receiver-cert.pem'), 'utf8');
const RECEIVER_KEY = fs.readFileSync(path.join(TLS_DIR, 'receiver-key.pem'), 'utf8');

/** What this bundle's employee events carry (the receiver reads them as JSON, not checked further). */
export interface EmployeeEventData {
  employee: Record<string, unknown>;
  changes: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface ReceivedEvent {
  id: string, type: string, subject: string, time: string, source: string, data: EmployeeEventData,
  /** how many verified requests of this webhook-id arrived, this one included */
  attempt: number,
}

/** A status code (or one with response headers, e.g. Retry-After), never answer, or drop the connection. */
export type Reply = number | { status: number, headers: Record<string, string> } | 'hang' | 'reset';

export interface ReceiverOptions {
  /** the endpoint's whsec_… secret */
  secret: string, port?: number, host?: string, path?: string,
  reply?: (n: number, headers: IncomingHttpHeaders) => Reply,
  /** the clock to verify timestamps against (the account clock) */
  now?: () => number, onEvent?: (e: ReceivedEvent) => void, onReject?: (why: string) => void,
}

export async function startReceiver(o: ReceiverOptions) {
  const wh = new Webhook(o.secret);
  /** every verified event this receiver accepted (2xx), once per webhook-id */
  const events: ReceivedEvent[] = [];
  const accepted = new Set<string>();
  /** deliveries per webhook-id, duplicates included */
  const seen = new Map<string, number>();
  const stats = { requests: 0, verified: 0, rejected: 0 };
  const sockets = new Set<Duplex>();
  const hung = new Set<ServerResponse>();

  const server = https.createServer({ key: RECEIVER_KEY, cert: RECEIVER_CERT }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests += 1;
      const answer = o.reply ? o.reply(stats.requests, req.headers) : 204;
      if (answer === 'reset') return void req.socket.destroy();
      if (answer === 'hang') return void hung.add(res);
      const reply = typeof answer === 'number' ? answer : answer.status;
      const replyHeaders = typeof answer === 'number' ? {} : answer.headers;
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      try {
        verifyAt(o.now, () => wh.verify(body, headers));
      } catch (e) {
        stats.rejected += 1;
        if (o.onReject) o.onReject((e as Error).message);
        res.writeHead(400).end('signature verification failed');
        return;
      }
      // One request carries one event (binary or structured mode), never a batch.
      const ce = HTTP.toEvent({ headers, body }) as CloudEvent<EmployeeEventData>;
      stats.verified += 1;
      const id = headers['webhook-id'];
      const n = (seen.get(id) || 0) + 1;
      seen.set(id, n);
      if (reply >= 200 && reply < 300 && !accepted.has(id)) {
        accepted.add(id);
        const event: ReceivedEvent = {
          id: ce.id, type: ce.type, subject: String(ce.subject), time: String(ce.time), source: ce.source, data: ce.data as EmployeeEventData, attempt: n,
        };
        events.push(event);
        if (o.onEvent) o.onEvent(event);
      }
      res.writeHead(reply, { 'Content-Type': 'text/plain', ...replyHeaders }).end(reply < 300 ? 'ok' : 'failing on purpose');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host || '127.0.0.1', () => resolve()));
  const addr = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${addr.port}${o.path || '/webhooks/netsuite'}`,
    events,
    seen,
    stats,
    /** Change how it answers from now on. */
    setReply(reply: (n: number, headers: IncomingHttpHeaders) => Reply) {
      o.reply = reply;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Verify as of the given clock: the package reads Date.now() for its timestamp tolerance, and the
 * sandbox's clock may have been moved forward to play the retry schedule.
 */
function verifyAt<T>(now: (() => number) | undefined, fn: () => T): T {
  if (!now) return fn();
  const at = now(); // read first: the clock itself may use Date.now
  const real = Date.now;
  Date.now = () => at;
  try {
    return fn();
  } finally {
    Date.now = real;
  }
}
