/**
 * Who is calling the REST web services: token-based authentication (OAuth 1.0a, RFC 5849, as NetSuite's
 * TBA) and OAuth 2.0 bearer tokens. Plain functions: the caller passes the lookups (consumers, tokens,
 * nonces) and the clock, so nothing here touches storage.
 *
 * A refusal carries a `reason` for the sandbox's log only. The client always gets NetSuite's one generic
 * 401 (rest-errors.ts invalidLogin), as NetSuite tells the client nothing more and sends admins to the Login
 * Audit Trail.
 *
 * Checked against Oracle's help: HMAC-SHA1 support ended in 2023.1 (section_157652798351,
 * section_1534941088); the timestamp must be within ±5 minutes of the server time (InvalidTimestamp,
 * subsect_156934879823); a nonce shorter than six characters is refused and a nonce+timestamp used
 * before by the same token is refused (nonce_rejected / nonce_used, subsect_156935170194); the same
 * parameter sent twice is refused (parameter_rejected, section_1542834426).
 * Sandbox accounts are written 1234567_SB1 in the realm and 1234567-sb1 in host names; this file treats the
 * two spellings, in any case, as the same account. Assumed (FIDELITY.md, Authentication: "Realm compared
 * case-insensitively with `-` and `_` alike").
 */
import * as crypto from 'node:crypto';

import { DETAIL, type DetailCode } from './login-checks';

type Headers = Record<string, string | string[] | undefined>;

/** NetSuite's window for oauth_timestamp: ±5 minutes of the server time. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;
/** NetSuite refuses shorter nonces (nonce_rejected: "Nonce must be at least six characters long"). */
export const MIN_NONCE_LENGTH = 6;
/** The only signature method NetSuite accepts since 2023.1. */
export const SIGNATURE_METHOD = 'HMAC-SHA256';
const REQUIRED_PARAMS = ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature'];
const DEFAULT_PORTS: Record<string, string | undefined> = { http: '80', https: '443' };

/**
 * RFC 3986 percent-encoding as RFC 5849 §3.6 requires: everything but ALPHA / DIGIT / - . _ ~.
 */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** @param what names the piece in the error message */
function percentDecode(s: string, what: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new Error(`${what} is not valid percent-encoding: "${s}"`);
  }
}

/**
 * Parses `Authorization: OAuth realm="…", oauth_consumer_key="…", …` (RFC 5849 §3.5.1).
 * Values are percent-decoded; realm is returned as written (it is a plain quoted string).
 * @param header the whole header value, scheme included
 * @throws {Error} on anything that is not a well-formed OAuth header, or a parameter sent twice
 */
