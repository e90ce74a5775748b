// @ts-check
'use strict';
/**
 * Who is calling, and may they use REST web services or RESTlets at all: the token (TBA or OAuth 2.0
 * bearer), its user and role, then the role's transport permissions, checked before anything else as
 * NetSuite does. One identification for both surfaces; each answers a refusal in its own error shape.
 */
const { verifyOAuth1, parseBearer, nonceMemory } = require('./auth');
const errors = require('../rest-errors');

/**
 * Transport permissions per authentication method. NetSuite refuses a role without them with
 * 400 USER_ERROR before looking at any record. SuiteQL also needs SuiteAnalytics Workbook
 * (Oracle article_5085602973).
 */
const TRANSPORT = {
  tba: { feature: 'TBA', login: 'ADMI_LOGIN_OAUTH' },
  oauth2: { feature: 'OAUTH2', login: 'ADMI_LOGIN_OAUTH2' },
};
const SUITEQL_PERMISSION = 'REPO_ANALYTICS';

/**
 * RESTlets are SuiteScript, not web services (Oracle chapter_1529417663): they need no REST Web Services
 * feature or permission, and a role marked Web Services Only is refused with INVALID_LOGIN_CREDENTIALS
 * (checked; the 401 status beside it is unverified). Unverified, coded here only: that a RESTlet needs the
 * method's log-in permission (Log in using Access Tokens / Log in using OAuth 2.0 Access Tokens, Full) as
 * REST does, and that a role without it gets the generic 401 INVALID_LOGIN_ATTEMPT rather than USER_ERROR.
 */
const RESTLET_LOGIN_LEVEL = 4;

/**
 * @typedef {{ ok: true, user: number, role: number, method: 'tba' | 'oauth2', tokenRow: number }} Caller
 * @typedef {Caller | { ok: false, response: import('../runtime/rest-records').RestResponse, reason: string }} AuthResult
 * @typedef {{ method: string, url: string, headers: Record<string, any>, body: Buffer, accountId: string }} AuthRequest
 */

