/**
 * `--trust <PEM file>` (repeatable or comma-separated): certificates that scripts' https calls trust
 * beside the public roots, as bootAccount's trustedCertificates, e.g. a local receiver's self-signed one.
 */
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of every file named; flag is what parseArgs kept (repeats joined with commas). */
export function trustedCertificates(flag: string | boolean | undefined): string[] {
  if (flag === undefined) return [];
  const files = typeof flag === 'string' ? flag.split(',').map((f) => f.trim()).filter(Boolean) : [];
  if (!files.length) throw new UsageError('--trust needs a PEM certificate file, e.g. --trust receiver-cert.pem.');
  return files.flatMap(readCertificates);
}

function readCertificates(file: string): string[] {
  const full = path.resolve(file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) throw new UsageError(`--trust ${file}: there is no such file (${full}).`);
  const blocks = fs.readFileSync(full, 'utf8').match(PEM_BLOCK) ?? [];
  if (!blocks.length || !blocks.every(isCertificate)) {
    throw new UsageError(`--trust ${file} is not a PEM certificate: give the file that holds -----BEGIN CERTIFICATE----- (the certificate, not its key).`);
  }
  return blocks;
}

function isCertificate(pem: string): boolean {
  try {
    return new X509Certificate(pem).subject !== undefined;
  } catch {
    return false;
  }
}
