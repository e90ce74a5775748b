/**
 * N/https (server side): synchronous requests, https only (http only to a loopback receiver when the
 * account allows it), NetSuite's dropped headers, header names without underscores, 4xx/5xx returned as
 * responses. SecureStrings resolve {custsecret_…} placeholders on the way out: scripts never see them.
 */
import { options, required, type ScriptOptions } from '../expose';
import { UNITS } from '../governance';
import { sandboxError } from '../../errors';
import { unsupportedFunctions, partialEnum } from '../unsupported';
import type { Invocation } from '../invocation';
import { Encoding } from './encodings';
import { HashAlg } from './N-crypto';
import { asText as text } from '../../text';

const DROPPED = new Set(['connection', 'content-length', 'host', 'jsessionid', 'trailer', 'transfer-encoding', 'upgrade', 'via']);
const Method = { GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', HEAD: 'HEAD', PATCH: 'PATCH' };
// For a Suitelet's ServerResponse.sendRedirect (values as Oracle's N/http stub defines them).
const RedirectType = { RECORD: 'RECORD', SUITELET: 'SUITELET', RESTLET: 'RESTLET', MEDIA_ITEM: 'MEDIAITEM', TASK_LINK: 'TASKLINK' };
const SECRET_REF = /\{(custsecret[a-z0-9_]*)\}/gi;

/** A SecureString as scripts hold it: its text lives in a WeakMap, never on the object. */
interface SecureString {
  appendString(...a: unknown[]): SecureString;
  appendSecureString(...a: unknown[]): SecureString;
  replaceString(...a: unknown[]): SecureString;
  toString(): string;
  toJSON(): string;
}

/** What a script gets back: 4xx and 5xx included. */
interface ClientResponse { code: number, headers: Record<string, string>, body: string }

function createHttps(inv: Invocation) {
  const eng = inv.engine;
  const secure = new WeakMap<object, string>();

  function secureString(template: string): SecureString {
    const s: SecureString = {
      appendString(...a) { secure.set(s, `${secure.get(s) ?? ''}${text(options(a, ['input']).input)}`); return s; },
      appendSecureString(...a) {
        const other: unknown = options(a, ['secureString']).secureString;
        secure.set(s, `${secure.get(s) ?? ''}${other && typeof other === 'object' ? text(secure.get(other)) : 'undefined'}`);
        return s;
      },
      replaceString(...a) {
        const o = options(a, ['pattern', 'replacement']);
        secure.set(s, text(secure.get(s)).split(text(o.pattern)).join(text(o.replacement)));
        return s;
      },
      toString: () => '[SecureString]',
      toJSON: () => '[SecureString]',
    };
    secure.set(s, template);
    return s;
  }

  function reveal(v: unknown): string {
    if (v && typeof v === 'object' && secure.has(v)) {
      return text(secure.get(v)).replace(SECRET_REF, (_m, id: string) => eng.secretValue(id));
    }
    return v == null ? '' : text(v);
  }

  function send(method: string, o: ScriptOptions): ClientResponse {
    const where = `https.${method.toLowerCase()}`;
    const rawUrl = text(required(o, 'url', where));
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw sandboxError('SSS_INVALID_URL', `The URL must be a fully qualified HTTPS URL: ${rawUrl}`);
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && eng.options.allowHttpLoopback)) {
      throw sandboxError('SSS_INVALID_URL', `The URL must be a fully qualified HTTPS URL: ${rawUrl}`);
    }
    const headers: Record<string, string> = {};
    const given: unknown = o.headers;
    for (const [k, v] of Object.entries(given && typeof given === 'object' ? given : {})) {
      if (k.includes('_')) throw sandboxError('SSS_INVALID_HEADER', `Header names must not contain underscores: ${k}`);
      if (DROPPED.has(k.toLowerCase())) continue;
      headers[k] = reveal(v);
    }
    const rawBody: unknown = o.body;
    let body = rawBody == null ? null : typeof rawBody === 'object' && !secure.has(rawBody) ? JSON.stringify(rawBody) : reveal(rawBody);
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') body = null;
    inv.meter.charge('https.request', UNITS['https.request']);
    const started = Date.now();
    try {
      const res = eng.bridge.call('https', {
        method, url: url.toString(), headers, body,
        connectTimeoutMs: eng.options.httpsConnectTimeoutMs, totalTimeoutMs: eng.options.httpsTimeoutMs,
      });
      inv.trace('https', `${method} ${url.origin}${url.pathname} → ${res.code}`, Date.now() - started);
      return { code: res.code, headers: res.headers, body: res.body };
    } catch (e) {
      inv.trace('https', `${method} ${url.origin}${url.pathname} → ${text((e as { code?: unknown } | null)?.code)}`, Date.now() - started);
      throw e;
    }
  }

  const verb = (method: string) => (...a: unknown[]) => send(method, options(a, ['url', method === 'GET' || method === 'DELETE' ? 'headers' : 'body', 'headers']));
  return {
    Method,
    RedirectType,
    Encoding,
    HashAlg,
    // Commerce API response caching: the sandbox has no web store.
    CacheDuration: partialEnum(inv.realm, 'N/https', 'CacheDuration', {}),
    ...unsupportedFunctions('N/https', ['createSecretKey']),
    get: verb('GET'),
    post: verb('POST'),
    put: verb('PUT'),
    delete: verb('DELETE'),
    request(...a: unknown[]) {
      const o = options(a, ['method', 'url', 'body', 'headers']);
      const m = text(required(o, 'method', 'https.request')).toUpperCase();
      if (!(m in Method)) throw sandboxError('SSS_INVALID_HTTP_METHOD', `Unknown HTTP method ${text(o.method)}.`);
      return send(m, o);
    },
    createSecureString(...a: unknown[]) {
      return secureString(text(required(options(a, ['input']), 'input', 'https.createSecureString')));
    },
  };
}

createHttps.RedirectType = RedirectType;

export = createHttps;