/** @param {import('better-sqlite3').Database} db */
function createAuthenticator(db) {
  const nonceSeen = nonceMemory(() => new Date());
  const q = {
    consumer: db.prepare(`SELECT c.consumer_secret AS secret FROM sb_integration_credential c JOIN integration i ON i.id = c.integration
      WHERE c.consumer_key = ? AND i.isinactive = 'F' AND i.tokenbasedauth = 'T'`),
    token: db.prepare(`SELECT t.id, t.entity_name AS user, t.role_name AS role, t.binactive, t.brevoked, c.token_secret AS secret,
      ic.consumer_key AS consumerKey, i.isinactive AS appinactive
      FROM sb_token_credential c JOIN oauthtoken t ON t.id = c.token JOIN integration i ON i.id = t.integration
      JOIN sb_integration_credential ic ON ic.integration = i.id WHERE c.token_id = ? AND c.kind = ?`),
    user: db.prepare('SELECT isinactive, giveaccess FROM employee WHERE id = ?'),
    hasRole: db.prepare('SELECT 1 FROM employeerolesforsearch WHERE entity = ? AND role = ?'),
    role: db.prepare('SELECT scriptid, isinactive FROM role WHERE id = ?'),
    perm: db.prepare('SELECT permlevel FROM rolepermissions WHERE role = ? AND permkey = ?'),
    feature: db.prepare('SELECT enabled FROM feature WHERE id = ?'),
    webServicesOnly: db.prepare("SELECT 1 FROM role WHERE id = ? AND iswebserviceonlyrole = 'T'"),
  };
  /** @param {number} role @param {string} key */
  const level = (role, key) => {
    const r = /** @type {any} */ (q.role.get(role));
    if (r && r.scriptid === 'administrator') return 4;
    const p = /** @type {any} */ (q.perm.get(role, key));
    return p ? p.permlevel : 0;
  };
  /** @param {string} id */
  const feature = (id) => /** @type {any} */ (q.feature.get(id))?.enabled === 'T';

  /**
   * The caller behind the request's token, or why the login is refused (for the sandbox's log only: the
   * client always gets one generic invalid-login answer).
   * @param {AuthRequest} req
   * @returns {Caller | { ok: false, reason: string }}
   */
  function identify(req) {
    /** @param {string} reason */
    const refuse = (reason) => ({ ok: /** @type {const} */ (false), reason });
    const bearer = parseBearer(req.headers);
    /** @type {'tba' | 'oauth2'} */
    const method = bearer ? 'oauth2' : 'tba';
    let tokenId;
    if (bearer) tokenId = bearer;
    else {
      const v = verifyOAuth1({
        method: req.method, url: req.url, headers: req.headers, body: req.body, accountId: req.accountId, now: new Date(),
        lookupConsumer: (k) => /** @type {any} */ (q.consumer.get(k)) || null,
        lookupToken: (id) => {
          const t = /** @type {any} */ (q.token.get(id, 'tba'));
          return t ? { secret: t.secret, consumerKey: t.consumerKey } : null;
        },
        nonceSeen,
      });
      if (!v.ok) return refuse(v.reason);
      tokenId = v.tokenId;
    }
    if (!feature(TRANSPORT[method].feature)) return refuse(`the ${TRANSPORT[method].feature} feature is not enabled in this account`);
    const t = /** @type {any} */ (q.token.get(tokenId, method));
    if (!t) return refuse('unknown access token');
    if (t.brevoked === 'T') return refuse(`token ${t.id} is revoked`);
    if (t.binactive === 'T') return refuse(`token ${t.id} is inactive`);
    if (t.appinactive === 'T') return refuse(`the integration of token ${t.id} is inactive`);
    const u = /** @type {any} */ (q.user.get(t.user));
    if (!u || u.isinactive === 'T') return refuse(`the token's user ${t.user} is inactive`);
    if (u.giveaccess !== 'T') return refuse(`the token's user ${t.user} has no login access (Give Access is off)`);
    const role = /** @type {any} */ (q.role.get(t.role));
    if (!role || role.isinactive === 'T') return refuse(`the token's role ${t.role} is inactive`);
    if (!q.hasRole.get(t.user, t.role)) return refuse(`user ${t.user} no longer has the token's role ${t.role}`);
    return { ok: true, user: t.user, role: t.role, method, tokenRow: t.id };
  }

  /**
   * REST web services: the caller, then the REST feature and the role's transport permissions.
   * @param {AuthRequest & { suiteql: boolean }} req
   * @returns {AuthResult}
   */
  function rest(req) {
    const who = identify(req);
    if (!who.ok) return { ok: false, response: errors.invalidLogin(), reason: who.reason };
    if (!feature('RESTWEBSERVICES')) {
      return { ok: false, response: errors.restError(400, 'FEATURE_DISABLED', 'The REST Web Services feature is not enabled in this account.'), reason: 'REST Web Services feature off' };
    }
    const missing = [['ADMI_RESTWEBSERVICES', 4], [TRANSPORT[who.method].login, 4]];
    if (req.suiteql) missing.push([SUITEQL_PERMISSION, 1]);
    const lacking = missing.filter(([key, need]) => level(who.role, /** @type {string} */ (key)) < /** @type {number} */ (need)).map(([k]) => k);
    if (lacking.length) return { ok: false, response: errors.noPermission(), reason: `role ${who.role} lacks ${lacking.join(', ')}` };
    return who;
  }

  /**
   * RESTlets: the caller, a role that is not Web Services Only, and the method's log-in permission
   * (RESTLET_LOGIN_LEVEL). Refusals in the RESTlet error shape.
   * @param {AuthRequest} req
   * @returns {AuthResult}
   */
  function restlet(req) {
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

module.exports = { createAuthenticator, TRANSPORT, SUITEQL_PERMISSION };
