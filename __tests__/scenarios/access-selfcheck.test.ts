/**
 * The self-check Suitelet in the sandbox, as an admin and an integration engineer meet it: a REST request
 * with the reporting connector's token gets USER_ERROR; the self-check (JSON, then the page) names the
 * missing permission and its fix; the permission is granted; the same request, with the same token,
 * succeeds and the self-check passes.
 */
import * as path from 'node:path';
import { DEMO, tba } from '../helpers/rest-client';
import { bootTempAccount } from '../helpers/temp-account';
import { jsonBody } from '../helpers/json-body';
import type { JsonReport } from '../../src/access/report-json';

const SUITELET = 'script=customscript_el_access_selfcheck_sl&deploy=customdeploy_el_access_selfcheck_sl';
const ADMIN = { email: 'ada.admin@example.com', password: 'Sandbox-Admin-1', role: 3 };

let account: any;
let dispose: () => Promise<void>;
let cookie: string;

beforeAll(async () => {
  ({ account, dispose } = await bootTempAccount('selfcheck', { port: 0 }));
  cookie = account.signIn(ADMIN);
});

afterAll(async () => {
  await dispose?.();
});

const page = (query: string, init: RequestInit = {}) =>
  fetch(`${account.url}/app/site/hosting/scriptlet.nl?${SUITELET}&${query}`, { ...init, headers: { Cookie: cookie, ...(init.headers ?? {}) }, redirect: 'manual' });

