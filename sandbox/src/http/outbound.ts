/**
 * Outbound HTTP for scripts' N/https calls, done on the main thread: NetSuite's time limits (5 s to
 * connect, 45 s in all), 4xx/5xx returned as responses, network failures as NetSuite's errors.
 * The error codes for a refused/reset connection and a connect time-out are assumed (FIDELITY.md, N/https:
 * "Connect time-out SSS_CONNECTION_TIME_OUT").
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';

export const ERRORS = {
  connectTimeout: 'SSS_CONNECTION_TIME_OUT',
  requestTimeout: 'SSS_REQUEST_TIME_EXCEEDED',
  closed: 'SSS_CONNECTION_CLOSED',
  unknownHost: 'SSS_UNKNOWN_HOST',
};
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const contexts = new Map<string, tls.SecureContext>();

/**
 * A TLS context trusting the public roots and the given certificates, built once: parsing the ~140 root
 * certificates for every request would cost more than the request.
 */
function trustingContext(trusted: string[]): tls.SecureContext {
  const key = trusted.join('\n');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: [...tls.rootCertificates, ...trusted] });
    contexts.set(key, ctx);
  }
  return ctx;
}

export interface OutboundRequest {
  method: string, url: string, headers: Record<string, string>, body?: string | null,
  connectTimeoutMs: number, totalTimeoutMs: number,
  /** extra CA certificates (PEM) to trust beside the public roots, e.g. a local test receiver's */
  trusted?: string[],
}
export interface OutboundResponse { code: number, headers: Record<string, string>, body: string }

export function sendRequest(r: OutboundRequest): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(r.url);
    const lib = u.protocol === 'https:' ? https : http;
    const fail = (code: string, message: string) => reject(Object.assign(new Error(message), { code }));
    let connected = false;
    const extra = r.trusted && r.trusted.length && u.protocol === 'https:' ? { secureContext: trustingContext(r.trusted) } : {};
    const req = lib.request(u, { method: r.method, headers: r.headers, agent: false, ...extra });
    const total = setTimeout(() => {
      req.destroy();
      fail(ERRORS.requestTimeout, `The request to ${u.host} took longer than ${r.totalTimeoutMs / 1000} seconds and was stopped.`);
    }, r.totalTimeoutMs);
    const connect = setTimeout(() => {
      if (connected) return;
      req.destroy();
      fail(ERRORS.connectTimeout, `Could not connect to ${u.host} within ${r.connectTimeoutMs / 1000} seconds.`);
    }, r.connectTimeoutMs);
    req.on('socket', (s) => s.on('connect', () => { connected = true; clearTimeout(connect); }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(total);
        clearTimeout(connect);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ code: res.statusCode || 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => { clearTimeout(total); fail(ERRORS.closed, `The connection to ${u.host} was closed: ${e.message}`); });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(total);
      clearTimeout(connect);
      if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') fail(ERRORS.unknownHost, `Unknown host ${u.hostname}.`);
      else fail(ERRORS.closed, `The connection to ${u.host} was closed: ${e.code || e.message}`);
    });
    if (r.body != null) req.write(r.body);
    req.end();
  });
}

