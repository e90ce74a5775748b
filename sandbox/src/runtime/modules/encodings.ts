/** N/encode's encodings and the conversions N/encode, N/crypto and N/https share. */
import { sandboxError } from '../../errors';

export const Encoding = { UTF_8: 'UTF_8', BASE_16: 'BASE_16', BASE_32: 'BASE_32', BASE_64: 'BASE_64', BASE_64_URL_SAFE: 'BASE_64_URL_SAFE', HEX: 'HEX' };
const NODE: Record<string, BufferEncoding> = { UTF_8: 'utf8', BASE_64: 'base64', BASE_64_URL_SAFE: 'base64url', HEX: 'hex', BASE_16: 'hex' };

function nodeEncoding(enc: string): BufferEncoding {
  const n = NODE[String(enc)];
  if (!n) throw sandboxError('INVALID_ENCODING', `Unsupported encoding ${enc}: use one of ${Object.keys(NODE).join(', ')}.`);
  return n;
}

export const toBuffer = (s: string, enc: string): Buffer => Buffer.from(s, nodeEncoding(enc));
export const fromBuffer = (b: Buffer, enc: string): string => b.toString(nodeEncoding(enc));
