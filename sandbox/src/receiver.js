// @ts-check
'use strict';
/**
 * A webhook receiver as a customer would write one: verifies each request with the published
 * `standardwebhooks` package, parses it with the `cloudevents` SDK, and deduplicates by webhook-id.
 * `npm start` runs one (its console shows each verified event); tests run several and make them fail on
 * purpose (status codes, hangs, reset connections).
 */
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const { Webhook } = require('standardwebhooks');
const { HTTP } = require('cloudevents');

const TLS_DIR = path.join(__dirname, 'demo', 'tls');
/** The certificate of the demo/test receiver (localhost, 127.0.0.1): the sandbox is told to trust it. */
const RECEIVER_CERT = fs.readFileSync(path.join(TLS_DIR, 'receiver-cert.pem'), 'utf8');
const RECEIVER_KEY = fs.readFileSync(path.join(TLS_DIR, 'receiver-key.pem'), 'utf8');

/**
 * @typedef {{ id: string, type: string, subject: string, time: string, source: string, data: any, attempt: number }} ReceivedEvent
 *   attempt: how many verified requests of this webhook-id arrived, this one included
 * @typedef {number | { status: number, headers: Record<string, string> } | 'hang' | 'reset'} Reply
 *   a status code (or one with response headers, e.g. Retry-After), never answer, or drop the connection
 * @typedef {{ secret: string, port?: number, host?: string, path?: string,
 *   reply?: (n: number, headers: import('node:http').IncomingHttpHeaders) => Reply,
 *   now?: () => number, onEvent?: (e: ReceivedEvent) => void, onReject?: (why: string) => void }} ReceiverOptions
 *   secret: the endpoint's whsec_… secret; now: the clock to verify timestamps against (the account clock)
 */

/** @param {ReceiverOptions} o */
async function startReceiver(o) {
  const wh = new Webhook(o.secret);
  /** @type {ReceivedEvent[]} every verified event this receiver accepted (2xx), once per webhook-id */
  const events = [];
  /** @type {Set<string>} */
  const accepted = new Set();
  /** @type {Map<string, number>} deliveries per webhook-id, duplicates included */
  const seen = new Map();
  const stats = { requests: 0, verified: 0, rejected: 0 };
  /** @type {Set<import('node:stream').Duplex>} */
  const sockets = new Set();
  const hung = new Set();

  const server = https.createServer({ key: RECEIVER_KEY, cert: RECEIVER_CERT }, (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      stats.requests += 1;
      const answer = o.reply ? o.reply(stats.requests, req.headers) : 204;
      if (answer === 'reset') return req.socket.destroy();
      if (answer === 'hang') return hung.add(res);
      const reply = typeof answer === 'number' ? answer : answer.status;
      const replyHeaders = typeof answer === 'number' ? {} : answer.headers;
      const body = Buffer.concat(chunks).toString('utf8');
      /** @type {Record<string, string>} */
      const headers = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      try {
        verifyAt(o.now, () => wh.verify(body, headers));
      } catch (e) {
        stats.rejected += 1;
        if (o.onReject) o.onReject(/** @type {Error} */ (e).message);
        res.writeHead(400).end('signature verification failed');
        return undefined;
      }
      const ce = /** @type {any} */ (HTTP.toEvent({ headers, body }));
      stats.verified += 1;
      const id = headers['webhook-id'];
      const n = (seen.get(id) || 0) + 1;
      seen.set(id, n);
      if (reply >= 200 && reply < 300 && !accepted.has(id)) {
        accepted.add(id);
        const event = { id: ce.id, type: ce.type, subject: ce.subject, time: ce.time, source: ce.source, data: ce.data, attempt: n };
        events.push(event);
        if (o.onEvent) o.onEvent(event);
      }
      res.writeHead(reply, { 'Content-Type': 'text/plain', ...replyHeaders }).end(reply < 300 ? 'ok' : 'failing on purpose');
      return undefined;
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(o.port ?? 0, o.host || '127.0.0.1', () => resolve(undefined)));
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `https://127.0.0.1:${addr.port}${o.path || '/webhooks/netsuite'}`,
    events,
    seen,
    stats,
    /** Change how it answers from now on. @param {(n: number, headers: import('node:http').IncomingHttpHeaders) => Reply} reply */
    setReply(reply) {
      o.reply = reply;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * Verify as of the given clock: the package reads Date.now() for its timestamp tolerance, and the
 * sandbox's clock may have been moved forward to play the retry schedule.
 * @template T @param {(() => number) | undefined} now @param {() => T} fn @returns {T}
 */
function verifyAt(now, fn) {
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

module.exports = { startReceiver, RECEIVER_CERT };
