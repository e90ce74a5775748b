// @ts-check
'use strict';
/**
 * The account's HTTP surface: REST web services (record API and SuiteQL) and RESTlets (restlet-host.js)
 * behind the concurrency gate and token authentication; the UI: sign-in, the index page and Suitelets
 * (sign-in.js, suitelet-host.js).
 */
const http = require('node:http');
const errors = require('../rest-errors');
const { createAuthenticator } = require('./authenticate');
const { readBody } = require('./body');
const { createSessions } = require('./sessions');
const { signInRoutes } = require('./sign-in');
const { suiteletHost } = require('./suitelet-host');
const { restletHost } = require('./restlet-host');
const { sendPage, chromeFor } = require('./ui-common');
const { listSuitelets, SUITELET_PATH } = require('../runtime/suitelet-deployments');
const { HOSTING_PATHS } = require('../runtime/deployments');
const pages = require('../ui/pages');

const RECORD_RE = /^\/services\/rest\/record\/v1\/([a-z0-9_]+)(?:\/([^/]+))?\/?$/i;
const SUITEQL_PATH = '/services/rest/query/v1/suiteql';

/** @param {import('../account').Account} account */
function createServer(account) {
  const authenticator = createAuthenticator(account.db);
  const sessions = createSessions(account.db, { companyName: () => account.settings.companyName });
  const signIn = signInRoutes(account, sessions);
  const suitelet = suiteletHost(account, sessions);
  const restlet = restletHost(account, authenticator);
  let inFlight = 0;

  /**
   * Concurrency governance: REST requests and RESTlet calls share the account's limit; over it → 429.
   * @param {http.ServerResponse} res @param {() => Reply} refusal @param {() => Promise<Reply>} work
   */
  async function gated(res, refusal, work) {
    if (inFlight >= account.settings.concurrencyLimit) return send(res, refusal());
    inFlight++;
    try {
      return send(res, await work());
    } finally {
      inFlight--;
    }
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url || '/', `http://${req.headers.host || '127.0.0.1'}`);
    try {
      if (url.pathname.startsWith('/services/rest/')) return await gated(res, errors.tooManyRequests, () => rest(req, url));
      if (url.pathname === HOSTING_PATHS.restlet) return await gated(res, () => errors.restletFailure('tooManyRequests'), () => restlet(req, url));
      if (url.pathname === SUITELET_PATH) return await suitelet(req, res, url);
      if (await signIn(req, res, url)) return undefined;
      if (url.pathname === '/' && req.method === 'GET') return sendPage(res, 200, indexPage(account, sessions.read(req.headers.cookie)));
      return send(res, errors.restError(404, 'NOT_FOUND', `Nothing is served at ${url.pathname}.`));
    } catch (e) {
      account.reportError(e);
      if (res.headersSent) return res.end();
      if (url.pathname === HOSTING_PATHS.restlet) return send(res, errors.restletError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred in the sandbox account: see its console.'));
      if (!url.pathname.startsWith('/services/')) {
        return sendPage(res, 500, pages.errorPage({ chrome: { company: account.settings.companyName }, code: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred in the sandbox account: see its console.' }));
      }
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
    const who = authenticator.rest({ method, url: url.toString(), headers: req.headers, body, accountId: account.settings.accountId, suiteql: isSuiteQL });
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
      return /** @type {Promise<Reply>} */ (account.pool.run('rest', { ...common, op: 'suiteql' }));
    }
    const [, type, id] = /** @type {RegExpExecArray} */ (m);
    const op = id
      ? { GET: 'get', PATCH: 'update', PUT: 'update', DELETE: 'delete' }[method]
      : { GET: 'list', POST: 'create' }[method];
    if (!op) return errors.methodNotAllowed(method, id ? ['GET', 'PATCH', 'PUT', 'DELETE'] : ['GET', 'POST']);
    return /** @type {Promise<Reply>} */ (account.pool.run('rest', { ...common, op, type, id: id && decodeURIComponent(id) }));
  }

  return server;
}

/** @typedef {{ status: number, headers?: Record<string, string>, body?: any }} Reply */

/** @param {http.ServerResponse} res @param {Reply} r */
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

/**
 * The index: sign-in, and once signed in the Suitelets the role may open.
 * @param {import('../account').Account} account @param {import('./sessions').Session | null} session
 */
function indexPage(account, session) {
  const signedIn = !session ? 'no' : session.role == null ? 'no-role' : 'yes';
  return pages.indexPage({
    chrome: chromeFor(account, session), accountId: account.settings.accountId, projectName: account.project.name || '', signedIn,
    suitelets: session && session.role != null ? listSuitelets(account.db, account.project, { user: session.user, role: session.role }) : [],
    restBase: `${account.url}/services/rest`,
  });
}

module.exports = { createServer };
