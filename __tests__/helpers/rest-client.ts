/**
 * A NetSuite REST client for tests, signing with the published `oauth-1.0a` package (not the sandbox's
 * own code), the way integration clients such as netsuite-rest do.
 */
import * as crypto from 'node:crypto';
import OAuth = require('oauth-1.0a');

export interface TbaCredentials {
  realm: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

export interface RestResult {
  status: number;
  headers: Headers;
  body: any;
}

export function tbaHeader(creds: TbaCredentials, method: string, url: string): string {
  const oauth = new OAuth({
    consumer: { key: creds.consumerKey, secret: creds.consumerSecret },
    realm: creds.realm,
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => crypto.createHmac('sha256', key).update(base).digest('base64'),
  });
  const data = oauth.authorize({ url, method }, { key: creds.tokenId, secret: creds.tokenSecret });
  return oauth.toHeader(data).Authorization;
}

export async function call(method: string, url: string, auth: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestResult> {
  const res = await fetch(url, {
    method,
    headers: { Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export function tba(creds: TbaCredentials) {
  return (method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    call(method, url, tbaHeader(creds, method, url), body, headers);
}

export function bearer(token: string) {
  return (method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    call(method, url, `Bearer ${token}`, body, headers);
}

/** The demo account's credentials (sandbox/src/demo/account.yaml). */
export const DEMO = {
  integration: {
    realm: 'TSTDRV1234567',
    consumerKey: 'demo-consumer-key-employee-sync-0001',
    consumerSecret: 'demo-consumer-secret-employee-sync-0001',
    tokenId: 'demo-token-id-ivan-integration-0001',
    tokenSecret: 'demo-token-secret-ivan-integration-0001',
  },
  reporting: {
    realm: 'TSTDRV1234567',
    consumerKey: 'demo-consumer-key-employee-sync-0001',
    consumerSecret: 'demo-consumer-secret-employee-sync-0001',
    tokenId: 'demo-token-id-ivan-reporting-0002',
    tokenSecret: 'demo-token-secret-ivan-reporting-0002',
  },
  bearer: 'demo-oauth2-access-token-ivan-0003',
};
