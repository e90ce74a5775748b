/**
 * The public part of a certificate that an OAuth 2.0 Client Credentials (M2M) mapping takes, checked as
 * NetSuite checks it when it is uploaded (Oracle subsect_162755332391, Certificate Conditions): an X.509
 * certificate whose key is RSA of 3072 or 4096 bits or EC of 256, 384 or 521 bits, valid for at most two
 * years (a longer validity is shortened to two years). The sandbox also takes a bare public key (PEM
 * `PUBLIC KEY`), which has no validity of its own (FIDELITY.md, OAuth 2.0 client credentials: "A mapping
 * may hold a bare public key").
 */
import * as crypto from 'node:crypto';

export interface CertificateKey {
  /** the public key as SPKI PEM */
  spki: string,
  /** rsa-3072, rsa-4096, ec-256, ec-384 or ec-521 */
  keyType: string,
  /** a certificate's notAfter; null for a bare public key */
  notAfter: Date | null,
  /** base64url SHA-256 of the public key (DER): the certificate id when the account file gives none */
  fingerprint: string,
}

const CURVES: Record<string, string> = { prime256v1: 'ec-256', secp384r1: 'ec-384', secp521r1: 'ec-521' };
const RSA_BITS = [3072, 4096];

/** @throws {Error} saying what is wrong with the PEM text and what NetSuite takes */
export function readCertificateKey(pem: string): CertificateKey {
  if (typeof pem !== 'string' || !/-----BEGIN (CERTIFICATE|PUBLIC KEY)-----/.test(pem)) {
    throw new Error('the public part of the certificate is a PEM text: -----BEGIN CERTIFICATE----- (X.509) or -----BEGIN PUBLIC KEY-----');
  }
  let key: crypto.KeyObject;
  let notAfter: Date | null = null;
  try {
    if (/-----BEGIN CERTIFICATE-----/.test(pem)) {
      const cert = new crypto.X509Certificate(pem);
      key = cert.publicKey;
      notAfter = new Date(cert.validTo);
    } else {
      key = crypto.createPublicKey(pem);
    }
  } catch (e) {
    throw new Error(`the PEM text is not a certificate or public key that can be read (${(e as Error).message})`);
  }
  const details = key.asymmetricKeyDetails || {};
  let keyType: string | undefined;
  if ((key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') && RSA_BITS.includes(details.modulusLength ?? 0)) keyType = `rsa-${details.modulusLength}`;
  if (key.asymmetricKeyType === 'ec') keyType = CURVES[details.namedCurve ?? ''];
  if (!keyType) {
    const kind = key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss' ? 'an RSA' : `a ${String(key.asymmetricKeyType)}`;
    const what = key.asymmetricKeyType === 'ec' ? `an EC key on ${details.namedCurve}` : `${kind} key${details.modulusLength ? ` of ${details.modulusLength} bits` : ''}`;
    throw new Error(`${what} is not taken: NetSuite takes RSA keys of 3072 or 4096 bits and EC keys of 256, 384 or 521 bits (P-256, P-384, P-521)`);
  }
  const der = key.export({ type: 'spki', format: 'der' });
  return {
    spki: key.export({ type: 'spki', format: 'pem' }).toString(),
    keyType,
    notAfter: notAfter && !Number.isNaN(notAfter.getTime()) ? notAfter : null,
    fingerprint: crypto.createHash('sha256').update(der).digest('base64url'),
  };
}

/** The latest a mapping made at `created` stays valid: two years on. */
export function maxValidUntil(created: Date): Date {
  const d = new Date(created.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return d;
}
