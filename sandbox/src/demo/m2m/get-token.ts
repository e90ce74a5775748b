#!/usr/bin/env node
/**
 * What an integration does to get an OAuth 2.0 access token by the client credentials flow, for the demo
 * account (`npm start` prints this command): sign a JWT assertion with the private key of the certificate the
 * mapping holds (PS256; kid = its certificate id; iss = the integration's client id, scope, aud = the token
 * endpoint, iat, exp: Oracle section_162790605110) and POST it to the token endpoint (section_162755359851).
 * Prints the endpoint's JSON answer; use its access_token as `Authorization: Bearer <access_token>` for 60 minutes.
 * Only node:crypto: a real client would use a JWT library. Demo code with a demo key: never for a real account.
 *
 *   node sandbox/dist/demo/m2m/get-token.js --url http://127.0.0.1:8470 [--client-id ID] [--certificate-id ID]
 *        [--key PRIVATE_KEY.pem] [--scope rest_webservices,restlets]
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DEMO = {
  url: 'http://127.0.0.1:8470',
  clientId: 'demo-consumer-key-employee-sync-0001',
  certificateId: 'demo-m2m-certificate-employee-sync-0001',
  key: path.join(__dirname, 'employee-sync-key.pem'),
  scope: 'rest_webservices,restlets',
};

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
  const url = flag('url', DEMO.url).replace(/\/$/, '');
  const tokenEndpoint = `${url}/services/rest/auth/oauth2/v1/token`;
  const now = Math.floor(Date.now() / 1000);
  const b64 = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${b64({ typ: 'JWT', alg: 'PS256', kid: flag('certificate-id', DEMO.certificateId) })}.${b64({
    iss: flag('client-id', DEMO.clientId), scope: flag('scope', DEMO.scope).split(','), aud: tokenEndpoint, iat: now, exp: now + 300,
  })}`;
  const signature = crypto.sign('sha256', Buffer.from(input), {
    key: fs.readFileSync(flag('key', DEMO.key), 'utf8'), padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,
  });
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: `${input}.${signature.toString('base64url')}`,
    }),
  });
  console.log(await res.text());
  return res.ok ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
