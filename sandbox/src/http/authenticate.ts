/**
 * Who is calling, and may they use REST web services or RESTlets at all: the token (TBA, an OAuth 2.0
 * bearer the account file declares, or an access token the client credentials flow issued), its user and
 * role, then the role's transport permissions, checked before anything else as NetSuite does. One
 * identification for both surfaces; each answers a refusal in its own error shape. Every attempt gets a
 * Login Audit Trail row: Success, or Failure with the Detail code of its refusal (login-checks.ts DETAIL).
 */
import type { Database } from 'better-sqlite3';
import { verifyOAuth1, parseBearer, parseOAuthHeader, TIMESTAMP_TOLERANCE_SECONDS } from './auth';
import * as errors from '../rest-errors';
import type { RestResponse } from '../runtime/rest-records';
import type { LoginAudit } from '../storage/login-audit';
import type { AccessTokenCheck } from './client-credentials';
import { looksLikeJwt } from './jwt';
import { DETAIL, SURFACE_SCOPE, type DetailCode, type LoginChecks } from './login-checks';

/**
 * Transport permissions per authentication method. NetSuite refuses a role without them with
 * 400 USER_ERROR before looking at any record. SuiteQL also needs SuiteAnalytics Workbook
 * (Oracle article_5085602973).
 */
export const TRANSPORT = {
  tba: { feature: 'TBA', login: 'ADMI_LOGIN_OAUTH' },
  oauth2: { feature: 'OAUTH2', login: 'ADMI_LOGIN_OAUTH2' },
};
export const SUITEQL_PERMISSION = 'REPO_ANALYTICS';

/**
 * RESTlets are SuiteScript, not web services (Oracle chapter_1529417663): they need no REST Web Services
 * feature or permission, and a role marked Web Services Only is refused with INVALID_LOGIN_CREDENTIALS
 * (checked; the 401 status beside it is assumed: FIDELITY.md, RESTlets: "A Web Services Only role's refusal has
 * HTTP status 401"). Assumed too, coded here only: a RESTlet needs the method's log-in permission (Log in using
 * Access Tokens / Log in using OAuth 2.0 Access Tokens, Full) as REST does, and a role without it gets the
 * generic 401 INVALID_LOGIN_ATTEMPT rather than USER_ERROR (FIDELITY.md, RESTlets: "The role needs the method's
 * log-in permission at Full").
 */
const RESTLET_LOGIN_LEVEL = 4;

/** tokenRow: the OAuthToken row of a TBA or declared OAuth 2.0 token; null for an issued client credentials token. */
export interface Caller { ok: true, user: number, role: number, method: 'tba' | 'oauth2', tokenRow: number | null }
export type AuthResult = Caller | { ok: false, response: RestResponse, reason: string };
export interface AuthRequest {
  method: string, url: string, headers: Record<string, string | string[] | undefined>, body: Buffer, accountId: string,
  /** for the Login Audit Trail: the client's address and the path it asked for */
  ipAddress: string | null, path: string,
}

type Flag = 'T' | 'F';
interface TokenRow { id: number, name: string, user: number, role: number, binactive: Flag, brevoked: Flag, secret: string, consumerKey: string, appinactive: Flag, appstate: string, appname: string }

/** Who the credentials name, as far as they were read: what a Login Audit Trail row shows of the attempt. */
interface Named { user?: number, role?: number, appName?: string | null, tokenName?: string | null }
type Identified = (Caller & Named) | ({ ok: false, reason: string, detail: DetailCode } & Named);

/**
 * The TBA nonces of the timestamp window, kept in the account's database (sb_nonce) so that a captured
 * header cannot be replayed after a restart (subsect_156935170194: a nonce used before is refused). Same
 * contract as auth.ts's nonceMemory: true when this token, nonce and timestamp were seen.
 */
export function nonceStore(db: Database, now: () => Date): (key: string, nonce: string, timestamp: string) => boolean {
  const prune = db.prepare<[number]>('DELETE FROM sb_nonce WHERE ts < ?');
  const insert = db.prepare<[string, string, number]>('INSERT OR IGNORE INTO sb_nonce (key, nonce, ts) VALUES (?, ?, ?)');
  return (key, nonce, timestamp) => {
    prune.run(Math.floor(now().getTime() / 1000) - TIMESTAMP_TOLERANCE_SECONDS);
    return insert.run(key, `${nonce}\n${timestamp}`, Number(timestamp)).changes === 0;
  };
}

/**
 * checks: the account's state (login-checks.ts); audit: the Login Audit Trail; verifyAccessToken: the client
 * credentials flow's own tokens (client-credentials.ts).
 */
