/**
 * The account's HTTP surface: REST web services (record API and SuiteQL) and RESTlets (restlet-host.ts)
 * behind the concurrency gate and token authentication; the UI: sign-in, the index page and Suitelets
 * (sign-in.ts, suitelet-host.ts).
 */
import * as http from 'node:http';
import type { Account } from '../account';
import * as errors from '../rest-errors';
import { createAuthenticator } from './authenticate';
import { readBody } from './body';
import { createSessions, type Session } from './sessions';
import { signInRoutes } from './sign-in';
import { suiteletHost } from './suitelet-host';
import { restletHost } from './restlet-host';
import { sendPage, chromeFor } from './ui-common';
import { listSuitelets, SUITELET_PATH } from '../runtime/suitelet-deployments';
import { HOSTING_PATHS } from '../runtime/deployments';
import * as pages from '../ui/pages';

/** What a REST or RESTlet handler answers: the body is JSON unless it is already text. */
interface Reply { status: number, headers?: Record<string, string>, body?: unknown }

const RECORD_RE = /^\/services\/rest\/record\/v1\/([a-z0-9_]+)(?:\/([^/]+))?\/?$/i;
const SUITEQL_PATH = '/services/rest/query/v1/suiteql';

export function createServer(account: Account): http.Server {
  const authenticator = createAuthenticator(account.db);
  const sessions = createSessions(account.db, { companyName: () => account.settings.companyName });
  const signIn = signInRoutes(account, sessions);
  const suitelet = suiteletHost(account, sessions);
  const restlet = restletHost(account, authenticator);
  let inFlight = 0;

  /**
   * Concurrency governance: REST requests and RESTlet calls share the account's limit; over it → 429.
   */
  async function gated(res: http.ServerResponse, refusal: () => Reply, work: () => Promise<Reply>): Promise<http.ServerResponse> {
    if (inFlight >= account.settings.concurrencyLimit) return send(res, refusal());
    inFlight++;
    try {
      return send(res, await work());
    } finally {
      inFlight--;
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
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
  }

  async function rest(req: http.IncomingMessage, url: URL): Promise<Reply> {
    const body = await readBody(req);
    const method = (req.method || 'GET').toUpperCase();
    const isSuiteQL = url.pathname === SUITEQL_PATH;
    const m = RECORD_RE.exec(url.pathname);
    if (!isSuiteQL && !m) return errors.restError(404, 'INVALID_ID', `Unknown REST resource ${url.pathname}.`);
    const who = authenticator.rest({ method, url: url.toString(), headers: req.headers, body, accountId: account.settings.accountId, suiteql: isSuiteQL });
    if (!who.ok) {
      account.note('rest.refused', `${method} ${url.pathname}: ${who.reason}`);
      return who.response;
    }
    let json: unknown;
    if (body.length) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return errors.invalidContent('The request body is not valid JSON.');
      }
    }
    const query = Object.fromEntries(url.searchParams);
    const common = { query, baseUrl: url.origin, user: who.user, role: who.role, body: json,
      strict: headerText(req, 'x-netsuite-propertynamevalidation').toLowerCase() === 'error' };
    if (isSuiteQL) {
      if (method !== 'POST') return errors.methodNotAllowed(method, ['POST']);
      if (!/transient/i.test(headerText(req, 'prefer'))) {
        return errors.restError(400, 'INVALID_PARAMETER', "SuiteQL requests need the header 'Prefer: transient'.");
      }
      return account.pool.run('rest', { ...common, op: 'suiteql' }) as Promise<Reply>;
    }
    const [, type, id] = m as RegExpExecArray;
    const ops: Record<string, string | undefined> = id
      ? { GET: 'get', PATCH: 'update', PUT: 'update', DELETE: 'delete' }
      : { GET: 'list', POST: 'create' };
    const op = ops[method];
    if (!op) return errors.methodNotAllowed(method, id ? ['GET', 'PATCH', 'PUT', 'DELETE'] : ['GET', 'POST']);
    return account.pool.run('rest', { ...common, op, type, id: id && decodeURIComponent(id) }) as Promise<Reply>;
  }

  return server;
}

/** A request header as one text (a repeated header's values joined by commas), '' when absent. */
function headerText(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v ?? '';
}

function send(res: http.ServerResponse, r: Reply): http.ServerResponse {
  const headers: Record<string, string> = { ...(r.headers || {}) };
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
 */
function indexPage(account: Account, session: Session | null): string {
  const signedIn = !session ? 'no' : session.role == null ? 'no-role' : 'yes';
  return pages.indexPage({
    chrome: chromeFor(account, session), accountId: account.settings.accountId, projectName: account.project.name || '', signedIn,
    suitelets: session && session.role != null ? listSuitelets(account.db, account.project, { user: session.user, role: session.role }) : [],
    restBase: `${account.url}/services/rest`,
  });
}
