// @ts-check
'use strict';
/**
 * The account's HTTP surface: REST web services (record API and SuiteQL) behind the concurrency gate and
 * authentication, and a small index page. Suitelets join here as their issue lands.
 */
const http = require('node:http');
const errors = require('./errors');
const { createAuthenticator } = require('./authenticate');

const RECORD_RE = /^\/services\/rest\/record\/v1\/([a-z0-9_]+)(?:\/([^/]+))?\/?$/i;
const SUITEQL_PATH = '/services/rest/query/v1/suiteql';
const MAX_BODY = 10 * 1024 * 1024;

/** @param {import('../account').Account} account */
function createServer(account) {
  const authenticate = createAuthenticator(account.db);
  let inFlight = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url || '/', `http://${req.headers.host || '127.0.0.1'}`);
    try {
      if (url.pathname.startsWith('/services/rest/')) {
        // Concurrency governance: more than the account's limit of requests at once → 429.
        if (inFlight >= account.settings.concurrencyLimit) return send(res, errors.tooManyRequests());
        inFlight++;
        try {
          return send(res, await rest(req, url));
        } finally {
          inFlight--;
        }
      }
      if (url.pathname === '/' && req.method === 'GET') return sendHtml(res, 200, indexPage(account));
      return send(res, errors.restError(404, 'NOT_FOUND', `Nothing is served at ${url.pathname}.`));
    } catch (e) {
      account.reportError(e);
      return send(res, errors.restError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred in the sandbox account: see its console.'));
    }
  });

  /** @param {http.IncomingMessage} req @param {URL} url */
  async function rest(req, url) {
    const body = await readBody(req);
    const method = String(req.method || 'GET').toUpperCase();
    const isSuiteQL = url.pathname === SUITEQL_PATH;
    const m = RECORD_RE.exec(url.pathname);
    if (!isSuiteQL && !m) return errors.restError(404, 'INVALID_ID', `Unknown REST resource ${url.pathname}.`);
    const who = authenticate({ method, url: url.toString(), headers: req.headers, body, accountId: account.settings.accountId, suiteql: isSuiteQL });
    if (!who.ok) {
      account.note('rest.refused', `${method} ${url.pathname}: ${who.reason}`);
      return who.response;
    }
    /** @type {any} */
    let json;
    if (body.length) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return errors.invalidContent('The request body is not valid JSON.');
      }
    }
    const query = Object.fromEntries(url.searchParams);
    const common = { query, baseUrl: url.origin, user: who.user, role: who.role, body: json,
      strict: String(req.headers['x-netsuite-propertynamevalidation'] || '').toLowerCase() === 'error' };
    if (isSuiteQL) {
      if (method !== 'POST') return errors.methodNotAllowed(method, ['POST']);
      if (!/transient/i.test(String(req.headers.prefer || ''))) {
        return errors.restError(400, 'INVALID_PARAMETER', "SuiteQL requests need the header 'Prefer: transient'.");
      }
      return account.pool.run('rest', { ...common, op: 'suiteql' });
    }
    const [, type, id] = /** @type {RegExpExecArray} */ (m);
    const op = id
      ? { GET: 'get', PATCH: 'update', PUT: 'update', DELETE: 'delete' }[method]
      : { GET: 'list', POST: 'create' }[method];
    if (!op) return errors.methodNotAllowed(method, id ? ['GET', 'PATCH', 'PUT', 'DELETE'] : ['GET', 'POST']);
    return account.pool.run('rest', { ...common, op, type, id: id && decodeURIComponent(id) });
  }

  return server;
}

/** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** @param {http.ServerResponse} res @param {{ status: number, headers?: Record<string, string>, body?: any }} r */
function send(res, r) {
  const headers = { ...(r.headers || {}) };
  if (r.body === undefined) {
    res.writeHead(r.status, headers);
    return res.end();
  }
  const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(r.status, headers);
  return res.end(text);
}

/** @param {http.ServerResponse} res @param {number} status @param {string} html */
function sendHtml(res, status, html) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

/** @param {string} s */
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] || c);

/** @param {import('../account').Account} account */
function indexPage(account) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(account.settings.companyName)} (sandbox)</title></head>
<body style="font-family: Arial, sans-serif; margin: 2em">
<h1>${esc(account.settings.companyName)}</h1>
<p>NetSuite sandbox account <b>${esc(account.settings.accountId)}</b> running project <b>${esc(account.project.name || '')}</b>.</p>
<ul><li>REST Record API: <code>${esc(account.url)}/services/rest/record/v1/employee</code></li>
<li>SuiteQL: <code>POST ${esc(account.url)}${SUITEQL_PATH}</code></li></ul>
</body></html>`;
}

module.exports = { createServer };
