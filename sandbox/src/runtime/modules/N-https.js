// @ts-check
'use strict';
/**
 * N/https (server side): synchronous requests, https only (http only to a loopback receiver when the
 * account allows it), NetSuite's dropped headers, header names without underscores, 4xx/5xx returned as
 * responses. SecureStrings resolve {custsecret_…} placeholders on the way out: scripts never see them.
 */
const { options, required } = require('../expose');
const { UNITS } = require('../governance');
const { sandboxError } = require('../../errors');
const { unsupportedFunctions, partialEnum } = require('../unsupported');
const { Encoding } = require('./encodings');
const { HashAlg } = require('./N-crypto');

const DROPPED = new Set(['connection', 'content-length', 'host', 'jsessionid', 'trailer', 'transfer-encoding', 'upgrade', 'via']);
const Method = { GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', HEAD: 'HEAD', PATCH: 'PATCH' };
// For a Suitelet's ServerResponse.sendRedirect (values as Oracle's N/http stub defines them).
const RedirectType = { RECORD: 'RECORD', SUITELET: 'SUITELET', RESTLET: 'RESTLET', MEDIA_ITEM: 'MEDIAITEM', TASK_LINK: 'TASKLINK' };
const SECRET_REF = /\{(custsecret[a-z0-9_]*)\}/gi;

/** @param {import('../invocation').Invocation} inv */
module.exports = function createHttps(inv) {
  const eng = inv.engine;
  const secure = new WeakMap();

  /** @param {string} template */
  function secureString(template) {
    const s = {
      appendString(/** @type {any[]} */ ...a) { secure.set(s, secure.get(s) + String(options(a, ['input']).input)); return s; },
      appendSecureString(/** @type {any[]} */ ...a) { secure.set(s, secure.get(s) + secure.get(options(a, ['secureString']).secureString)); return s; },
      replaceString(/** @type {any[]} */ ...a) {
        const o = options(a, ['pattern', 'replacement']);
        secure.set(s, String(secure.get(s)).split(String(o.pattern)).join(String(o.replacement)));
        return s;
      },
      toString: () => '[SecureString]',
      toJSON: () => '[SecureString]',
    };
    secure.set(s, template);
    return s;
  }

  /** @param {unknown} v */
  function reveal(v) {
    if (v && typeof v === 'object' && secure.has(v)) {
      return String(secure.get(v)).replace(SECRET_REF, (_m, id) => eng.secretValue(id));
    }
    return v == null ? '' : String(v);
  }

  /** @param {string} method @param {Record<string, any>} o */
  function send(method, o) {
    const where = `https.${method.toLowerCase()}`;
    const rawUrl = String(required(o, 'url', where));
    let url;
    try {
      url = new URL(rawUrl);
    } catch {
      throw sandboxError('SSS_INVALID_URL', `The URL must be a fully qualified HTTPS URL: ${rawUrl}`);
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && eng.options.allowHttpLoopback)) {
      throw sandboxError('SSS_INVALID_URL', `The URL must be a fully qualified HTTPS URL: ${rawUrl}`);
    }
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [k, v] of Object.entries(o.headers || {})) {
      if (k.includes('_')) throw sandboxError('SSS_INVALID_HEADER', `Header names must not contain underscores: ${k}`);
      if (DROPPED.has(k.toLowerCase())) continue;
      headers[k] = reveal(v);
    }
    let body = o.body == null ? null : typeof o.body === 'object' && !secure.has(o.body) ? JSON.stringify(o.body) : reveal(o.body);
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
      inv.trace('https', `${method} ${url.origin}${url.pathname} → ${/** @type {any} */ (e).code}`, Date.now() - started);
      throw e;
    }
  }

  /** @param {string} method */
  const verb = (method) => (/** @type {any[]} */ ...a) => send(method, options(a, ['url', method === 'GET' || method === 'DELETE' ? 'headers' : 'body', 'headers']));
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
    request(/** @type {any[]} */ ...a) {
      const o = options(a, ['method', 'url', 'body', 'headers']);
      const m = String(required(o, 'method', 'https.request')).toUpperCase();
      if (!(m in Method)) throw sandboxError('SSS_INVALID_HTTP_METHOD', `Unknown HTTP method ${o.method}.`);
      return send(m, o);
    },
    createSecureString(/** @type {any[]} */ ...a) {
      return secureString(String(required(options(a, ['input']), 'input', 'https.createSecureString')));
    },
  };
};
module.exports.RedirectType = RedirectType;
