// @ts-check
'use strict';
/** Request bodies: read with a size cap, and HTML form posts parsed the way NetSuite hands them to scripts. */

const MAX_BODY = 10 * 1024 * 1024;

const { MULTI_SEPARATOR } = require('../ui/multi-select');

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
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

/**
 * Query or form parameters as one object; a repeated name's values joined with MULTI_SEPARATOR.
 * @param {URLSearchParams} params @returns {Record<string, string>}
 */
function flatten(params) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [k, v] of params) out[k] = k in out ? `${out[k]}${MULTI_SEPARATOR}${v}` : v;
  return out;
}

/** Is this a urlencoded form post? @param {import('node:http').IncomingHttpHeaders} headers */
const isForm = (headers) => /^application\/x-www-form-urlencoded\b/i.test(String(headers['content-type'] || ''));

module.exports = { readBody, flatten, isForm, MULTI_SEPARATOR };
