/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): webhook-id, webhook-timestamp and
 * webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>". While a secret is being rotated the
 * header carries one signature per secret, space-separated, and receivers accept either.
 * The HMAC itself is passed in: in NetSuite it comes from N/crypto with an API secret whose value the
 * script never sees.
 */

/** base64 HMAC-SHA256 of `content` with the key held by API secret `secretId`. */
export type HmacBase64 = (secretId: string, content: string) => string;

export const signedContent = (id: string, timestamp: number, body: string): string => `${id}.${timestamp}.${body}`;

export function signatureHeaders(o: { id: string; timestamp: number; body: string; secretIds: string[]; hmac: HmacBase64 }): Record<string, string> {
  if (!o.secretIds.length) throw new Error('signatureHeaders: at least one secret id is needed');
  const content = signedContent(o.id, o.timestamp, o.body);
  return {
    'webhook-id': o.id,
    'webhook-timestamp': String(o.timestamp),
    'webhook-signature': o.secretIds.map((s) => `v1,${o.hmac(s, content)}`).join(' '),
  };
}
