/**
 * In a D/M/YYYY account one date reads the same on every surface (issue 13): SuiteQL over REST, SuiteQL in
 * a script (N/query), N/format and a record's text in a script. NetSuite writes dates in the account's
 * Date Format preference everywhere it writes text (N/format: Oracle section_4388721627).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { bearer, DEMO, tbaHeader } from '../helpers/rest-client';
import { bootTempAccount, type Account } from '../helpers/temp-account';

let account: Account;
let dispose: () => Promise<void>;
const ADA = { ...DEMO.integration, tokenId: 'test-token-id-ada-dates', tokenSecret: 'test-token-secret-ada-dates' };

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.account.dateFormat = 'D/M/YYYY';
  data.employees.find((e: { id: number }) => e.id === 3).hireDate = '2026-12-25';
  data.tokens.push({ id: 4, name: 'Dates - Ada', user: 1, role: 'administrator', integration: 1, tokenId: ADA.tokenId, tokenSecret: ADA.tokenSecret });
  ({ account, dispose } = await bootTempAccount('account-dates', { account: data, overlays: [path.join(__dirname, '..', 'fixtures', 'restlet-overlay')], port: 0 }));
});
afterAll(() => dispose());

test('25 December 2026 is 25/12/2026 in REST SuiteQL, N/query, N/format and getText', async () => {
  const rest = await bearer(DEMO.bearer)('POST', `${account.url}/services/rest/query/v1/suiteql`,
    { q: 'SELECT hiredate, TO_CHAR(hiredate) AS text FROM employee WHERE id = 3' }, { Prefer: 'transient' });
  expect(rest.status).toBe(200);
  expect(rest.body.items[0]).toMatchObject({ hiredate: '25/12/2026', text: '25/12/2026' });

  const url = account.restletUrl('customscript_el_fixture_rl', null, { action: 'dates', employee: 3 });
  const res = await fetch(url, { headers: { Authorization: tbaHeader(ADA, 'GET', url), 'Content-Type': 'application/json' } });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ suiteql: { hiredate: '25/12/2026', text: '25/12/2026' }, format: '25/12/2026', getText: '25/12/2026', parsed: 25 });
});
