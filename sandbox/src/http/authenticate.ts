/**
 * Who is calling, and may they use REST web services or RESTlets at all: the token (TBA or OAuth 2.0
 * bearer), its user and role, then the role's transport permissions, checked before anything else as
 * NetSuite does. One identification for both surfaces; each answers a refusal in its own error shape.
 */
import type { Database } from 'better-sqlite3';
import { verifyOAuth1, parseBearer, TIMESTAMP_TOLERANCE_SECONDS } from './auth';
import * as errors from '../rest-errors';
import type { RestResponse } from '../runtime/rest-records';

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

export interface Caller { ok: true, user: number, role: number, method: 'tba' | 'oauth2', tokenRow: number }
export type AuthResult = Caller | { ok: false, response: RestResponse, reason: string };
export interface AuthRequest { method: string, url: string, headers: Record<string, string | string[] | undefined>, body: Buffer, accountId: string }

type Flag = 'T' | 'F';
interface TokenRow { id: number, user: number, role: number, binactive: Flag, brevoked: Flag, secret: string, consumerKey: string, appinactive: Flag }

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

export function createAuthenticator(db: Database) {
  const nonceSeen = nonceStore(db, () => new Date());
  const q = {
    consumer: db.prepare<[string], { secret: string }>(`SELECT c.consumer_secret AS secret FROM sb_integration_credential c JOIN integration i ON i.id = c.integration
      WHERE c.consumer_key = ? AND i.isinactive = 'F' AND i.tokenbasedauth = 'T'`),
    token: db.prepare<[string, string], TokenRow>(`SELECT t.id, t.entity_name AS user, t.role_name AS role, t.binactive, t.brevoked, c.token_secret AS secret,
      ic.consumer_key AS consumerKey, i.isinactive AS appinactive
      FROM sb_token_credential c JOIN oauthtoken t ON t.id = c.token JOIN integration i ON i.id = t.integration
      JOIN sb_integration_credential ic ON ic.integration = i.id WHERE c.token_id = ? AND c.kind = ?`),
    user: db.prepare<[number], { isinactive: Flag, giveaccess: Flag }>('SELECT isinactive, giveaccess FROM employee WHERE id = ?'),
    hasRole: db.prepare<[number, number], unknown>('SELECT 1 FROM employeerolesforsearch WHERE entity = ? AND role = ?'),
    role: db.prepare<[number], { scriptid: string, isinactive: Flag }>('SELECT scriptid, isinactive FROM role WHERE id = ?'),
    perm: db.prepare<[number, string], { permlevel: number }>('SELECT permlevel FROM rolepermissions WHERE role = ? AND permkey = ?'),
    feature: db.prepare<[string], { enabled: Flag }>('SELECT enabled FROM feature WHERE id = ?'),
    webServicesOnly: db.prepare<[number], unknown>("SELECT 1 FROM role WHERE id = ? AND iswebserviceonlyrole = 'T'"),
  };
  const level = (role: number, key: string): number => {
    const r = q.role.get(role);
    if (r && r.scriptid === 'administrator') return 4;
    const p = q.perm.get(role, key);
    return p ? p.permlevel : 0;
  };
  const feature = (id: string): boolean => q.feature.get(id)?.enabled === 'T';

  /**
   * The caller behind the request's token, or why the login is refused (for the sandbox's log only: the
   * client always gets one generic invalid-login answer).
   */
  function identify(req: AuthRequest): Caller | { ok: false, reason: string } {
    const refuse = (reason: string) => ({ ok: false as const, reason });
    const bearer = parseBearer(req.headers);
    const method: 'tba' | 'oauth2' = bearer ? 'oauth2' : 'tba';
    let tokenId: string;
    if (bearer) tokenId = bearer;
    else {
      const v = verifyOAuth1({
        method: req.method, url: req.url, headers: req.headers, body: req.body, accountId: req.accountId, now: new Date(),
        lookupConsumer: (k) => q.consumer.get(k) || null,
        lookupToken: (id) => {
          const t = q.token.get(id, 'tba');
          return t ? { secret: t.secret, consumerKey: t.consumerKey } : null;
        },
        nonceSeen,
      });
      if (!v.ok) return refuse(v.reason);
      tokenId = v.tokenId;
    }
    if (!feature(TRANSPORT[method].feature)) return refuse(`the ${TRANSPORT[method].feature} feature is not enabled in this account`);
    const t = q.token.get(tokenId, method);
    if (!t) return refuse('unknown access token');
    if (t.brevoked === 'T') return refuse(`token ${t.id} is revoked`);
    if (t.binactive === 'T') return refuse(`token ${t.id} is inactive`);
    if (t.appinactive === 'T') return refuse(`the integration of token ${t.id} is inactive`);
    const u = q.user.get(t.user);
    if (!u || u.isinactive === 'T') return refuse(`the token's user ${t.user} is inactive`);
    if (u.giveaccess !== 'T') return refuse(`the token's user ${t.user} has no login access (Give Access is off)`);
    const role = q.role.get(t.role);
    if (!role || role.isinactive === 'T') return refuse(`the token's role ${t.role} is inactive`);
    if (!q.hasRole.get(t.user, t.role)) return refuse(`user ${t.user} no longer has the token's role ${t.role}`);
    return { ok: true, user: t.user, role: t.role, method, tokenRow: t.id };
  }

  /**
   * REST web services: the caller, then the REST feature and the role's transport permissions.
   */
  function rest(req: AuthRequest & { suiteql: boolean }): AuthResult {
    const who = identify(req);
    // The challenge names the scheme the client tried and the account as its realm (rest-errors.ts).
    if (!who.ok) return { ok: false, response: errors.invalidLogin({ scheme: parseBearer(req.headers) ? 'Bearer' : 'OAuth', realm: req.accountId }), reason: who.reason };
    if (!feature('RESTWEBSERVICES')) {
      return { ok: false, response: errors.restError(400, 'FEATURE_DISABLED', 'The REST Web Services feature is not enabled in this account.'), reason: 'REST Web Services feature off' };
    }
    const missing: Array<[string, number]> = [['ADMI_RESTWEBSERVICES', 4], [TRANSPORT[who.method].login, 4]];
    if (req.suiteql) missing.push([SUITEQL_PERMISSION, 1]);
    const lacking = missing.filter(([key, need]) => level(who.role, key) < need).map(([k]) => k);
    if (lacking.length) return { ok: false, response: errors.noPermission(), reason: `role ${who.role} lacks ${lacking.join(', ')}` };
    return who;
  }

  /**
   * RESTlets: the caller, a role that is not Web Services Only, and the method's log-in permission
   * (RESTLET_LOGIN_LEVEL). Refusals in the RESTlet error shape.
   */
  function restlet(req: AuthRequest): AuthResult {
    const who = identify(req);
    if (!who.ok) return { ok: false, response: errors.restletInvalidLogin(), reason: who.reason };
    if (q.webServicesOnly.get(who.role)) {
      return { ok: false, response: errors.restletError(401, 'INVALID_LOGIN_CREDENTIALS', 'Invalid login credentials.'), reason: `role ${who.role} is Web Services Only, which cannot call RESTlets` };
    }
    const login = TRANSPORT[who.method].login;
    if (level(who.role, login) < RESTLET_LOGIN_LEVEL) return { ok: false, response: errors.restletInvalidLogin(), reason: `role ${who.role} lacks ${login}` };
    return who;
  }

  return { rest, restlet };
}
