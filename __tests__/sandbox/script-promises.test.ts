/**
 * In a 2.1 server script only N/http, N/https, N/llm, N/query, N/search and N/transaction calls have
 * .promise (facts sheet: N/https): a script that awaits record.load.promise fails in NetSuite, so it
 * fails here too (issue 13, a difference the ledger listed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { DEMO, tbaHeader } from '../helpers/rest-client';
import { bootTempAccount } from '../helpers/temp-account';

test('.promise exists on N/https and N/query calls, not on N/record or N/format', async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  const ada = { ...DEMO.integration, tokenId: 'test-token-id-ada-promises', tokenSecret: 'test-token-secret-ada-promises' };
  data.tokens.push({ id: 4, name: 'Promises - Ada', user: 1, role: 'administrator', integration: 1, tokenId: ada.tokenId, tokenSecret: ada.tokenSecret });
  const { account, dispose } = await bootTempAccount('script-promises', { account: data, overlays: [path.join(__dirname, '..', 'fixtures', 'restlet-overlay')], port: 0 });
  try {
    const url = account.restletUrl('customscript_el_fixture_rl', null, { action: 'promises' });
    const res = await fetch(url, { headers: { Authorization: tbaHeader(ada, 'GET', url), 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ https: 'function', query: 'function', record: 'undefined', format: 'undefined' });
  } finally {
    await dispose();
  }
});
