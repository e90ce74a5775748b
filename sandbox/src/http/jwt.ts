/**
 * JSON Web Tokens in the compact JWS form (RFC 7515 §7.1, RFC 7519) with node:crypto, for the OAuth 2.0
 * client credentials flow: the client's assertion is checked with the algorithms NetSuite takes for it,
 * PS256, PS384, PS512, ES256, ES384 and ES512 (Oracle section_162790605110), and the access tokens the
 * token endpoint issues are signed PS256 (Oracle section_158255317571). Plain functions: no storage here.
 */
import * as crypto from 'node:crypto';

/** The algorithms a client credentials assertion may use, with their hash and the key they need. */
export const ASSERTION_ALGORITHMS: Record<string, { hash: string, key: 'rsa' | 'ec-256' | 'ec-384' | 'ec-521' }> = {
  PS256: { hash: 'sha256', key: 'rsa' }, PS384: { hash: 'sha384', key: 'rsa' }, PS512: { hash: 'sha512', key: 'rsa' },
  ES256: { hash: 'sha256', key: 'ec-256' }, ES384: { hash: 'sha384', key: 'ec-384' }, ES512: { hash: 'sha512', key: 'ec-521' },
};

export interface DecodedJwt {
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  /** the base64url header and payload joined by '.', which the signature covers */
  signingInput: string,
  signature: Buffer,
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Does the text have the shape of a compact JWS (three base64url parts)? */
export const looksLikeJwt = (text: string): boolean => {
  const parts = text.split('.');
  return parts.length === 3 && parts.every((p, i) => B64URL.test(p) && (i === 2 || p.length > 0));
};

function jsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new Error(`the JWT's ${what} is not base64url JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`the JWT's ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** @throws {Error} saying what is malformed */
export function decodeJwt(token: string): DecodedJwt {
  if (!looksLikeJwt(token)) throw new Error('not a JWT in compact form (header.payload.signature, base64url)');
  const [h, p, s] = token.split('.');
  return { header: jsonPart(h, 'header'), payload: jsonPart(p, 'payload'), signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/**
 * Checks a signature made with one of ASSERTION_ALGORITHMS. keyType: rsa-<bits> or ec-<bits> (storage/certificates.ts);
 * a key that does not fit the algorithm fails. RSASSA-PSS with a salt as long as the hash (RFC 7518 §3.5);
 * ECDSA signatures as R || S (RFC 7518 §3.4).
 */
export function verifySignature(alg: string, key: crypto.KeyObject, keyType: string, jwt: DecodedJwt): boolean {
  const a = ASSERTION_ALGORITHMS[alg];
  if (!a || (a.key === 'rsa' ? !keyType.startsWith('rsa-') : a.key !== keyType)) return false;
  const options = a.key === 'rsa'
    ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }
    : { key, dsaEncoding: 'ieee-p1363' as const };
  try {
    return crypto.verify(a.hash, Buffer.from(jwt.signingInput), options, jwt.signature);
  } catch {
    return false;
  }
}

/** A PS256 JWT with the given header fields (alg and typ are set here) and payload. */
export function signPs256(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: crypto.KeyObject): string {
  const input = [{ ...header, typ: 'JWT', alg: 'PS256' }, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
  const signature = crypto.sign('sha256', Buffer.from(input), { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST });
  return `${input}.${signature.toString('base64url')}`;
}
