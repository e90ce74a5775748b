/**
 * OAuth 2.0 client credentials (machine to machine), as NetSuite runs it: the token endpoint
 * `POST /services/rest/auth/oauth2/v1/token` (Oracle section_162755359851) takes grant_type=client_credentials,
 * client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer and client_assertion, a JWT the
 * client signs with the private key of a certificate mapped to an entity, a role and an integration
 * (section_162686838198). Its header names the certificate (kid) and one of the algorithms of
 * section_162790605110; its payload the integration's client id (iss), the scopes (scope), the token endpoint
 * (aud), iat and exp (at most 60 minutes after iat). The answer is an access token (a JWT, valid for 60 minutes
 * of account time), token_type and expires_in 3600; a refusal is RFC 6749 §5.2 JSON, {"error": "<code>"}, as
 * Oracle shows it for the token endpoint (subsect_161252460252). Each request gets a Login Audit Trail row.
 *
 * The access token then authenticates REST web services and RESTlets (authenticate.ts asks verifyAccessToken):
 * the sandbox keeps what it issued it for (sb_oauth2_token) and checks at every request what NetSuite checks at
 * login (the integration, its scopes, the entity and role).
 *
 * Assumed (FIDELITY.md, OAuth 2.0 client credentials): the assertion's iat and exp are read against the real
 * clock, as a client signs with its own clock and TBA's timestamps are ("The assertion's iat and exp are read
 * against the real clock"); which RFC 6749 error and Detail code each refusal gets where Oracle names none
 * ("Token endpoint errors").
 */
import * as crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';

import { getSetting, setSetting } from '../storage/db';
import type { LoginAudit } from '../storage/login-audit';
import { ASSERTION_ALGORITHMS, decodeJwt, signPs256, verifySignature, type DecodedJwt } from './jwt';
import { DETAIL, type DetailCode, type LoginChecks } from './login-checks';

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Access tokens are valid for 60 minutes (section_162755359851); expires_in is always 3600. */
export const ACCESS_TOKEN_SECONDS = 3600;
/** exp may be at most 60 minutes after iat (section_162790605110). */
const ASSERTION_MAX_SECONDS = 3600;
/** How far in the future an assertion's iat may be: the ±5 minutes NetSuite gives TBA timestamps. Assumed. */
const CLOCK_SKEW_SECONDS = 5 * 60;
/** The issuer NetSuite writes in its access tokens (section_158255317571). */
const ISSUER = 'https://system.netsuite.com';
export const SCOPE_NAMES = ['rest_webservices', 'restlets', 'suite_analytics'];
const SCOPE_COLUMNS: Record<string, 'scoperestwebservices' | 'scoperestlets' | 'scopesuiteanalytics'> = {
  rest_webservices: 'scoperestwebservices', restlets: 'scoperestlets', suite_analytics: 'scopesuiteanalytics',
};

/** What the token endpoint answers. */
export interface TokenReply { status: number, headers: Record<string, string>, body: unknown }
export interface TokenRequest {
  method: string, headers: Record<string, string | string[] | undefined>,
  /** the form body, or null when it was not read (not a POST, not a form) */
  body: Buffer | null,
  /** the token endpoint URLs a client may name in aud: as it reached the sandbox, and the sandbox's own */
  audiences: string[],
  ipAddress: string | null, userAgent: string | null,
}

/** An issued access token at a request: who it is, or why it is refused. */
export type AccessTokenCheck =
  | { ok: true, user: number, role: number, integration: number, scopes: string[] }
  | { ok: false, reason: string, detail: DetailCode, user?: number, role?: number, integration?: number };

interface MappingRow { certificate_id: string, integration: number, entity: number, role: number, public_key: string, key_type: string, valid_until: string, revoked: 'T' | 'F' }
interface TokenRow { jti: string, certificate_id: string, integration: number, entity: number, role: number, scope: string, expires_ms: number }

type Refusal = { error: string, detail: DetailCode | null, reason: string, mapping?: MappingRow };