export function parseOAuthHeader(header: unknown): Record<string, string> {
  if (typeof header !== 'string') throw new Error('The Authorization header is missing.');
  const m = /^\s*OAuth(?:\s+([\s\S]*))?$/i.exec(header);
  if (!m) throw new Error('The Authorization header does not use the OAuth scheme (expected "OAuth realm=\\"…\\", oauth_…").');
  const rest = (m[1] || '').trim();
  if (!rest) throw new Error('The OAuth Authorization header has no parameters.');
  const params: Record<string, string> = {};
  const pair = /\s*([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"\s*(,|$)/y;
  let pos = 0;
  while (pos < rest.length) {
    pair.lastIndex = pos;
    const p = pair.exec(rest);
    if (!p) throw new Error(`Malformed OAuth parameter at "${rest.slice(pos, pos + 30)}": each must be name="value", separated by commas.`);
    const name = percentDecode(p[1], `OAuth parameter name ${p[1]}`);
    if (Object.prototype.hasOwnProperty.call(params, name)) throw new Error(`The OAuth parameter ${name} is sent more than once.`);
    params[name] = name === 'realm' ? p[2] : percentDecode(p[2], `The value of ${name}`);
    pos = pair.lastIndex;
    if (p[3] === ',' && pos >= rest.length) throw new Error('The OAuth Authorization header ends with a comma.');
  }
  return params;
}

/**
 * Name/value pairs of a query string or form body, decoded as application/x-www-form-urlencoded
 * (RFC 5849 §3.4.1.3.1: '+' is a space).
 */
function formPairs(s: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of s.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const decode = (x: string) => percentDecode(x.replace(/\+/g, ' '), 'A request parameter');
    out.push([decode(name), decode(value)]);
  }
  return out;
}

/**
 * Splits an absolute URL into the base string URI (RFC 5849 §3.4.1.2: scheme and host lowercased,
 * default port dropped, path exactly as sent) and its raw query. Parsed by hand, not with `new URL`,
 * because WHATWG URL re-encodes and normalises paths and the client signed the path it sent.
 */
function splitUrl(url: string): { baseUri: string, query: string } {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(url);
  if (!m) throw new Error(`The request URL must be absolute (scheme://host/path), got "${url}".`);
  const scheme = m[1].toLowerCase();
  let host = m[2].replace(/^.*@/, '').toLowerCase();
  const port = /:(\d*)$/.exec(host);
  if (port && (port[1] === '' || port[1] === DEFAULT_PORTS[scheme])) {
    host = host.slice(0, port.index);
  }
  return { baseUri: `${scheme}://${host}${m[3] || '/'}`, query: m[4] || '' };
}

/** @param name lowercase */
function header(headers: Headers, name: string): string | string[] | undefined {
  for (const [k, v] of Object.entries(headers || {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * RFC 5849 §3.4.1 signature base string. oauthParams: the Authorization header's parameters (realm and
 * oauth_signature are left out here); formBody: the body, only when it is form-urlencoded.
 */
export function signatureBaseString(r: { method: string, url: string, oauthParams: Record<string, string>, formBody?: string | null }): string {
  const { baseUri, query } = splitUrl(r.url);
  const params: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(r.oauthParams)) if (k !== 'realm' && k !== 'oauth_signature') params.push([k, v]);
  params.push(...formPairs(query));
  if (r.formBody) params.push(...formPairs(r.formBody));
  const encoded = params
    .filter(([k]) => k !== 'oauth_signature')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)])
    // Byte order of the encoded strings, which are ASCII: plain code-unit comparison is right.
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [r.method.toUpperCase(), percentEncode(baseUri), percentEncode(encoded)].join('&');
}

/** Account ids compare case-insensitively with '-' and '_' alike (assumed: FIDELITY.md, Authentication: "Realm compared"). */
const accountKey = (id: string): string => id.trim().toUpperCase().replace(/-/g, '_');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A refusal's detail is its Login Audit Trail code (login-checks.ts DETAIL). */
export type OAuthResult = { ok: true, consumerKey: string, tokenId: string } | { ok: false, reason: string, detail: DetailCode };

/**
 * Verifies a TBA (OAuth 1.0a, HMAC-SHA256) signed request. url: the full URL the client requested (the
 * server builds it from the Host header); nonceSeen: true when this nonce+timestamp was used before under
 * `key` (the token id), and it records the pair; it is asked only once the signature is right, so forged
 * requests burn no nonce.
 */
