/**
 * The self-check's logic without NetSuite: which checks a role passes or fails for each method and
 * profile, the fix each failure names, token health, the error explainer and parameter validation.
 */
import { runChecks } from '../../src/access/evaluate';
import type { AccountSnapshot, Check, TokenInfo } from '../../src/access/evaluate';
import { explainError } from '../../src/access/explain';
import { parseRequest } from '../../src/access/request';

const ALL_FEATURES = { RESTWEBSERVICES: true, TBA: true, OAUTH2: true, SERVERSIDESCRIPTING: true, CUSTOMRECORDS: true, ADVANCEDEMPLOYEEPERMISSIONS: false, SUITEANALYTICSWORKBOOK: true };
const TRANSPORT = { ADMI_RESTWEBSERVICES: 4, ADMI_LOGIN_OAUTH: 4, ADMI_LOGIN_OAUTH2: 4, REPO_ANALYTICS: 3, ADMI_MANAGE_OWN_OAUTH_TOKENS: 4 };
const token = (over: Partial<TokenInfo> = {}): TokenInfo => ({
  id: '1', name: 'Sync token', application: 'Employee Sync', ownerId: '2', ownerName: 'Ivan Integration',
  ownerInactive: false, ownerHasAccess: true, ownerHasRole: true, revoked: false, inactive: false, ...over,
});
const snapshot = (over: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  role: { id: 1001, name: 'Employee Sync Integration', scriptId: 'customrole_el_integration', isInactive: false },
  features: { ...ALL_FEATURES }, permissions: { ...TRANSPORT, LIST_EMPLOYEE: 4, LIST_FIND: 1, ADMI_CUSTOMSCRIPT: 1 }, tokens: [token()], ...over,
});
const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${checks.map((x) => x.id).join(', ')}`);
  return c;
};

describe('runChecks', () => {
  test('a complete provisioning role passes everything', () => {
    const r = runChecks(snapshot(), 'tba', 'employee_provisioning');
    // Advanced Employee Permissions is off: Oracle lists it as a prerequisite, so it warns, nothing fails;
    // and TBA itself warns (no new TBA integrations from 2027.1).
    expect(r.counts.fail).toBe(0);
    expect(r.checks.filter((c) => c.status === 'warn').map((c) => c.id)).toEqual(['feature.ADVANCEDEMPLOYEEPERMISSIONS', 'method.tba_sunset']);
    expect(r.counts.pass).toBe(r.checks.length - 2);
  });

  test('a role without the TBA log-in permission fails that check and says where to add it', () => {
    const s = snapshot({ permissions: { ...snapshot().permissions, ADMI_LOGIN_OAUTH: 0 } });
    const c = byId(runChecks(s, 'tba', 'employee_provisioning').checks, 'permission.ADMI_LOGIN_OAUTH');
    expect(c.status).toBe('fail');
    expect(c.actual).toBe('None');
    expect(c.fix).toBe('Setup > Users/Roles > Manage Roles > Employee Sync Integration > Edit > Permissions > Setup subtab: add "Log in using Access Tokens" at level Full, then save.');
    // OAuth 2.0 does not need it: it needs its own log-in permission.
    const o = runChecks(s, 'oauth2', 'employee_provisioning').checks;
    expect(o.find((x) => x.id === 'permission.ADMI_LOGIN_OAUTH')).toBeUndefined();
    expect(byId(o, 'permission.ADMI_LOGIN_OAUTH2').status).toBe('pass');
  });

  test('a level too low is raised, not added, and User Access Tokens is a warning that explains itself', () => {
    const s = snapshot({ permissions: { ...snapshot().permissions, REPO_ANALYTICS: 1, ADMI_MANAGE_OWN_OAUTH_TOKENS: 0 } });
    const checks = runChecks(s, 'tba', 'employee_provisioning').checks;
    expect(byId(checks, 'permission.REPO_ANALYTICS').fix).toContain('Reports subtab: raise "SuiteAnalytics Workbook" from View to Edit');
    const uat = byId(checks, 'permission.ADMI_MANAGE_OWN_OAUTH_TOKENS');
    expect(uat.status).toBe('warn');
    expect(uat.required).toContain('"Log in using Access Tokens" is');
  });

  test('the reporting profile checks every transaction type on its own', () => {
    const r = runChecks(snapshot(), 'tba', 'reporting');
    const failing = r.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toEqual(expect.arrayContaining(['permission.TRAN_SALESORD', 'permission.TRAN_CUSTINVC', 'permission.TRAN_CUSTPYMT',
      'permission.TRAN_CUSTCRED', 'permission.TRAN_JOURNAL', 'permission.TRAN_VENDBILL', 'permission.TRAN_PURCHORD', 'permission.LIST_CUSTJOB']));
    expect(byId(r.checks, 'permission.LIST_EMPLOYEE').status).toBe('pass');
    expect(byId(r.checks, 'permission.TRAN_JOURNAL').fix).toContain('Transactions subtab: add "Make Journal Entry" at level View');
    expect(r.counts.fail).toBe(failing.length);
  });

  test('Advanced Employee Permissions swaps Employees for Employee Record and Employee Administration', () => {
    const s = snapshot({ features: { ...ALL_FEATURES, ADVANCEDEMPLOYEEPERMISSIONS: true } });
    const checks = runChecks(s, 'tba', 'employee_provisioning').checks;
    expect(checks.find((c) => c.id === 'permission.LIST_EMPLOYEE')).toBeUndefined();
    expect(byId(checks, 'permission.LIST_EMPLOYEE_RECORD').status).toBe('fail');
    expect(byId(checks, 'permission.LIST_EMPLOYEE_ADMINISTRATION').status).toBe('fail');
  });

  test('a feature that is off fails with its Enable Features place; an unknown one warns', () => {
    const s = snapshot({ features: { ...ALL_FEATURES, RESTWEBSERVICES: false, SUITEANALYTICSWORKBOOK: null } });
    const checks = runChecks(s, 'tba', 'reporting').checks;
    expect(byId(checks, 'feature.RESTWEBSERVICES')).toMatchObject({ status: 'fail', actual: 'Disabled' });
    expect(byId(checks, 'feature.RESTWEBSERVICES').fix).toContain('Setup > Company > Enable Features > SuiteCloud subtab, SuiteTalk (Web Services) section: check "REST Web Services"');
    expect(byId(checks, 'feature.SUITEANALYTICSWORKBOOK').status).toBe('warn');
  });

  test('token owners who are inactive, lack access or lost the role fail; revoked tokens warn', () => {
    const s = snapshot({
      tokens: [
        token({ id: '1' }),
        token({ id: '2', ownerName: 'Linus Leaver', ownerInactive: true, ownerHasAccess: false }),
        token({ id: '3', ownerName: 'Hannah Hr', ownerHasRole: false }),
        token({ id: '4', revoked: true }),
      ],
    });
    const checks = runChecks(s, 'tba', 'employee_provisioning').checks;
    expect(byId(checks, 'token.1.owner').status).toBe('pass');
    const leaver = byId(checks, 'token.2.owner');
    expect(leaver.status).toBe('fail');
    expect(leaver.actual).toBe('Requests with this token fail with INVALID_LOGIN: the owner is inactive; the owner has no login access');
    expect(leaver.fix).toContain('Lists > Employees > Linus Leaver > Edit: clear Inactive; Lists > Employees > Linus Leaver > Edit > Access subtab: check Give Access');
    expect(byId(checks, 'token.3.owner').actual).toContain('no longer has the role Employee Sync Integration');
    expect(byId(checks, 'token.4.configured')).toMatchObject({ status: 'warn', actual: 'Revoked, still configured' });
    expect(checks.find((c) => c.id === 'token.4.owner')).toBeUndefined();
  });

  test('failed logins from the Login Audit Trail become one check per Detail code with its cause and fix', () => {
    const failures = [
      { detail: 'InvalidSignature', count: 12, last: '2026-12-03 09:14', token: 'Sync - Ivan', application: 'Employee Sync' },
      { detail: 'SomethingNew', count: 1, last: '2026-12-02 08:00', token: null, application: null },
    ];
    const checks = runChecks(snapshot({ loginFailures: failures }), 'tba', 'employee_provisioning').checks;
    expect(byId(checks, 'evidence.InvalidSignature')).toMatchObject({ status: 'warn', actual: '12 in the last 7 days, the last at 2026-12-03 09:14 with token "Sync - Ivan" of Employee Sync' });
    expect(byId(checks, 'evidence.InvalidSignature').fix).toContain('the signed URL is the one requested');
    expect(byId(checks, 'evidence.SomethingNew').fix).toContain('View Login Audit Trail');
    const unreadable = runChecks(snapshot({ loginFailures: null, loginFailuresError: "Record 'loginaudit' was not found." }), 'tba', 'employee_provisioning').checks;
    expect(byId(unreadable, 'evidence.readable').actual).toBe("Not readable: Record 'loginaudit' was not found.");
  });

  test('TBA warns that new TBA integrations end with 2027.1 and says what to move to; OAuth 2.0 does not', () => {
    const tba = byId(runChecks(snapshot(), 'tba', 'employee_provisioning').checks, 'method.tba_sunset');
    expect(tba.status).toBe('warn');
    expect(tba.fix).toContain('client credentials (M2M) grant');
    expect(runChecks(snapshot(), 'oauth2', 'employee_provisioning').checks.find((c) => c.id === 'method.tba_sunset')).toBeUndefined();
  });

  test('a permission to change on a token-based role does not send the admin to regenerate its tokens', () => {
    const missing = snapshot({ permissions: { ...snapshot().permissions, ADMI_RESTWEBSERVICES: 0 } });
    const checks = runChecks(missing, 'tba', 'employee_provisioning').checks;
    expect(byId(checks, 'permission.ADMI_RESTWEBSERVICES').status).toBe('fail');
    expect(checks.filter((c) => /regenerat/i.test(`${c.title} ${c.fix}`))).toEqual([]);
  });

  test('Administrator warns; unreadable permissions and tokens say so', () => {
    const admin = snapshot({ role: { id: 3, name: 'Administrator', scriptId: 'administrator', isInactive: false } });
    expect(byId(runChecks(admin, 'tba', 'reporting').checks, 'role.not_administrator').status).toBe('warn');
    const fallback = snapshot({ permissionsFallback: { requestedRole: 'role 1002', reason: 'INSUFFICIENT_PERMISSION: no' }, tokens: null, tokensError: 'INSUFFICIENT_PERMISSION: tokens' });
    const checks = runChecks(fallback, 'tba', 'reporting').checks;
    expect(byId(checks, 'role.permissions_readable').actual).toBe('Not readable (INSUFFICIENT_PERMISSION: no). The checks below are of your current role, Employee Sync Integration.');
    expect(byId(checks, 'tokens.readable').actual).toBe('Not readable: INSUFFICIENT_PERMISSION: tokens');
  });

  test('counts match the checks, and a need shared by transport and profile appears once', () => {
    const r = runChecks(snapshot(), 'tba', 'employee_provisioning');
    const ids = r.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.counts.pass + r.counts.fail + r.counts.warn).toBe(r.checks.length);
  });
});

describe('explainError', () => {
  test('the REST USER_ERROR names the transport checks', () => {
    const body = JSON.stringify({ type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1', title: 'Bad Request', status: 400,
      'o:errorDetails': [{ detail: 'Your current role does not have permission to perform this action.', 'o:errorCode': 'USER_ERROR' }] });
    const e = explainError(body);
    expect(e?.title).toContain('USER_ERROR');
    expect(e?.checks).toEqual(expect.arrayContaining(['permission.ADMI_RESTWEBSERVICES', 'permission.ADMI_LOGIN_OAUTH', 'permission.REPO_ANALYTICS']));
  });

  test('a Permission Violation names its permission key', () => {
    const e = explainError("Permission Violation: You need  the 'Transactions -> Make Journal Entry' permission to access this page.");
    expect(e?.checks).toEqual(['permission.TRAN_JOURNAL']);
    expect(e?.title).toBe('Missing permission: Transactions > Make Journal Entry (TRAN_JOURNAL)');
    expect(explainError("You need a higher level of the 'Lists -> Employees' permission")?.checks).toEqual(['permission.LIST_EMPLOYEE']);
  });

  test('INVALID_LOGIN points at token health; unrelated text matches nothing', () => {
    expect(explainError('{"o:errorCode":"INVALID_LOGIN","detail":"Invalid login attempt."}')?.title).toContain('INVALID_LOGIN');
    expect(explainError('HTTP 429 Too Many Requests')?.title).toContain('Concurrency');
    expect(explainError('The record has been changed')).toBeNull();
  });
});

describe('parseRequest', () => {
  test('defaults, form fields and URL names', () => {
    expect(parseRequest({ script: '7', deploy: '1' })).toEqual({ request: { role: null, method: 'tba', profile: 'reporting', errorText: '', format: 'html' }, problems: [] });
    expect(parseRequest({ custpage_role: '1002', custpage_method: 'oauth2', custpage_profile: 'employee_provisioning' }).request)
      .toMatchObject({ role: 1002, method: 'oauth2', profile: 'employee_provisioning' });
    expect(parseRequest({ role: '1002', format: 'json' }).request).toMatchObject({ role: 1002, format: 'json' });
  });

  test('bad values and unknown parameters say what to use', () => {
    const { problems } = parseRequest({ role: "1 OR 1=1", method: 'basic', profile: 'everything', format: 'xml', colour: 'red' });
    expect(problems).toEqual([
      'Role "1 OR 1=1" is not a role\'s internal id: pick a role from the list, or pass its number (role=1001).',
      'Authentication method "basic" is unknown: use "tba" or "oauth2".',
      'Integration profile "everything" is unknown: use one of "reporting", "employee_provisioning", "bundle".',
      'Format "xml" is unknown: use format=json, or leave it out for the page.',
      'Parameter "colour" is not one this page takes (role, method, profile, error, format).',
    ]);
    expect(parseRequest({ role: '-4' }).problems).toHaveLength(1);
    expect(parseRequest({ error: 'x'.repeat(5000) }).problems[0]).toContain('paste at most 4000');
  });
});
