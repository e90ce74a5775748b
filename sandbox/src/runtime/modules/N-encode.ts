/** N/encode: convert between UTF_8, BASE_64, BASE_64_URL_SAFE and HEX. */
import { options, required } from '../expose';
import { Encoding, fromBuffer, toBuffer } from './encodings';

function createEncode() {
  return {
    Encoding,
    convert(...a: unknown[]): string {
      const o = options(a, ['string', 'inputEncoding', 'outputEncoding']);
      return fromBuffer(toBuffer(String(required(o, 'string', 'encode.convert')), String(required(o, 'inputEncoding', 'encode.convert'))), String(required(o, 'outputEncoding', 'encode.convert')));
    },
  };
}

export = createEncode;
