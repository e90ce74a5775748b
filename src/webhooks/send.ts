/**
 * One signed POST of a delivery to its endpoint. The HMAC key comes from an API secret whose value the
 * script never sees: the secret holds the base64 part of the receiver's whsec_… key.
 */
import * as crypto from 'N/crypto';
import * as encode from 'N/encode';
import * as https from 'N/https';
import { CONTENT_TYPE } from './cloudevent';
import { signatureHeaders } from './signature';

export interface SendResult {
  code: number | null;
  error: string | null;
  /** The Retry-After response header, as sent. */
  retryAfter: string | null;
  /** The response body's first bytes, for the attempt log. */
  response: string | null;
}

/** A response header, whatever case the receiver wrote it in. */
function header(headers: Record<string, string | string[]> | undefined, name: string): string | null {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : (headers as Record<string, string | string[]>)[key];
  return v === undefined ? null : Array.isArray(v) ? String(v[0]) : String(v);
}

export function hmacBase64(secretId: string, content: string): string {
  const key = crypto.createSecretKey({ secret: secretId, encoding: encode.Encoding.BASE_64 });
  const hmac = crypto.createHmac({ algorithm: crypto.HashAlg.SHA256, key });
  hmac.update({ input: content, inputEncoding: encode.Encoding.UTF_8 });
  return hmac.digest({ outputEncoding: encode.Encoding.BASE_64 });
}

export function send(o: { url: string; eventId: string; body: string; secretIds: string[]; now: Date }): SendResult {
  try {
    const headers = signatureHeaders({ id: o.eventId, timestamp: Math.floor(o.now.getTime() / 1000), body: o.body, secretIds: o.secretIds, hmac: hmacBase64 });
    const res = https.post({ url: o.url, body: o.body, headers: { ...headers, 'Content-Type': CONTENT_TYPE, 'User-Agent': 'NetSuite-EmployeeLifecycle-Webhooks/1.0' } });
    const ok = res.code >= 200 && res.code < 300;
    const body = String(res.body ?? '').slice(0, 300);
    return { code: res.code, error: ok ? null : `HTTP ${res.code}: ${body}`, retryAfter: header(res.headers as Record<string, string | string[]>, 'retry-after'), response: body };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return { code: null, error: `${err.name ?? 'ERROR'}: ${err.message ?? String(e)}`, retryAfter: null, response: null };
  }
}
