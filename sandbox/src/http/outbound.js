// @ts-check
'use strict';
/**
 * Outbound HTTP for scripts' N/https calls, done on the main thread: NetSuite's time limits (5 s to
 * connect, 45 s in all), 4xx/5xx returned as responses, network failures as NetSuite's errors.
 * Assumption (unverified): the error codes for a refused/reset connection and a connect time-out.
 */
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');

const ERRORS = {
  connectTimeout: 'SSS_CONNECTION_TIME_OUT',
  requestTimeout: 'SSS_REQUEST_TIME_EXCEEDED',
  closed: 'SSS_CONNECTION_CLOSED',
  unknownHost: 'SSS_UNKNOWN_HOST',
};
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** @type {Map<string, import('node:tls').SecureContext>} */
const contexts = new Map();

/**
 * A TLS context trusting the public roots and the given certificates, built once: parsing the ~140 root
 * certificates for every request would cost more than the request.
 * @param {string[]} trusted
 */
function trustingContext(trusted) {
  const key = trusted.join('\n');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: [...tls.rootCertificates, ...trusted] });
    contexts.set(key, ctx);
  }
  return ctx;
}

/**
 * @param {{ method: string, url: string, headers: Record<string, string>, body?: string | null,
 *   connectTimeoutMs: number, totalTimeoutMs: number, trusted?: string[] }} r
 *   trusted: extra CA certificates (PEM) to trust beside the public roots, e.g. a local test receiver's
 * @returns {Promise<{ code: number, headers: Record<string, string>, body: string }>}
 */
function sendRequest(r) {
  return new Promise((resolve, reject) => {
    const u = new URL(r.url);
    const lib = u.protocol === 'https:' ? https : http;
    const fail = (/** @type {string} */ code, /** @type {string} */ message) => reject(Object.assign(new Error(message), { code }));
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
      /** @type {Buffer[]} */
      const chunks = [];
      let size = 0;
      res.on('data', (c) => {
        size += c.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(total);
        clearTimeout(connect);
        /** @type {Record<string, string>} */
        const headers = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ code: res.statusCode || 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => { clearTimeout(total); fail(ERRORS.closed, `The connection to ${u.host} was closed: ${e.message}`); });
    });
    req.on('error', (/** @type {any} */ e) => {
      clearTimeout(total);
      clearTimeout(connect);
      if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') fail(ERRORS.unknownHost, `Unknown host ${u.hostname}.`);
      else fail(ERRORS.closed, `The connection to ${u.host} was closed: ${e.code || e.message}`);
    });
    if (r.body != null) req.write(r.body);
    req.end();
  });
}

module.exports = { sendRequest, ERRORS };
