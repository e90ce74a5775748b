/**
 * SuiteQL over REST reads only what the token's role may see (issue 13): each table needs the permission
 * its record needs in the UI (Oracle subsect_160397886310: the record types SuiteQL offers follow the
 * role's permissions), custom record tables their access type. A role that may read departments and
 * nothing else reads departments, and no employee, role, token or webhook payload, however it asks.
 */
import * as fs from 'node:fs';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { bearer } from '../helpers/rest-client';
import { bootTempAccount } from '../helpers/temp-account';

let account: Awaited<ReturnType<typeof bootTempAccount>>['account'];
let dispose: () => Promise<void>;
const VIEWER = 'demo-oauth2-viewer-0010';
const ADMIN = 'demo-oauth2-admin-0011';

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.roles.push({
    id: 1009, scriptid: 'customrole_el_viewer', name: 'Department Viewer',
    permissions: { ADMI_RESTWEBSERVICES: 'FULL', ADMI_LOGIN_OAUTH2: 'FULL', REPO_ANALYTICS: 'EDIT', LIST_DEPARTMENT: 'VIEW' },
  });
  data.employees.find((e: { id: number }) => e.id === 3).roles = ['customrole_el_viewer'];
  data.tokens.push(
    { id: 10, kind: 'oauth2', name: 'Viewer', user: 3, role: 'customrole_el_viewer', integration: 1, accessToken: VIEWER },
    { id: 11, kind: 'oauth2', name: 'Admin', user: 1, role: 'administrator', integration: 1, accessToken: ADMIN },
  );
  ({ account, dispose } = await bootTempAccount('suiteql-permissions', { account: data, port: 0 }));
  // A delivered webhook payload exists to be read (or not).
  await account.records.create('customrecord_el_webhook_delivery', { name: 'evt_1', custrecord_el_whd_event_id: 'evt_1', custrecord_el_whd_endpoint: 1, custrecord_el_whd_payload: '{"specversion":"1.0"}' });
});
afterAll(() => dispose());

const suiteql = (token: string, q: string) =>
  bearer(token)('POST', `${account.url}/services/rest/query/v1/suiteql`, { q }, { Prefer: 'transient' });

test('the tables its permission covers are read', async () => {
  const r = await suiteql(VIEWER, 'SELECT id, name FROM department ORDER BY id');
  expect(r.status).toBe(200);
  expect(r.body.items.map((i: { name: string }) => i.name)).toEqual(['Engineering', 'Sales', 'People Operations']);
});

test.each([
  ['employee', 'SELECT id, email FROM employee'],
  ['employee', 'SELECT d.name, e.email FROM department d JOIN employee e ON e.department = d.id'],
  ['employee', 'SELECT name FROM department WHERE id IN (SELECT department FROM employee)'],
  ['employeerolesforsearch', 'SELECT entity, role FROM employeerolesforsearch'],
  ['role', 'SELECT id, name FROM role'],
  ['rolepermissions', 'SELECT role, permkey FROM rolepermissions'],
  ['oauthtoken', 'SELECT id, tba_token_name FROM OAuthToken'],
  ['integration', 'SELECT id, name FROM integration'],
  ['location', 'SELECT id FROM location'],
  ['subsidiary', 'SELECT id FROM subsidiary'],
  ['customrecord_el_webhook_delivery', 'SELECT * FROM customrecord_el_webhook_delivery'],
  ['customrecord_el_webhook_outbox', 'SELECT id FROM customrecord_el_webhook_outbox'],
  ['customrecord_el_webhook_endpoint', 'SELECT id FROM customrecord_el_webhook_endpoint'],
])('a table it may not read is not found: %s (%s)', async (table, q) => {
  const r = await suiteql(VIEWER, q);
  expect(r.status).toBe(400);
  expect(r.body['o:errorDetails'][0].detail).toContain(`Record '${table}' was not found`);
  expect(JSON.stringify(r.body)).not.toMatch(/@example\.com|specversion|Employee Sync/);
});

test('an administrator reads every table', async () => {
  for (const table of ['employee', 'employeerolesforsearch', 'role', 'rolepermissions', 'oauthtoken', 'integration', 'customrecord_el_webhook_delivery']) {
    const r = await suiteql(ADMIN, `SELECT COUNT(*) AS n FROM ${table}`);
    expect([table, r.status]).toEqual([table, 200]);
  }
});

test('a permission granted to the role applies at the same token\'s next request', async () => {
  expect((await suiteql(VIEWER, 'SELECT id FROM location')).status).toBe(400);
  account.roles.setPermission(1009, 'LIST_LOCATION', 'VIEW');
  const r = await suiteql(VIEWER, 'SELECT id, name FROM location ORDER BY id');
  expect([r.status, r.body.items?.map((i: { name: string }) => i.name)]).toEqual([200, ['San Francisco', 'Austin']]);
});
