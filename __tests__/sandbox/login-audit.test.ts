/**
 * The Login Audit Trail (SuiteQL LoginAudit): a row for every REST web services and RESTlet login, TBA and
 * OAuth 2.0, Success or Failure with the Detail code Oracle lists for it (subsect_158324637123,
 * subsect_156935170194); readable only by roles with View Login Audit Trail (ADMI_AUDITLOGIN); kept for 30
 * days of account time and at most 10,000 rows (FIDELITY.md, Login Audit Trail).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import OAuth = require('oauth-1.0a');
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { openDatabase } from '@employee-lifecycle/sandbox/storage/db';
import { loginAudit } from '@employee-lifecycle/sandbox/storage/login-audit';
import { LIMITS } from '@employee-lifecycle/sandbox/limits';
import { bootTempAccount, type Account } from '../helpers/temp-account';
import { DEMO, bearer, tba, type TbaCredentials } from '../helpers/rest-client';

const VIEWER = 'test-oauth2-viewer-token';
const AUDITOR = 'test-oauth2-auditor-token';
const EMPLOYEE_3 = '/services/rest/record/v1/employee/3';

let account: Account;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  const rest = { ADMI_RESTWEBSERVICES: 'FULL', ADMI_LOGIN_OAUTH2: 'FULL', REPO_ANALYTICS: 'EDIT', LIST_EMPLOYEE: 'VIEW' };
  data.roles.push(
    { id: 1011, scriptid: 'customrole_el_viewer', name: 'Employee Viewer', permissions: rest },
    { id: 1012, scriptid: 'customrole_el_auditor', name: 'Login Auditor', permissions: { ...rest, ADMI_AUDITLOGIN: 'VIEW' } },
  );
  data.employees.find((e: { id: number }) => e.id === 3).roles = ['customrole_el_viewer', 'customrole_el_auditor'];
  data.tokens.push(
    { id: 10, kind: 'oauth2', name: 'Viewer', user: 3, role: 'customrole_el_viewer', integration: 1, accessToken: VIEWER },
    { id: 11, kind: 'oauth2', name: 'Auditor', user: 3, role: 'customrole_el_auditor', integration: 1, accessToken: AUDITOR },
  );
  ({ account, dispose } = await bootTempAccount('login-audit', { account: data, port: 0 }));
});
afterAll(() => dispose());
afterEach(() => account.clock.reset());

const lastId = (): number => Number(account.query('SELECT MAX(id) AS n FROM loginaudit')[0].n ?? 0);
const rowsSince = (id: number) => account.query(`SELECT la.status, la.user, la.role, la.emailaddress, la.requesturi, la.oauthappname,
  la.oauthaccesstokenname, la.detail FROM LoginAudit la WHERE la.id > ? ORDER BY la.id`, [id]);

/** One request, and the one Login Audit Trail row it left. */
async function audited(request: () => Promise<{ status: number }>, status: number) {
  const before = lastId();
  const r = await request();
  expect(r.status).toBe(status);
  const rows = rowsSince(before);
  expect(rows).toHaveLength(1);
  return rows[0];
}

const IVAN = { user: 2, role: 1001, emailaddress: 'ivan.integration@example.com', oauthappname: 'Employee Sync' };

test('TBA: a login names the user, role, application and access token; each refusal has its Detail code', async () => {
  const ok = await audited(() => tba(DEMO.integration)('GET', `${account.url}${EMPLOYEE_3}`), 200);
  expect(ok).toEqual({ status: 'Success', ...IVAN, requesturi: EMPLOYEE_3, oauthaccesstokenname: 'Employee Sync - Ivan Integration', detail: null });
  const row = account.query('SELECT ipaddress, useragent, date FROM loginaudit WHERE id = ?', [lastId()])[0];
  expect(row.ipaddress).toMatch(/127\.0\.0\.1$/);
  // A date in the account's format (M/D/YYYY) and time zone, as SuiteQL gives dates.
  expect(row.date).toBe(new Date().toLocaleDateString('en-US', { timeZone: 'America/Los_Angeles' }));

  const url = `${account.url}${EMPLOYEE_3}`;
  const badSecret = await audited(() => tba({ ...DEMO.integration, consumerSecret: 'wrong' })('GET', url), 401);
  expect(badSecret).toMatchObject({ status: 'Failure', ...IVAN, detail: 'InvalidSignature' });
  expect(await audited(() => tba({ ...DEMO.integration, consumerKey: 'nope' })('GET', url), 401)).toMatchObject({ status: 'Failure', user: 2, detail: 'consumer_key_unknown' });
  expect(await audited(() => tba({ ...DEMO.integration, tokenId: 'nope' })('GET', url), 401)).toMatchObject({ detail: 'TokenRejected' });
  expect(await audited(() => fetch(url), 401)).toMatchObject({ status: 'Failure', detail: 'MissingTokenPassportRequiredFields' });
  expect(await audited(() => signedAt(DEMO.integration, url, -600), 401)).toMatchObject({ ...IVAN, detail: 'InvalidTimestamp' });
  // Oracle (subsect_156935170194): the Blocked state refuses the consumer key.
  account.integrations.update(1, { state: 'Blocked' });
  try {
    expect(await audited(() => tba(DEMO.integration)('GET', url), 401)).toMatchObject({ ...IVAN, detail: 'consumer_key_refused' });
  } finally {
    account.integrations.update(1, { state: 'Enabled' });
  }
  // A role without its log-in permission: USER_ERROR to the client, a failed login in the trail.
  expect(await audited(() => tba(DEMO.reporting)('GET', url), 400)).toMatchObject({ status: 'Failure', role: 1002, detail: 'EntityOrRoleDisabled' });
});