export function verifyOAuth1(r: {
  method: string,
  url: string,
  headers: Headers,
  body?: string | Buffer | null,
  accountId: string,
  lookupConsumer: (consumerKey: string) => { secret: string } | null,
  lookupToken: (tokenId: string) => { secret: string, consumerKey: string } | null,
  nonceSeen: (key: string, nonce: string, timestamp: string) => boolean,
  now: Date,
}): OAuthResult {
  const refuse = (reason: string, detail: DetailCode): OAuthResult => ({ ok: false, reason, detail });
  const auth = header(r.headers, 'authorization');
  if (auth === undefined) return refuse('no Authorization header', DETAIL.missingFields);
  if (Array.isArray(auth)) return refuse('more than one Authorization header', DETAIL.missingFields);
  let p: Record<string, string>;
  try {
    p = parseOAuthHeader(auth);
  } catch (e) {
    return refuse(`malformed OAuth header: ${(e as Error).message}`, DETAIL.missingFields);
  }

  const missing = REQUIRED_PARAMS.filter((k) => !p[k]);
  if (!p.realm) missing.unshift('realm');
  if (missing.length) return refuse(`missing OAuth parameter(s): ${missing.join(', ')}`, DETAIL.missingFields);
  if (p.oauth_signature_method !== SIGNATURE_METHOD) {
    return refuse(p.oauth_signature_method === 'HMAC-SHA1'
      ? 'HMAC-SHA1 signatures are no longer accepted (NetSuite ended support in 2023.1): sign with HMAC-SHA256'
      : `signature method ${p.oauth_signature_method} is not supported: sign with HMAC-SHA256`, DETAIL.invalidSignature);
  }
  if (p.oauth_version !== undefined && p.oauth_version !== '1.0') return refuse(`oauth_version must be 1.0, got ${p.oauth_version}`, DETAIL.invalidSignature);
  if (accountKey(p.realm) !== accountKey(r.accountId)) return refuse(`realm ${p.realm} is not this account (${r.accountId})`, DETAIL.invalidSignature);

  if (!/^\d{1,12}$/.test(p.oauth_timestamp)) return refuse(`oauth_timestamp must be whole seconds since 1970, got ${p.oauth_timestamp}`, DETAIL.invalidTimestamp);
  const skew = Number(p.oauth_timestamp) - Math.floor(r.now.getTime() / 1000);
  if (Math.abs(skew) > TIMESTAMP_TOLERANCE_SECONDS) {
    return refuse(`oauth_timestamp is ${Math.abs(skew)} s ${skew < 0 ? 'behind' : 'ahead of'} the account clock (allowed ±${TIMESTAMP_TOLERANCE_SECONDS} s)`, DETAIL.invalidTimestamp);
  }
  if (p.oauth_nonce.length < MIN_NONCE_LENGTH) return refuse(`oauth_nonce is shorter than ${MIN_NONCE_LENGTH} characters`, DETAIL.nonceRejected);

  const consumer = r.lookupConsumer(p.oauth_consumer_key);
  if (!consumer) return refuse(`unknown consumer key ${p.oauth_consumer_key}`, DETAIL.consumerKeyUnknown);
  const token = r.lookupToken(p.oauth_token);
  if (!token) return refuse(`unknown or revoked token ${p.oauth_token}`, DETAIL.tokenRejected);
  if (token.consumerKey !== p.oauth_consumer_key) return refuse(`token ${p.oauth_token} was issued to another integration`, DETAIL.tokenRejected);

  const contentType = header(r.headers, 'content-type');
  const isForm = typeof contentType === 'string' && /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);
  let base: string;
  try {
    base = signatureBaseString({
      method: r.method,
      url: r.url,
      oauthParams: p,
      formBody: isForm && r.body ? r.body.toString() : null,
    });
  } catch (e) {
    return refuse(`cannot build the signature base string: ${(e as Error).message}`, DETAIL.invalidSignature);
  }
  const key = `${percentEncode(consumer.secret)}&${percentEncode(token.secret)}`;
  const expected = crypto.createHmac('sha256', key).update(base).digest('base64');
  if (!sameSecret(expected, p.oauth_signature)) return refuse(`signature does not match (base string: ${base})`, DETAIL.invalidSignature);

  if (r.nonceSeen(p.oauth_token, p.oauth_nonce, p.oauth_timestamp)) return refuse(`nonce ${p.oauth_nonce} was already used with this timestamp and token`, DETAIL.nonceUsed);
  return { ok: true, consumerKey: p.oauth_consumer_key, tokenId: p.oauth_token };
}

/**
 * A `nonceSeen` for verifyOAuth1 that keeps nonces in memory for as long as their timestamp could
 * still be accepted, then forgets them (an older timestamp is refused before the nonce is asked).
 * @param now the account clock
 */
export function nonceMemory(now: () => Date): (key: string, nonce: string, timestamp: string) => boolean {
  const seen = new Map<string, number>();
  return (key, nonce, timestamp) => {
    const nowSeconds = Math.floor(now().getTime() / 1000);
    for (const [k, ts] of seen) if (ts < nowSeconds - TIMESTAMP_TOLERANCE_SECONDS) seen.delete(k);
    const id = `${key}\n${nonce}\n${timestamp}`;
    if (seen.has(id)) return true;
    seen.set(id, Number(timestamp));
    return false;
  };
}

/**
 * The access token of `Authorization: Bearer <token>` (RFC 6750 §2.1), or null when there is none.
 */
export function parseBearer(headers: Headers): string | null {
  const auth = header(headers, 'authorization');
  if (typeof auth !== 'string') return null;
  const m = /^\s*Bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(auth);
  return m ? m[1] : null;
}