export function clientCredentials(db: Database, o: { accountId: string, now: () => Date, checks: LoginChecks, audit: LoginAudit, note: (kind: string, detail: string) => void }) {
  const q = {
    mapping: db.prepare<[string], MappingRow>('SELECT * FROM sb_oauth2_certificate WHERE certificate_id = ?'),
    token: db.prepare<[string], TokenRow>('SELECT * FROM sb_oauth2_token WHERE jti = ?'),
    insert: db.prepare<[string, string, number, number, number, string, number, number]>(`INSERT INTO sb_oauth2_token
      (jti, certificate_id, integration, entity, role, scope, issued_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    prune: db.prepare<[number]>('DELETE FROM sb_oauth2_token WHERE expires_ms < ?'),
  };
  const kid = `s.SANDBOX.${o.accountId}`;
  let signingKey: { private: crypto.KeyObject, public: crypto.KeyObject } | null = null;
  /** The account's own key for its access tokens, made at the first token and kept with the account. */
  const key = () => {
    if (signingKey) return signingKey;
    let pem = getSetting(db, 'oauth2.signingKey');
    if (!pem) {
      pem = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      setSetting(db, 'oauth2.signingKey', pem);
    }
    const privateKey = crypto.createPrivateKey(pem);
    signingKey = { private: privateKey, public: crypto.createPublicKey(privateKey) };
    return signingKey;
  };

  function answer(r: TokenRequest, status: number, body: unknown, extra: Record<string, string> = {}): TokenReply {
    return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Pragma: 'no-cache', ...extra }, body };
  }

  /** The token endpoint. */
  function token(r: TokenRequest): TokenReply {
    const result = issue(r);
    if ('error' in result) {
      const m = result.mapping;
      const app = m ? o.checks.integration(m.integration)?.name ?? null : null;
      o.note('oauth2.token.refused', `${result.error}: ${result.reason}`);
      if (result.detail) {
        o.audit({ status: 'Failure', user: m?.entity, role: m?.role, appName: app, detail: result.detail, requestUri: TOKEN_PATH, ipAddress: r.ipAddress, userAgent: r.userAgent });
      }
      // invalid_client is 401 with a Basic challenge naming the account (subsect_161252460252); the rest 400.
      if (result.error === 'invalid_client') return answer(r, 401, { error: result.error }, { 'WWW-Authenticate': `Basic realm="${o.accountId}"` });
      if (r.method !== 'POST') return answer(r, 405, { error: result.error }, { Allow: 'POST', Connection: 'close' });
      return answer(r, 400, { error: result.error }, r.body ? {} : { Connection: 'close' });
    }
    o.audit({ status: 'Success', user: result.mapping.entity, role: result.mapping.role, appName: result.appName, requestUri: TOKEN_PATH, ipAddress: r.ipAddress, userAgent: r.userAgent });
    return answer(r, 200, { access_token: result.accessToken, token_type: 'bearer', expires_in: ACCESS_TOKEN_SECONDS });
  }

  function issue(r: TokenRequest): Refusal | { mapping: MappingRow, appName: string, accessToken: string } {
    const refuse = (error: string, detail: DetailCode | null, reason: string, mapping?: MappingRow): Refusal => ({ error, detail, reason, mapping });
    const malformed = (reason: string) => refuse('invalid_request', DETAIL.clientAuthenticationFailed, reason);
    if (r.method !== 'POST') return malformed(`the token endpoint takes POST, not ${r.method}`);
    if (!r.body) return malformed('the token request is a form: Content-Type application/x-www-form-urlencoded');
    const form = new URLSearchParams(r.body.toString('utf8'));
    // RFC 6749 §3.2: a parameter is sent at most once.
    const names = [...form.keys()];
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated) return malformed(`the parameter ${repeated} is sent more than once`);
    const grant = form.get('grant_type');
    if (!grant) return malformed('grant_type is missing');
    if (grant === 'authorization_code' || grant === 'refresh_token') {
      return refuse('unsupported_grant_type', null, `the ${grant} grant is not emulated by the sandbox yet: only client_credentials`);
    }
    if (grant !== 'client_credentials') return malformed(`grant_type ${grant} is not a grant NetSuite knows (client_credentials)`);
    // Oracle (subsect_161252460252): using more than one way of client authentication is invalid_request.
    if (r.headers.authorization !== undefined) return malformed('the client authenticates with the assertion: send no Authorization header as well');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) return malformed(`client_assertion_type must be ${ASSERTION_TYPE}`);
    const assertion = form.get('client_assertion');
    if (!assertion) return malformed('client_assertion is missing');

    const unauthenticated = (reason: string) => refuse('invalid_client', DETAIL.clientAuthenticationFailed, reason);
    let jwt: DecodedJwt;
    try {
      jwt = decodeJwt(assertion);
    } catch (e) {
      return unauthenticated(`client_assertion: ${(e as Error).message}`);
    }
    const { header, payload } = jwt;
    if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) return unauthenticated(`the assertion's typ is ${JSON.stringify(header.typ)}, not JWT`);
    if (header.crit !== undefined) return unauthenticated('the assertion has critical header parameters (crit) the sandbox does not know');
    const alg = String(header.alg);
    if (!Object.prototype.hasOwnProperty.call(ASSERTION_ALGORITHMS, alg)) {
      return unauthenticated(`the assertion is signed ${alg}: NetSuite takes ${Object.keys(ASSERTION_ALGORITHMS).join(', ')}`);
    }
    if (typeof header.kid !== 'string' || !header.kid) return unauthenticated("the assertion's header has no kid (the certificate id of the mapping)");
    const mapping = q.mapping.get(header.kid);
    if (!mapping) return unauthenticated(`no client credentials mapping has the certificate id ${header.kid}`);
    if (!verifySignature(alg, crypto.createPublicKey(mapping.public_key), mapping.key_type, jwt)) {
      return refuse('invalid_client', DETAIL.invalidSignature, `the assertion's ${alg} signature does not verify with certificate ${mapping.certificate_id} (${mapping.key_type})`, mapping);
    }
    const integration = o.checks.integration(mapping.integration);
    if (!integration || payload.iss !== integration.clientId) {
      return refuse('invalid_client', DETAIL.invalidIntegration, `iss ${JSON.stringify(payload.iss)} is not the client id of the integration certificate ${mapping.certificate_id} is mapped to`, mapping);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.some((a) => typeof a === 'string' && r.audiences.includes(a.replace(/^(\w+:\/\/[^/]+)/, (origin) => origin.toLowerCase())))) {
      return refuse('invalid_client', DETAIL.clientAuthenticationFailed, `aud ${JSON.stringify(payload.aud)} is not this token endpoint (${r.audiences[0]})`, mapping);
    }
    const { iat, exp } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) {
      return refuse('invalid_client', DETAIL.clientAuthenticationFailed, 'the assertion needs iat and exp, in seconds since 1970', mapping);
    }
    const nowSeconds = Date.now() / 1000;
    if (exp - iat > ASSERTION_MAX_SECONDS) return refuse('invalid_client', DETAIL.clientAuthenticationFailed, `exp is ${exp - iat} s after iat: at most ${ASSERTION_MAX_SECONDS}`, mapping);
    if (exp <= nowSeconds) return refuse('invalid_client', DETAIL.clientAuthenticationFailed, `the assertion expired ${Math.round(nowSeconds - exp)} s ago`, mapping);
    if (iat > nowSeconds + CLOCK_SKEW_SECONDS) return refuse('invalid_client', DETAIL.clientAuthenticationFailed, `the assertion's iat is ${Math.round(iat - nowSeconds)} s ahead of the clock`, mapping);

    if (!o.checks.feature('OAUTH2')) return refuse('unauthorized_client', DETAIL.featureDisabled, 'the OAuth 2.0 feature is not enabled in this account', mapping);
    if (integration.isinactive === 'T' || integration.state === 'Blocked') {
      return refuse('invalid_client', DETAIL.invalidIntegration, `the integration ${integration.name} is ${integration.state === 'Blocked' ? 'Blocked' : 'inactive'}`, mapping);
    }
    if (integration.clientcredentials !== 'T') {
      return refuse('unauthorized_client', DETAIL.invalidIntegration, `the integration ${integration.name} does not have the client credentials (machine to machine) grant`, mapping);
    }
    const now = o.now();
    if (mapping.revoked === 'T') return refuse('invalid_grant', DETAIL.clientAuthenticationFailed, `certificate ${mapping.certificate_id} is revoked`, mapping);
    if (Date.parse(mapping.valid_until) <= now.getTime()) return refuse('invalid_grant', DETAIL.clientAuthenticationFailed, `certificate ${mapping.certificate_id} expired at ${mapping.valid_until}`, mapping);

    const scopes = scopeList(payload.scope);
    if (!scopes.length) return refuse('invalid_scope', DETAIL.invalidScope, 'the assertion names no scope (restlets, rest_webservices, suite_analytics)', mapping);
    const unknown = scopes.find((s) => !SCOPE_NAMES.includes(s));
    if (unknown) return refuse('invalid_scope', DETAIL.invalidScope, `unknown scope ${unknown}: the scopes are ${SCOPE_NAMES.join(', ')}`, mapping);
    const off = scopes.find((s) => integration[SCOPE_COLUMNS[s]] !== 'T');
    if (off) return refuse('invalid_scope', DETAIL.scopeMismatched, `the integration ${integration.name} does not have the ${off} scope`, mapping);

    const entityRole = o.checks.entityRole(mapping.entity, mapping.role);
    if (entityRole) return refuse('invalid_grant', DETAIL.entityOrRoleDisabled, entityRole, mapping);
    if (o.checks.level(mapping.role, 'ADMI_LOGIN_OAUTH2') < 4) {
      return refuse('invalid_grant', DETAIL.entityOrRoleDisabled, `role ${mapping.role} lacks Log in using OAuth 2.0 Access Tokens (ADMI_LOGIN_OAUTH2) at Full`, mapping);
    }

    const jti = crypto.randomUUID();
    const issued = now.getTime();
    const expires = issued + ACCESS_TOKEN_SECONDS * 1000;
    q.prune.run(issued);
    q.insert.run(jti, mapping.certificate_id, mapping.integration, mapping.entity, mapping.role, scopes.join(','), issued, expires);
    const accessToken = signPs256({ kid }, {
      sub: `${mapping.role};${mapping.entity}`, aud: [`${integration.id};${o.accountId}`, integration.clientId], scope: scopes, iss: ISSUER,
      exp: Math.floor(expires / 1000), iat: Math.floor(issued / 1000), jti,
    }, key().private);
    return { mapping, appName: integration.name, accessToken };
  }

  /**
   * An access token this account issued: its signature, its 60 minutes on the account clock, the mapping it was
   * issued under. What the token's integration, entity and role must still be is authenticate.ts's to check.
   */
  function verifyAccessToken(accessToken: string): AccessTokenCheck {
    let jwt: DecodedJwt;
    try {
      jwt = decodeJwt(accessToken);
    } catch (e) {
      return { ok: false, reason: `not an access token of this account: ${(e as Error).message}`, detail: DETAIL.invalidSignature };
    }
    if (jwt.header.kid !== kid || jwt.header.alg !== 'PS256' || !verifySignature('PS256', key().public, 'rsa-2048', jwt)) {
      return { ok: false, reason: 'the access token was not signed by this account', detail: DETAIL.invalidSignature };
    }
    const row = typeof jwt.payload.jti === 'string' ? q.token.get(jwt.payload.jti) : undefined;
    const who = row ? { user: row.entity, role: row.role, integration: row.integration } : {};
    if (Number(jwt.payload.exp) * 1000 <= o.now().getTime() || (row && row.expires_ms <= o.now().getTime())) {
      return { ok: false, reason: `the access token expired at ${new Date(Number(jwt.payload.exp) * 1000).toISOString()} (account clock ${o.now().toISOString()})`, detail: DETAIL.accessTokenExpired, ...who };
    }
    if (!row) return { ok: false, reason: 'the access token is not one this account issued', detail: DETAIL.tokenRejected };
    const mapping = q.mapping.get(row.certificate_id);
    if (!mapping || mapping.revoked === 'T') return { ok: false, reason: `certificate ${row.certificate_id}, which the token was issued under, is revoked`, detail: DETAIL.tokenRejected, ...who };
    return { ok: true, user: row.entity, role: row.role, integration: row.integration, scopes: row.scope.split(',') };
  }

  return { token, verifyAccessToken };
}

/**
 * The scopes of an assertion: Oracle writes them separated by commas (section_162790605110) and its sample
 * request sends a JSON array (section_162755359851); spaces, as RFC 6749 separates scopes, are taken too.
 */
function scopeList(scope: unknown): string[] {
  const parts = Array.isArray(scope) ? scope.map(String) : typeof scope === 'string' ? scope.split(/[\s,]+/) : [];
  return [...new Set(parts.map((s) => s.trim().toLowerCase()).filter(Boolean))].slice(0, 16);
}
