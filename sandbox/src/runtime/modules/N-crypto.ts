/**
 * N/crypto: HMACs and hashes; keys come from API secrets by script id, and their values never reach the
 * script. No governance units. Default digest output is HEX, as in NetSuite.
 */
import * as nodeCrypto from 'node:crypto';
import { options, required } from '../expose';
import type { Invocation } from '../invocation';
import { toBuffer, fromBuffer, Encoding } from './encodings';
import { sandboxError } from '../../errors';
import { unsupportedFunctions } from '../unsupported';

const HashAlg = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512', MD5: 'MD5' };
const NODE_ALG: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512', MD5: 'md5' };

function algorithm(alg: unknown): string {
  const a = NODE_ALG[String(alg).toUpperCase()];
  if (!a) throw sandboxError('INVALID_ALGORITHM', `Unsupported hash algorithm ${String(alg)}: use crypto.HashAlg (SHA1, SHA256, SHA512, MD5).`);
  return a;
}

/** What createHash and createHmac hand to scripts. */
interface Digester {
  update: (...a: unknown[]) => void,
  digest: (...a: unknown[]) => string,
}

/** A secret key as the script sees it: the secret's script id, never its value. */
interface SecretKey { guid: string, encoding: unknown, toJSON: () => { guid: string } }

function createCrypto(inv: Invocation) {
  // The key bytes by the key object the script holds.
  const keys = new WeakMap<object, Buffer>();
  const digester = (h: nodeCrypto.Hash | nodeCrypto.Hmac): Digester => ({
    update(...a: unknown[]): void {
      const o = options(a, ['input', 'inputEncoding']);
      h.update(toBuffer(String(required(o, 'input', 'update')), String(o.inputEncoding || Encoding.UTF_8)));
    },
    digest(...a: unknown[]): string {
      const o = options(a, ['outputEncoding']);
      return fromBuffer(h.digest(), String(o.outputEncoding || Encoding.HEX));
    },
  });
  return {
    HashAlg,
    EncryptionAlg: { AES: 'AES' },
    Padding: { NoPadding: 'NoPadding', PKCS5Padding: 'PKCS5Padding' },
    Encoding,
    ...unsupportedFunctions('N/crypto', ['createCipher', 'createDecipher', 'checkPasswordField']),
    createSecretKey(...a: unknown[]): SecretKey {
      const o = options(a, ['secret', 'guid', 'encoding']);
      const id: unknown = o.secret || o.guid;
      const guid = String(id);
      if (!id) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'crypto.createSecretKey: Missing a required argument: secret (the API secret script id, custsecret_…)');
      const value = inv.engine.secretValue(guid);
      // NetSuite's default encoding of a secret's clear text is HEX.
      const key: SecretKey = { guid, encoding: o.encoding || Encoding.HEX, toJSON: () => ({ guid }) };
      keys.set(key, toBuffer(value, String(key.encoding)));
      return key;
    },
    createHmac(...a: unknown[]): Digester {
      const o = options(a, ['algorithm', 'key']);
      const k: unknown = required(o, 'key', 'crypto.createHmac');
      const key = typeof k === 'object' && k !== null ? keys.get(k) : undefined;
      if (!key) throw sandboxError('INVALID_SECRET_KEY', 'crypto.createHmac: key must come from crypto.createSecretKey.');
      return digester(nodeCrypto.createHmac(algorithm(required(o, 'algorithm', 'crypto.createHmac')), key));
    },
    createHash(...a: unknown[]): Digester {
      const o = options(a, ['algorithm']);
      return digester(nodeCrypto.createHash(algorithm(required(o, 'algorithm', 'crypto.createHash'))));
    },
  };
}

// N/https offers the same HashAlg (N-https requires it by name).
createCrypto.HashAlg = HashAlg;

export = createCrypto;