export function createAuthenticator(db: Database, o: { checks: LoginChecks, audit: LoginAudit, verifyAccessToken: (token: string) => AccessTokenCheck }) {
  const nonceSeen = nonceStore(db, () => new Date());
  const { checks } = o;
  const q = {
    consumer: db.prepare<[string], { secret: string }>(`SELECT c.consumer_secret AS secret FROM sb_integration_credential c JOIN integration i ON i.id = c.integration
      WHERE c.consumer_key = ? AND i.isinactive = 'F' AND i.tokenbasedauth = 'T'`),
    token: db.prepare<[string, string], TokenRow>(`SELECT t.id, t.tba_token_name AS name, t.entity_name AS user, t.role_name AS role, t.binactive, t.brevoked,
      c.token_secret AS secret, ic.consumer_key AS consumerKey, i.isinactive AS appinactive, i.state AS appstate, i.name AS appname
      FROM sb_token_credential c JOIN oauthtoken t ON t.id = c.token JOIN integration i ON i.id = t.integration
      JOIN sb_integration_credential ic ON ic.integration = i.id WHERE c.token_id = ? AND c.kind = ?`),
    webServicesOnly: db.prepare<[number], unknown>("SELECT 1 FROM role WHERE id = ? AND iswebserviceonlyrole = 'T'"),
  };

  /** The TBA token a header names (for the audit row of a refused attempt), if it is one of this account's. */
  function claimedTba(headers: AuthRequest['headers']): TokenRow | undefined {
    try {
      const id = parseOAuthHeader(headers.authorization).oauth_token;
      return id ? q.token.get(id, 'tba') : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The caller behind the request's token, or why the login is refused: the reason for the sandbox's log, the
   * Detail code for the Login Audit Trail (the client always gets one generic invalid-login answer).
   */
  function identify(req: AuthRequest, surface: 'rest' | 'restlet'): Identified {
    const bearer = parseBearer(req.headers);
    if (!bearer) return identifyTba(req);
    if (!checks.feature('OAUTH2')) return { ok: false, reason: 'the OAUTH2 feature is not enabled in this account', detail: DETAIL.featureDisabled };
    const t = q.token.get(bearer, 'oauth2');
    if (t) {
      // A token the account file declares: already issued, it does not expire. Assumed (FIDELITY.md, OAuth 2.0 client credentials:
      // "Account file OAuth 2.0 tokens are already issued").
      const named: Named = { user: t.user, role: t.role, appName: t.appname };
      const refused = tokenRowRefusal(t, DETAIL.invalidIntegration);
      if (refused) return { ok: false, ...refused, ...named };
      return { ok: true, user: t.user, role: t.role, method: 'oauth2', tokenRow: t.id, ...named };
    }
    if (!looksLikeJwt(bearer)) return { ok: false, reason: 'unknown access token', detail: DETAIL.invalidSignature };
    const c = o.verifyAccessToken(bearer);
    const integration = c.integration == null ? undefined : checks.integration(c.integration);
    const named: Named = { user: c.user, role: c.role, appName: integration?.name ?? null };
    if (!c.ok) return { ok: false, reason: c.reason, detail: c.detail, ...named };
    const refuse = (reason: string, detail: DetailCode): Identified => ({ ok: false, reason, detail, ...named });
    if (!integration || integration.isinactive === 'T' || integration.state === 'Blocked') {
      return refuse(`the token's integration ${integration?.name ?? c.integration} is ${integration?.state === 'Blocked' ? 'Blocked' : 'inactive or gone'}`, DETAIL.invalidIntegration);
    }
    if (integration.clientcredentials !== 'T') return refuse(`the integration ${integration.name} no longer has the client credentials grant`, DETAIL.invalidIntegration);
    const need = SURFACE_SCOPE[surface];
    if (!c.scopes.includes(need.scope)) return refuse(`the token's scope (${c.scopes.join(', ')}) does not include ${need.scope}`, DETAIL.scopeMismatched);
    if (integration[need.column] !== 'T') return refuse(`the integration ${integration.name} no longer has the ${need.scope} scope`, DETAIL.scopeMismatched);
    const disabled = checks.entityRole(c.user, c.role);
    if (disabled) return refuse(disabled, DETAIL.entityOrRoleDisabled);
    return { ok: true, user: c.user, role: c.role, method: 'oauth2', tokenRow: null, ...named };
  }

  function identifyTba(req: AuthRequest): Identified {
    const v = verifyOAuth1({
      method: req.method, url: req.url, headers: req.headers, body: req.body, accountId: req.accountId, now: new Date(),
      lookupConsumer: (k) => q.consumer.get(k) || null,
      lookupToken: (id) => {
        const t = q.token.get(id, 'tba');
        return t ? { secret: t.secret, consumerKey: t.consumerKey } : null;
      },
      nonceSeen,
    });
    if (!v.ok) {
      const claimed = claimedTba(req.headers);
      return { ok: false, reason: v.reason, detail: v.detail, ...(claimed ? { user: claimed.user, role: claimed.role, appName: claimed.appname, tokenName: claimed.name } : {}) };
    }
    const t = q.token.get(v.tokenId, 'tba') as TokenRow;
    const named: Named = { user: t.user, role: t.role, appName: t.appname, tokenName: t.name };
    const refuse = (reason: string, detail: DetailCode): Identified => ({ ok: false, reason, detail, ...named });
    if (!checks.feature('TBA')) return refuse('the TBA feature is not enabled in this account', DETAIL.featureDisabled);
    // Oracle (subsect_156935170194): an integration in the Blocked state refuses its consumer key.
    const refused = tokenRowRefusal(t, DETAIL.consumerKeyRefused);
    if (refused) return refuse(refused.reason, refused.detail);
    return { ok: true, user: t.user, role: t.role, method: 'tba', tokenRow: t.id, ...named };
  }

  /**
   * What refuses a stored token (TBA, or an OAuth 2.0 one the account file declares) whatever its kind:
   * revoked or inactive, its integration inactive or Blocked (Detail by kind), its user or role disabled.
   */
  function tokenRowRefusal(t: TokenRow, integrationDetail: DetailCode): { reason: string, detail: DetailCode } | null {
    if (t.brevoked === 'T') return { reason: `token ${t.id} is revoked`, detail: DETAIL.tokenRejected };
    if (t.binactive === 'T') return { reason: `token ${t.id} is inactive`, detail: DETAIL.tokenRejected };
    if (t.appinactive === 'T' || t.appstate === 'Blocked') return { reason: `the integration of token ${t.id} is ${t.appstate === 'Blocked' ? 'Blocked' : 'inactive'}`, detail: integrationDetail };
    const disabled = checks.entityRole(t.user, t.role);
    return disabled ? { reason: `token ${t.id}: ${disabled}`, detail: DETAIL.entityOrRoleDisabled } : null;
  }

  function record(req: AuthRequest, who: Identified, failure: DetailCode | null): void {
    const ua = req.headers['user-agent'];
    o.audit({
      status: failure ? 'Failure' : 'Success', detail: failure, user: who.user, role: who.role, appName: who.appName,
      // Assumed (FIDELITY.md, Login Audit Trail: "TBA rows name the application and the access token").
      tokenName: who.tokenName ?? null, requestUri: req.path, ipAddress: req.ipAddress, userAgent: Array.isArray(ua) ? ua.join(', ') : ua ?? null,
    });
  }

  const caller = (who: Caller): Caller => ({ ok: true, user: who.user, role: who.role, method: who.method, tokenRow: who.tokenRow });

  /**
   * REST web services: the caller, then the REST feature and the role's transport permissions. A role without
   * its log-in permission is a failed login (EntityOrRoleDisabled); one without REST Web Services or
   * SuiteAnalytics Workbook logged in, and its request is refused. Assumed (FIDELITY.md, Login Audit Trail: "A role
   * without its log-in permission is a failed login").
   */
  function rest(req: AuthRequest & { suiteql: boolean }): AuthResult {
    const who = identify(req, 'rest');
    if (!who.ok) {
      record(req, who, who.detail);
      // The challenge names the scheme the client tried and the account as its realm (rest-errors.ts).
      return { ok: false, response: errors.invalidLogin({ scheme: parseBearer(req.headers) ? 'Bearer' : 'OAuth', realm: req.accountId }), reason: who.reason };
    }
    if (!checks.feature('RESTWEBSERVICES')) {
      record(req, who, DETAIL.featureDisabled);
      return { ok: false, response: errors.restError(400, 'FEATURE_DISABLED', 'The REST Web Services feature is not enabled in this account.'), reason: 'REST Web Services feature off' };
    }
    const login = TRANSPORT[who.method].login;
    const missing: Array<[string, number]> = [['ADMI_RESTWEBSERVICES', 4], [login, 4]];
    if (req.suiteql) missing.push([SUITEQL_PERMISSION, 1]);
    const lacking = missing.filter(([key, need]) => checks.level(who.role, key) < need).map(([k]) => k);
    record(req, who, lacking.includes(login) ? DETAIL.entityOrRoleDisabled : null);
    if (lacking.length) return { ok: false, response: errors.noPermission(), reason: `role ${who.role} lacks ${lacking.join(', ')}` };
    return caller(who);
  }

  /**
   * RESTlets: the caller, a role that is not Web Services Only, and the method's log-in permission
   * (RESTLET_LOGIN_LEVEL). Refusals in the RESTlet error shape.
   */
  function restlet(req: AuthRequest): AuthResult {
    const who = identify(req, 'restlet');
    if (!who.ok) {
      record(req, who, who.detail);
      return { ok: false, response: errors.restletInvalidLogin(), reason: who.reason };
    }
    if (q.webServicesOnly.get(who.role)) {
      record(req, who, DETAIL.entityOrRoleDisabled);
      return { ok: false, response: errors.restletError(401, 'INVALID_LOGIN_CREDENTIALS', 'Invalid login credentials.'), reason: `role ${who.role} is Web Services Only, which cannot call RESTlets` };
    }
    const login = TRANSPORT[who.method].login;
    if (checks.level(who.role, login) < RESTLET_LOGIN_LEVEL) {
      record(req, who, DETAIL.entityOrRoleDisabled);
      return { ok: false, response: errors.restletInvalidLogin(), reason: `role ${who.role} lacks ${login}` };
    }
    record(req, who, null);
    return caller(who);
  }

  return { rest, restlet };
}
