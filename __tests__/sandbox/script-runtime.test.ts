/**
 * What a script meets in the sandbox's runtime as in NetSuite (issue 13): only N/http, N/https, N/llm,
 * N/query, N/search and N/transaction calls have .promise in a 2.1 server script (facts sheet: N/https),
 * and a script's runaway SuiteQL stops at the account's SuiteQL time limit instead of holding its worker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { DEMO, tbaHeader } from '../helpers/rest-client';
import { bootTempAccount, type Account } from '../helpers/temp-account';

const ADA = { ...DEMO.integration, tokenId: 'test-token-id-ada-runtime', tokenSecret: 'test-token-secret-ada-runtime' };
let account: Account;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.account = { ...data.account, suiteqlTimeoutMs: 1000 };
  data.tokens.push({ id: 4, name: 'Runtime - Ada', user: 1, role: 'administrator', integration: 1, tokenId: ADA.tokenId, tokenSecret: ADA.tokenSecret });
  ({ account, dispose } = await bootTempAccount('script-runtime', { account: data, overlays: [path.join(__dirname, '..', 'fixtures', 'restlet-overlay')], port: 0 }));
});
afterAll(() => dispose());

async function restlet(action: string): Promise<{ status: number, body: any }> {
  const url = account.restletUrl('customscript_el_fixture_rl', null, { action });
  const res = await fetch(url, { headers: { Authorization: tbaHeader(ADA, 'GET', url), 'Content-Type': 'application/json' } });
  const text = await res.text();
  // A RESTlet that returns a string answers the string itself.
  return { status: res.status, body: /^[[{]/.test(text) ? JSON.parse(text) : text };
}

test('.promise exists on N/https and N/query calls, not on N/record or N/format', async () => {
  const r = await restlet('promises');
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ https: 'function', query: 'function', record: 'undefined', format: 'undefined' });
});

test("a script's query that never ends stops at the SuiteQL time limit, and its worker serves the next call", async () => {
  const started = Date.now();
  const r = await restlet('forever');
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(r.status).toBe(400);
  expect(r.body.error).toMatchObject({ code: 'SSS_SEARCH_TIMEOUT', message: expect.stringContaining('time limit (1 seconds)') });
  // As many calls as the account has workers: none is stuck behind the runaway one.
  const next = await Promise.all(Array.from({ length: 4 }, () => restlet('string')));
  expect(next.map((n) => [n.status, n.body])).toEqual(Array.from({ length: 4 }, () => [200, 'pong']));
});
