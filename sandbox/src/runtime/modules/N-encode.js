// @ts-check
'use strict';
/** N/encode: convert between UTF_8, BASE_64, BASE_64_URL_SAFE and HEX. */
const { options, required } = require('../expose');
const { sandboxError } = require('../../errors');

const Encoding = { UTF_8: 'UTF_8', BASE_16: 'BASE_16', BASE_32: 'BASE_32', BASE_64: 'BASE_64', BASE_64_URL_SAFE: 'BASE_64_URL_SAFE', HEX: 'HEX' };
/** @type {Record<string, BufferEncoding>} */
const NODE = { UTF_8: 'utf8', BASE_64: 'base64', BASE_64_URL_SAFE: 'base64url', HEX: 'hex', BASE_16: 'hex' };

/** @param {string} enc */
function nodeEncoding(enc) {
  const n = NODE[String(enc)];
  if (!n) throw sandboxError('INVALID_ENCODING', `Unsupported encoding ${enc}: use one of ${Object.keys(NODE).join(', ')}.`);
  return n;
}

/** @param {string} s @param {string} enc */
const toBuffer = (s, enc) => Buffer.from(s, nodeEncoding(enc));
/** @param {Buffer} b @param {string} enc */
const fromBuffer = (b, enc) => b.toString(nodeEncoding(enc));

function createEncode() {
  return {
    Encoding,
    convert(/** @type {any[]} */ ...a) {
      const o = options(a, ['string', 'inputEncoding', 'outputEncoding']);
      return fromBuffer(toBuffer(String(required(o, 'string', 'encode.convert')), required(o, 'inputEncoding', 'encode.convert')), required(o, 'outputEncoding', 'encode.convert'));
    },
  };
}

module.exports = createEncode;
module.exports.Encoding = Encoding;
module.exports.toBuffer = toBuffer;
module.exports.fromBuffer = fromBuffer;
