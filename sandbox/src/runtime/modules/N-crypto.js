// @ts-check
'use strict';
/**
 * N/crypto: HMACs and hashes; keys come from API secrets by script id, and their values never reach the
 * script. No governance units. Default digest output is HEX, as in NetSuite.
 */
const nodeCrypto = require('node:crypto');
const { options, required } = require('../expose');
const { toBuffer, fromBuffer, Encoding } = require('./encodings');
const { sandboxError } = require('../../errors');
const { unsupportedFunctions } = require('../unsupported');

const HashAlg = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512', MD5: 'MD5' };
/** @type {Record<string, string>} */
const NODE_ALG = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512', MD5: 'md5' };

/** @param {string} alg */
function algorithm(alg) {
  const a = NODE_ALG[String(alg).toUpperCase()];
  if (!a) throw sandboxError('INVALID_ALGORITHM', `Unsupported hash algorithm ${alg}: use crypto.HashAlg (SHA1, SHA256, SHA512, MD5).`);
  return a;
}

/** @param {import('../invocation').Invocation} inv */
module.exports = function createCrypto(inv) {
  const keys = new WeakMap();
  /** @param {import('node:crypto').Hash | import('node:crypto').Hmac} h */
  const digester = (h) => ({
    update(/** @type {any[]} */ ...a) {
      const o = options(a, ['input', 'inputEncoding']);
      h.update(toBuffer(String(required(o, 'input', 'update')), o.inputEncoding || Encoding.UTF_8));
    },
    digest(/** @type {any[]} */ ...a) {
      const o = options(a, ['outputEncoding']);
      return fromBuffer(h.digest(), o.outputEncoding || Encoding.HEX);
    },
  });
  return {
    HashAlg,
    EncryptionAlg: { AES: 'AES' },
    Padding: { NoPadding: 'NoPadding', PKCS5Padding: 'PKCS5Padding' },
    Encoding,
    ...unsupportedFunctions('N/crypto', ['createCipher', 'createDecipher', 'checkPasswordField']),
    createSecretKey(/** @type {any[]} */ ...a) {
      const o = options(a, ['secret', 'guid', 'encoding']);
      const id = o.secret || o.guid;
      if (!id) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'crypto.createSecretKey: Missing a required argument: secret (the API secret script id, custsecret_…)');
      const value = inv.engine.secretValue(String(id));
      // NetSuite's default encoding of a secret's clear text is HEX.
      const key = { guid: String(id), encoding: o.encoding || Encoding.HEX, toJSON: () => ({ guid: String(id) }) };
      keys.set(key, toBuffer(value, key.encoding));
      return key;
    },
    createHmac(/** @type {any[]} */ ...a) {
      const o = options(a, ['algorithm', 'key']);
      const key = keys.get(required(o, 'key', 'crypto.createHmac'));
      if (!key) throw sandboxError('INVALID_SECRET_KEY', 'crypto.createHmac: key must come from crypto.createSecretKey.');
      return digester(nodeCrypto.createHmac(algorithm(required(o, 'algorithm', 'crypto.createHmac')), key));
    },
    createHash(/** @type {any[]} */ ...a) {
      const o = options(a, ['algorithm']);
      return digester(nodeCrypto.createHash(algorithm(required(o, 'algorithm', 'crypto.createHash'))));
    },
  };
};
module.exports.HashAlg = HashAlg;