/** A TBA request signed with a clock `offset` seconds off. */
function signedAt(creds: TbaCredentials, url: string, offset: number) {
  const oauth = new OAuth({ consumer: { key: creds.consumerKey, secret: creds.consumerSecret }, realm: creds.realm, signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => crypto.createHmac('sha256', key).update(base).digest('base64') });
  oauth.getTimeStamp = () => Math.floor(Date.now() / 1000) + offset;
  return fetch(url, { headers: { ...oauth.toHeader(oauth.authorize({ url, method: 'GET' }, { key: creds.tokenId, secret: creds.tokenSecret })) } });
}

test('OAuth 2.0 bearers: the application is named, not a token; refusals have their Detail codes', async () => {
  const url = `${account.url}${EMPLOYEE_3}`;
  expect(await audited(() => bearer(DEMO.bearer)('GET', url), 200)).toEqual({ status: 'Success', ...IVAN, requesturi: EMPLOYEE_3, oauthaccesstokenname: null, detail: null });
  expect(await audited(() => bearer('no-such-token')('GET', url), 401)).toMatchObject({ status: 'Failure', user: null, detail: 'InvalidSignature' });
  await account.records.update('employee', 2, { isinactive: true });
  try {
    expect(await audited(() => bearer(DEMO.bearer)('GET', url), 401)).toMatchObject({ ...IVAN, detail: 'EntityOrRoleDisabled' });
  } finally {
    await account.records.update('employee', 2, { isinactive: false });
  }
});

test('RESTlet logins are in the trail too: a Web Services Only role is a failed login', async () => {
  const url = account.restletUrl('customscript_el_access_selfcheck_rl', null, { role: 1002, method: 'tba', profile: 'reporting', format: 'json' });
  const row = await audited(() => fetch(url, { headers: { Authorization: `Bearer ${DEMO.bearer}`, 'Content-Type': 'application/json' } }), 401);
  expect(row).toEqual({ status: 'Failure', ...IVAN, requesturi: '/app/site/hosting/restlet.nl', oauthaccesstokenname: null, detail: 'EntityOrRoleDisabled' });
});

test('only a role with View Login Audit Trail (ADMI_AUDITLOGIN) reads LoginAudit', async () => {
  const suiteql = (token: string, q: string) => bearer(token)('POST', `${account.url}/services/rest/query/v1/suiteql`, { q }, { Prefer: 'transient' });
  const refused = await suiteql(VIEWER, 'SELECT id, status FROM LoginAudit');
  expect(refused.status).toBe(400);
  expect(refused.body['o:errorDetails'][0].detail).toContain("Record 'loginaudit' was not found");
  const joined = await suiteql(VIEWER, 'SELECT e.email FROM employee e WHERE e.id IN (SELECT la.user FROM loginaudit la)');
  expect(joined.status).toBe(400);
  // The user's name comes from employee, which the role may read (its role's name would need Manage Roles).
  const read = await suiteql(AUDITOR, "SELECT BUILTIN.DF(la.user) AS name, la.role, la.detail FROM LoginAudit la WHERE la.detail = 'InvalidTimestamp'");
  expect([read.status, read.body.items]).toEqual([200, [{ name: 'Ivan Integration', role: '1001', detail: 'InvalidTimestamp', links: [] }]]);
});

test('the trail keeps the last 30 days of account time', async () => {
  expect(lastId()).toBeGreaterThan(0);
  account.clock.advance('31d');
  await bearer(DEMO.bearer)('GET', `${account.url}${EMPLOYEE_3}`);
  expect(account.query('SELECT COUNT(*) AS n, MIN(id) AS first FROM loginaudit')).toEqual([{ n: 1, first: lastId() }]);
});

test('and at most LIMITS.loginAuditRows rows: the oldest go first', () => {
  const db = openDatabase(':memory:');
  try {
    const audit = loginAudit(db, () => new Date());
    for (let i = 0; i < LIMITS.loginAuditRows + 5; i++) audit({ status: 'Failure', detail: 'InvalidSignature', requestUri: `/r/${i}` });
    expect(db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first, MIN(requesturi) AS uri FROM loginaudit').get()).toEqual({ n: LIMITS.loginAuditRows, first: 6, uri: '/r/10' });
    audit({ status: 'Success', requestUri: 'x'.repeat(5000), userAgent: 'y'.repeat(5000) });
    const long = db.prepare<[], { u: number, a: number }>('SELECT LENGTH(requesturi) AS u, LENGTH(useragent) AS a FROM loginaudit ORDER BY id DESC LIMIT 1').get();
    expect(long).toEqual({ u: LIMITS.loginAuditChars, a: LIMITS.loginAuditChars });
  } finally {
    db.close();
  }
});
