/**
 * The account's HTTP surface: REST web services (record API and SuiteQL) and RESTlets (restlet-host.ts)
 * behind the concurrency gate and token authentication; the OAuth 2.0 token endpoint (client-credentials.ts);
 * the UI: sign-in, the index page and Suitelets (sign-in.ts, suitelet-host.ts).
 */
import * as http from 'node:http';
import type { Account } from '../account';
import * as errors from '../rest-errors';
import { createAuthenticator } from './authenticate';
import { readBody, isForm, BodyError } from './body';
import { clientCredentials, TOKEN_PATH } from './client-credentials';
import { loginChecks } from './login-checks';
import { loginAudit } from '../storage/login-audit';
import type { Caller } from './authenticate';
import { LIMITS, jsonDepth } from '../limits';
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
  const checks = loginChecks(account.db);
  const audit = loginAudit(account.db, () => account.clock.now());
  const m2m = clientCredentials(account.db, { accountId: account.settings.accountId, now: () => account.clock.now(), checks, audit, note: (k, d) => account.note(k, d) });
  const authenticator = createAuthenticator(account.db, { checks, audit, verifyAccessToken: m2m.verifyAccessToken });
  const sessions = createSessions(account.db, { companyName: () => account.settings.companyName });
  const signIn = signInRoutes(account, sessions);
  const suitelet = suiteletHost(account, sessions);
  const restlet = restletHost(account);
  let inFlight = 0;

  /**
   * Concurrency governance: authenticated REST requests and RESTlet calls share the account's limit;
   * over it → 429. A request takes its slot only once its token is accepted, so unauthenticated clients
   * cannot hold the account's slots.
   */
  async function gated(res: http.ServerResponse, refusal: () => Reply, work: () => Promise<Reply>): Promise<http.ServerResponse> {
    if (inFlight >= account.settings.concurrencyLimit) return send(res, closing(refusal()));
    inFlight++;
    try {
      return send(res, await work());
    } finally {
      inFlight--;
    }
  }

  const server = http.createServer({ headersTimeout: LIMITS.headersTimeoutMs, requestTimeout: LIMITS.headersTimeoutMs + LIMITS.bodyTimeoutMs }, (req, res) => void handle(req, res));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    let url: URL;
    try {
      // The Host header is the client's: the URL it signed (TBA) is built from it.
      url = new URL(req.url || '/', `http://${req.headers.host || '127.0.0.1'}`);
    } catch {
      return send(res, closing(errors.restError(400, 'INVALID_REQUEST', 'The request\'s Host header or target is not a valid URL.')));
    }
    const surface = url.pathname.startsWith('/services/rest/') ? 'rest' : url.pathname === HOSTING_PATHS.restlet ? 'restlet' : 'ui';
    try {
      if (url.pathname === TOKEN_PATH) return await tokenEndpoint(req, res, url);
      if (surface !== 'ui') return await webService(req, res, url, surface);
      if (url.pathname === SUITELET_PATH) return await suitelet(req, res, url);
      if (await signIn(req, res, url)) return undefined;
      if (url.pathname === '/' && req.method === 'GET') return sendPage(res, 200, indexPage(account, sessions.read(req.headers.cookie)));
      return send(res, errors.restError(404, 'NOT_FOUND', `Nothing is served at ${url.pathname}.`));
    } catch (e) {
      if (res.headersSent) return res.end();
      if (e instanceof BodyError) {
        res.setHeader('Connection', 'close');
        if (surface === 'restlet') return send(res, errors.restletError(e.status, e.status === 413 ? 'CONTENT_TOO_LARGE' : 'REQUEST_TIMEOUT', e.message));
        if (surface === 'rest') return send(res, errors.restError(e.status, e.status === 413 ? 'CONTENT_TOO_LARGE' : 'REQUEST_TIMEOUT', e.message));
        return sendPage(res, e.status, pages.errorPage({ chrome: { company: account.settings.companyName }, code: e.status === 413 ? 'CONTENT_TOO_LARGE' : 'REQUEST_TIMEOUT', message: e.message }));
      }
      account.reportError(e);
      if (surface === 'restlet') return send(res, errors.restletError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred in the sandbox account: see its console.'));
      if (surface === 'ui') {
        return sendPage(res, 500, pages.errorPage({ chrome: { company: account.settings.companyName }, code: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred in the sandbox account: see its console.' }));
      }
      return send(res, errors.restError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred in the sandbox account: see its console.'));
    }
  }

  /**
   * The OAuth 2.0 token endpoint: a POSTed form of at most LIMITS.tokenBodyBytes, outside the concurrency gate
   * Assumed (FIDELITY.md, OAuth 2.0 client credentials: "The token endpoint is outside the concurrency limit").
   */
  async function tokenEndpoint(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<unknown> {
    const method = (req.method || 'GET').toUpperCase();
    let body: Buffer | null = null;
    if (method === 'POST' && isForm(req.headers)) {
      try {
        body = await readBody(req, LIMITS.tokenBodyBytes);
      } catch (e) {
        if (!(e instanceof BodyError)) throw e;
        account.note('oauth2.token.refused', `invalid_request: ${e.message}`);
        return send(res, { status: e.status, headers: { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' }, body: { error: 'invalid_request' } });
      }
    }
    const ua = req.headers['user-agent'];
    const reply = m2m.token({
      method, headers: req.headers, body,
      audiences: [...new Set([`${url.origin}${TOKEN_PATH}`, `${account.url}${TOKEN_PATH}`])],
      ipAddress: req.socket.remoteAddress ?? null, userAgent: Array.isArray(ua) ? ua.join(', ') : ua ?? null,
    });
    return send(res, reply);
  }

  /**
   * REST web services and RESTlets: the token first (from the headers; a form body, which TBA signs, is
   * read first with a small cap), then a concurrency slot, then the body, then the work.
   */
  async function webService(req: http.IncomingMessage, res: http.ServerResponse, url: URL, surface: 'rest' | 'restlet'): Promise<unknown> {
    const method = (req.method || 'GET').toUpperCase();
    const early = isForm(req.headers) ? await readBody(req, LIMITS.signInBodyBytes) : null;
    const isSuiteQL = url.pathname === SUITEQL_PATH;
    const signed = { method, url: url.toString(), headers: req.headers, body: early ?? EMPTY, accountId: account.settings.accountId,
      ipAddress: req.socket.remoteAddress ?? null, path: url.pathname };
    const who = surface === 'rest' ? authenticator.rest({ ...signed, suiteql: isSuiteQL }) : authenticator.restlet(signed);
    if (!who.ok) {
      const where = surface === 'rest' ? url.pathname : `${url.searchParams.get('script')}/${url.searchParams.get('deploy')}`;
      account.note(`${surface}.refused`, `${method} ${where}: ${who.reason}`);
      return send(res, early ? who.response : closing(who.response));
    }
    // A client gone before its answer stops its SuiteQL query.
    const gone = new AbortController();
    res.once('close', () => { if (!res.writableFinished) gone.abort(); });
    if (surface === 'restlet') {
      return gated(res, () => errors.restletFailure('tooManyRequests'), async () => restlet(req, url, early ?? await readBody(req, LIMITS.restBodyBytes), who));
    }
    return gated(res, errors.tooManyRequests, async () => rest(req, url, early ?? await readBody(req, LIMITS.restBodyBytes), who, gone.signal));
  }

  async function rest(req: http.IncomingMessage, url: URL, body: Buffer, who: Caller, signal: AbortSignal): Promise<Reply> {
    const method = (req.method || 'GET').toUpperCase();
    const isSuiteQL = url.pathname === SUITEQL_PATH;
    const m = RECORD_RE.exec(url.pathname);
    if (!isSuiteQL && !m) return errors.restError(404, 'INVALID_ID', `Unknown REST resource ${url.pathname}.`);
    let json: unknown;
    if (body.length) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return errors.invalidContent('The request body is not valid JSON.');
      }
      if (jsonDepth(json, LIMITS.jsonDepth) > LIMITS.jsonDepth) return errors.invalidContent(`The request body nests deeper than ${LIMITS.jsonDepth} levels.`);
    }
    const query = Object.fromEntries(url.searchParams);
    const common = { query, baseUrl: url.origin, user: who.user, role: who.role, body: json,
      strict: headerText(req, 'x-netsuite-propertynamevalidation').toLowerCase() === 'error' };
    if (isSuiteQL) {
      if (method !== 'POST') return errors.methodNotAllowed(method, ['POST']);
      if (!/transient/i.test(headerText(req, 'prefer'))) {
        return errors.restError(400, 'INVALID_PARAMETER', "SuiteQL requests need the header 'Prefer: transient'.");
      }
      return account.queries.run({ task: { ...common, op: 'suiteql' }, timeoutMs: account.settings.suiteqlTimeoutMs, signal });
    }
    const [, type, rawId] = m as RegExpExecArray;
    const ops: Record<string, string | undefined> = rawId
      ? { GET: 'get', PATCH: 'update', PUT: 'update', DELETE: 'delete' }
      : { GET: 'list', POST: 'create' };
    const op = ops[method];
    if (!op) return errors.methodNotAllowed(method, rawId ? ['GET', 'PATCH', 'PUT', 'DELETE'] : ['GET', 'POST']);
    let id: string | undefined;
    try {
      id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    } catch {
      return errors.restError(400, 'INVALID_ID', `The record id '${rawId.slice(0, LIMITS.idChars)}' in the URL is not valid percent-encoding.`);
    }
    if (id !== undefined && id.length > LIMITS.idChars) return errors.restError(400, 'INVALID_ID', `The record id in the URL is longer than ${LIMITS.idChars} characters.`);
    return account.pool.run('rest', { ...common, op, type, id }) as Promise<Reply>;
  }

  return server;
}

const EMPTY = Buffer.alloc(0);

/** An answer after which the connection closes (its request's body was not read). */
function closing(r: Reply): Reply {
  return { ...r, headers: { ...(r.headers || {}), Connection: 'close' } };
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