async function report(query: string): Promise<any> {
  const res = await page(`${query}&format=json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.json();
}

const check = (r: any, id: string) => r.checks.find((c: any) => c.id === id);

test('USER_ERROR → self-check names the permission → grant → the same token succeeds and the check passes', async () => {
  const employeeUrl = `${account.url}/services/rest/record/v1/employee/3`;
  const refused = await tba(DEMO.reporting)('GET', employeeUrl);
  expect(refused.status).toBe(400);
  expect(refused.body['o:errorDetails'][0]['o:errorCode']).toBe('USER_ERROR');

  const before = await report(`role=1002&method=tba&profile=reporting&error=${encodeURIComponent(JSON.stringify(refused.body))}`);
  expect(before.role).toEqual({ id: 1002, name: 'Reporting Connector (no token login)' });
  expect(before.counts.fail).toBe(1);
  expect(check(before, 'permission.ADMI_LOGIN_OAUTH')).toMatchObject({
    status: 'fail', actual: 'None',
    fix: 'Setup > Users/Roles > Manage Roles > Reporting Connector (no token login) > Edit > Permissions > Setup subtab: add "Log in using Access Tokens" at level Full, then save.',
  });
  expect(before.explanation.checks).toContain('permission.ADMI_LOGIN_OAUTH');
  expect(before.explanation.explanation).toContain('retry with the same token');
  // The evidence: the Login Audit Trail recorded the refused login, with its Detail code and what to do.
  expect(check(before, 'evidence.EntityOrRoleDisabled')).toMatchObject({
    status: 'warn', actual: expect.stringMatching(/^1 in the last 7 days, the last at \d{4}-\d{2}-\d{2} \d{2}:\d{2} with token "Employee Sync - Ivan \(reporting role\)"/),
    fix: expect.stringContaining('the role lost its log-in permission'),
  });

  // The role's permissions are checked at each request: the token the client already has now works.
  account.roles.setPermission(1002, 'ADMI_LOGIN_OAUTH', 'FULL');
  const ok = await tba(DEMO.reporting)('GET', employeeUrl);
  expect(ok.status).toBe(200);
  expect(ok.body.firstName).toBe('Grace');

  const after = await report('role=1002&method=tba&profile=reporting');
  expect(after.counts.fail).toBe(0);
  expect(check(after, 'permission.ADMI_LOGIN_OAUTH').status).toBe('pass');
  expect(check(after, 'token.2.owner').status).toBe('pass');

  // Regenerating (to rotate a secret) gives a working token and revokes the old one, which the check then flags.
  const fresh = account.tokens.regenerate(2);
  expect((await tba({ ...DEMO.reporting, tokenId: fresh.tokenId, tokenSecret: fresh.tokenSecret })('GET', employeeUrl)).status).toBe(200);
  expect((await tba(DEMO.reporting)('GET', employeeUrl)).status).toBe(401);
  const rotated = await report('role=1002&method=tba&profile=reporting');
  expect(check(rotated, `token.${fresh.id}.owner`).status).toBe('pass');
  expect(check(rotated, 'token.2.configured')).toMatchObject({ status: 'warn', actual: 'Revoked, still configured' });
});

test('"explain this error" with a 401 points at the Login Audit Trail rows that say why', async () => {
  // The first test regenerated token 2: the client still sending the old one is refused.
  const refused = await tba(DEMO.reporting)('GET', `${account.url}/services/rest/record/v1/employee/3`);
  expect(refused.status).toBe(401);
  const r = await report(`role=1002&method=tba&profile=reporting&error=${encodeURIComponent(JSON.stringify(refused.body))}`);
  expect(r.explanation.title).toBe('The token was refused (INVALID_LOGIN)');
  expect(r.explanation.checks).toContain('evidence.TokenRejected');
  expect(check(r, 'evidence.TokenRejected')).toMatchObject({ status: 'warn', fix: expect.stringContaining('Setup > Users/Roles > Access Tokens > New') });
});

test('token health: an offboarded token owner fails with what to do', async () => {
  await account.records.update('employee', 2, { isinactive: true, giveaccess: false });
  try {
    const r = await report('role=1001&method=tba&profile=employee_provisioning');
    expect(check(r, 'token.1.owner')).toMatchObject({ status: 'fail', actual: 'Requests with this token fail with INVALID_LOGIN: the owner is inactive; the owner has no login access' });
  } finally {
    await account.records.update('employee', 2, { isinactive: false, giveaccess: true });
  }
});

test('the page: a native form with the role list, the failing check and its fix; names are escaped', async () => {
  account.db.prepare("INSERT INTO role (id, scriptid, name) VALUES (1099, 'customrole_el_xss', '<script>alert(1)</script>')").run();
  const res = await page('custpage_role=1099&custpage_method=tba&custpage_profile=reporting');
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(html).toContain('Integration access self-check');
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toMatch(/<select[^>]*name="custpage_role"/);
  expect(html).toContain('Log in using Access Tokens');
});

test('bad input gets a clear message, never a stack trace', async () => {
  const bad = await report('role=abc&method=basic');
  expect(bad.error.code).toBe('INVALID_PARAMETER');
  expect(bad.error.problems).toEqual([
    'Role "abc" is not a role\'s internal id: pick a role from the list, or pass its number (role=1001).',
    'Authentication method "basic" is unknown: use "tba" or "oauth2".',
  ]);
  const unknown = await report('role=424242');
  expect(unknown.error.message).toBe('There is no role with internal id 424242: pick one from the list.');
  const html = await (await page('role=424242')).text();
  expect(html).toContain('There is no role with internal id 424242');
  expect(html).not.toMatch(/at \w+ \(|\.js:\d+/);
});

test('only administrators may open it, and only when signed in', async () => {
  const anonymous = await fetch(`${account.url}/app/site/hosting/scriptlet.nl?${SUITELET}`, { redirect: 'manual' });
  expect([302, 303]).toContain(anonymous.status);
  const hr = await account.signIn({ email: 'hannah.hr@example.com', password: 'Sandbox-Hr-1', role: 1003 });
  const refused = await fetch(`${account.url}/app/site/hosting/scriptlet.nl?${SUITELET}&format=json`, { headers: { Cookie: hr }, redirect: 'manual' });
  expect(refused.status).toBe(403);
});

describe('opened by a role that cannot read other roles (an admin widened the audience)', () => {
  let hrAccount: any;
  let hrDispose: () => Promise<void>;
  beforeAll(async () => {
    ({ account: hrAccount, dispose: hrDispose } = await bootTempAccount('selfcheck-hr', { port: 0, overlays: [path.join(__dirname, '..', 'fixtures', 'selfcheck-any-role-overlay')] }));
  });
  afterAll(async () => {
    await hrDispose?.();
  });

  test('says so plainly and checks the current role instead', async () => {
    const hr = hrAccount.signIn({ email: 'hannah.hr@example.com', password: 'Sandbox-Hr-1' });
    const url = hrAccount.suiteletUrl('customscript_el_fixture_selfcheck_sl', null, { role: 1002, method: 'tba', profile: 'employee_provisioning', format: 'json' });
    const r = await jsonBody<JsonReport>(await fetch(url, { headers: { cookie: hr } }));
    // The role table is not readable either: the name is what runtime knows, the role's script id.
    expect(r.role).toEqual({ id: 1003, name: 'customrole_el_hr' });
    expect(check(r, 'role.permissions_readable')).toMatchObject({ status: 'warn' });
    expect(check(r, 'role.permissions_readable').actual).toBe("Not readable (SSS_SEARCH_ERROR_OCCURRED: Search error occurred: Record 'role' was not found). The checks below are of your current role, customrole_el_hr.");
    // HR Generalist's own levels, read through runtime.getPermission: Employees Edit, no REST transport.
    expect(check(r, 'permission.LIST_EMPLOYEE')).toMatchObject({ status: 'fail', actual: 'Edit' });
    expect(check(r, 'permission.ADMI_RESTWEBSERVICES')).toMatchObject({ status: 'fail', actual: 'None' });
    expect(check(r, 'tokens.readable').actual).toContain("Record 'oauthtoken' was not found");
  });
});
