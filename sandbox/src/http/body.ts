/** Request bodies: read with a size cap, and HTML form posts parsed the way NetSuite hands them to scripts. */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

import { MULTI_SEPARATOR } from '../ui/multi-select';

export { MULTI_SEPARATOR };

const MAX_BODY = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query or form parameters as one object; a repeated name's values joined with MULTI_SEPARATOR. */
export function flatten(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = k in out ? `${out[k]}${MULTI_SEPARATOR}${v}` : v;
  return out;
}

/** Is this a urlencoded form post? */
export const isForm = (headers: IncomingHttpHeaders): boolean => /^application\/x-www-form-urlencoded\b/i.test(String(headers['content-type'] || ''));
