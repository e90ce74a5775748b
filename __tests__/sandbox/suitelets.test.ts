/**
 * Suitelets in the sandbox over plain HTTP: sign-in and roles, who may open a deployment (status, audience,
 * run-as role, without login), the request and response a script sees, error pages, and N/ui/serverWidget's
 * argument checks and escaping.
 */
import { bootSuiteletAccount, PEOPLE, SL, type Account } from '../helpers/suitelet-account';
import { jsonBody } from '../helpers/json-body';

/** What the fixture Suitelet's action=json answers: the request as the script saw it. */
interface EchoBody {
  method: string; parameters: Record<string, string>; body: string; contentType: string | null;
  user: number; role: number; executionContext: string; remaining: number;
}
/** action=validate: each argument check's SuiteScriptError by case (besides two strings, fieldType and enumValue). */
type ValidationBody = Record<string, { name: string; message: string; isSuiteScriptError: boolean }>;

let account: Account;
let dispose: () => Promise<void>;
let ada: string;
let hannah: string;

beforeAll(async () => {
  ({ account, dispose } = await bootSuiteletAccount());
  ada = account.signIn(PEOPLE.ada);
  hannah = account.signIn({ ...PEOPLE.hannah, role: 'customrole_el_hr' });
});
afterAll(async () => dispose?.());

const url = (deployment = 'customdeploy_el_fixture_sl', params: Record<string, string> = {}) => account.suiteletUrl(SL, deployment, params);
const get = (u: string, cookie?: string) => fetch(u, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const postForm = (u: string, form: Record<string, string>, cookie?: string) =>
  fetch(u, { method: 'POST', headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
const cookieOf = (res: Response) => (res.headers.get('set-cookie') || '').split(';')[0];
const LOGIN = '/app/login/secure/enterpriselogin.nl';

describe('sign-in', () => {
  test('a Suitelet without a session redirects to the login page, back to the Suitelet afterwards', async () => {
    const target = url();
    for (const res of [await get(target), await postForm(target, { custpage_role: '3' })]) {
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location')!, account.url);
      expect(location.pathname).toBe(LOGIN);
      expect(location.searchParams.get('redirect')).toBe(new URL(target).pathname + new URL(target).search);
    }
  });

  test('the login page signs in with email and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const target = new URL(url());
    const page = await (await get(`${account.url}${LOGIN}?redirect=${encodeURIComponent(target.pathname + target.search)}`)).text();
    expect(page).toMatch(/<input type="email" id="email" name="email"/);
    const res = await postForm(`${account.url}${LOGIN}?redirect=${encodeURIComponent(target.pathname + target.search)}`, PEOPLE.ada);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(target.pathname + target.search);
    const setCookie = res.headers.get('set-cookie') || '';
    expect(setCookie).toMatch(/^JSESSIONID=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Lax$/);
    const opened = await get(target.toString(), cookieOf(res));
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Access self-check');
  });

  test('a wrong password, an employee without Give Access and an inactive employee are refused', async () => {
    const wrong = await (await postForm(`${account.url}${LOGIN}`, { ...PEOPLE.ada, password: 'not-her-password' })).text();
    expect(wrong).toContain('You have entered an invalid email address or password. Please try again.');
    const noAccess = await postForm(`${account.url}${LOGIN}`, PEOPLE.oscar);
    expect(noAccess.headers.get('set-cookie')).toBeNull();
    expect(await noAccess.text()).toContain('You have entered an invalid email address or password.');
    const inactive = await (await postForm(`${account.url}${LOGIN}`, PEOPLE.ina)).text();
    expect(inactive).toContain('Your access to Wolfe Electronics (sandbox) has been deactivated. Please contact the company&#39;s administrator to re-activate your access.');
    expect(() => account.signIn(PEOPLE.ina)).toThrow(/has been deactivated/);
    expect(() => account.signIn({ ...PEOPLE.ada, password: 'x' })).toThrow(/invalid email address or password/);
  });

  test('a user with several roles chooses one, and only one of her own', async () => {
    const res = await postForm(`${account.url}${LOGIN}`, PEOPLE.hannah);
    expect(res.headers.get('location')).toBe('/app/center/myroles.nl');
    const cookie = cookieOf(res);
    // No role yet: a Suitelet sends her to the chooser first.
    expect((await get(url(), cookie)).headers.get('location')).toMatch(/^\/app\/center\/myroles\.nl\?redirect=/);
    const chooser = await (await get(`${account.url}/app/center/myroles.nl`, cookie)).text();
    expect(chooser).toContain('>HR Generalist</option>');
    expect(chooser).toContain('>Reporting Connector (no token login)</option>');
    expect(chooser).not.toContain('Administrator');
    const refused = await postForm(`${account.url}/app/center/myroles.nl`, { role: '3' }, cookie);
    expect(refused.status).toBe(403);
    expect((await get(url(), cookie)).status).toBe(302);
    const chosen = await postForm(`${account.url}/app/center/myroles.nl`, { role: '1003' }, cookie);
    expect(chosen.status).toBe(302);
    const json = await (await get(url('customdeploy_el_fixture_sl', { action: 'json' }), cookie)).json();
    expect(json).toMatchObject({ user: 5, role: 1003 });
    expect(() => account.signIn(PEOPLE.hannah)).toThrow(/several roles/);
    expect(() => account.signIn({ ...PEOPLE.hannah, role: 'administrator' })).toThrow(/does not have the role administrator/);
  });

  test('signing out ends the session', async () => {
    const cookie = account.signIn(PEOPLE.ada);
    const out = await get(`${account.url}/pages/nllogoutnoback.jsp`, cookie);
    expect(out.headers.get('set-cookie')).toMatch(/^JSESSIONID=; .*Max-Age=0/);
    expect((await get(url(), cookie)).status).toBe(302);
  });

  test('the index page links to sign-in, and once signed in lists the Suitelets the role may open', async () => {
    expect(await (await get(`${account.url}/`)).text()).toContain(`href="${LOGIN}"`);
    const forAda = await (await get(`${account.url}/`, ada)).text();
    const forHannah = await (await get(`${account.url}/`, hannah)).text();
    const path = (d: string) => new URL(url(d)).pathname + new URL(url(d)).search.replace(/&/g, '&amp;');
    expect(forAda).toContain(`href="${path('customdeploy_el_fixture_sl_admin')}"`);
    expect(forAda).toContain(`href="${path('customdeploy_el_fixture_sl_testing')}"`);
    expect(forAda).not.toContain('customdeploy_el_fixture_sl_undeployed');
    expect(forHannah).toContain(`href="${path('customdeploy_el_fixture_sl')}"`);
    expect(forHannah).not.toContain('customdeploy_el_fixture_sl_admin');
    expect(forHannah).not.toContain('customdeploy_el_fixture_sl_testing');
  });
});

describe('who may open a deployment', () => {
  const privileges = 'You do not have privileges to view this page.';

  test('a role outside a RELEASED deployment\'s audience gets the permission page', async () => {
    expect((await get(url(), hannah)).status).toBe(200);
    const res = await get(url('customdeploy_el_fixture_sl_admin'), hannah);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(privileges);
    expect((await get(url('customdeploy_el_fixture_sl_admin'), ada)).status).toBe(200);
  });

  test('a TESTING deployment runs for administrators only, whatever its audience', async () => {
    expect((await get(url('customdeploy_el_fixture_sl_testing'), ada)).status).toBe(200);
    const res = await get(url('customdeploy_el_fixture_sl_testing'), hannah);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(privileges);
  });

  test('a deployment that is not deployed, or an unknown id, is an invalid Suitelet', async () => {
    for (const u of [url('customdeploy_el_fixture_sl_undeployed'), `${account.url}/app/site/hosting/scriptlet.nl?script=99999&deploy=1`]) {
      const res = await get(u, ada);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).toContain('SSS_INVALID_SCRIPTLET_ID');
      expect(text).toContain('That Suitelet is invalid, disabled, or no longer exists.');
    }
  });

  test('script and deploy take script ids as well as internal ids', async () => {
    const res = await get(`${account.url}/app/site/hosting/scriptlet.nl?script=${SL}&deploy=customdeploy_el_fixture_sl&action=json`, ada);
    expect(res.status).toBe(200);
    expect(new URL(url()).searchParams.get('script')).toMatch(/^\d+$/);
  });

  test('the signed-in user runs it with the deployment\'s run-as role when it sets one', async () => {
    expect(await (await get(url('customdeploy_el_fixture_sl', { action: 'json' }), ada)).json()).toMatchObject({ user: 1, role: 3 });
    expect(await (await get(url('customdeploy_el_fixture_sl_runas', { action: 'json' }), ada)).json()).toMatchObject({ user: 1, role: 1003 });
  });

  test('a deployment available without login runs for a visitor without a session', async () => {
    const res = await get(url('customdeploy_el_fixture_sl_online', { action: 'json' }));
    expect(res.status).toBe(200);
    expect((await jsonBody<EchoBody>(res)).executionContext).toBe('SUITELET');
  });
});

describe('request and response', () => {
  test('a script that sets Content-Type application/json gets exactly that, with the request as NetSuite gives it', async () => {
    const res = await postForm(url('customdeploy_el_fixture_sl', { action: 'json' }), { custpage_role: '3', multi: 'a' }, ada);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await jsonBody<EchoBody>(res);
    expect(body).toMatchObject({ method: 'POST', executionContext: 'SUITELET', remaining: 1000, contentType: 'application/x-www-form-urlencoded' });
    expect(body.parameters).toMatchObject({ action: 'json', custpage_role: '3', multi: 'a' });
    const withJson = await fetch(url('customdeploy_el_fixture_sl', { action: 'json' }), { method: 'POST', headers: { cookie: ada, 'content-type': 'application/json' }, body: '{"a":1}' });
    expect((await jsonBody<EchoBody>(withJson)).body).toBe('{"a":1}');
  });

  test('a repeated parameter (a multi-select) arrives joined with \\u0005', async () => {
    const res = await fetch(url('customdeploy_el_fixture_sl', { action: 'json' }), { method: 'POST', headers: { cookie: ada, 'content-type': 'application/x-www-form-urlencoded' }, body: 'm=1&m=2' });
    expect((await jsonBody<EchoBody>(res)).parameters.m).toBe('1\u00052');
  });

  test('a page without a content type is HTML', async () => {
    const res = await get(url(), ada);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
  });

  test('sendRedirect to a Suitelet answers 302 with its URL and parameters', async () => {
    const res = await get(url('customdeploy_el_fixture_sl', { action: 'redirect' }), ada);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(new URL(url('customdeploy_el_fixture_sl', { action: 'json', from: 'redirect' })).pathname
      + new URL(url('customdeploy_el_fixture_sl', { action: 'json', from: 'redirect' })).search);
  });

  test('an uncaught error gives an error page with its code and escaped message, and no stack trace', async () => {
    const boom = await get(url('customdeploy_el_fixture_sl', { action: 'throw' }), ada);
    expect(boom.status).toBe(500);
    const page = await boom.text();
    expect(page).toContain('<b id="errorcode">FIXTURE_BOOM</b>');
    expect(page).toContain('Bad &lt;b&gt;input&lt;/b&gt; &amp; worse');
    const typeError = await (await get(url('customdeploy_el_fixture_sl', { action: 'typeerror' }), ada)).text();
    expect(typeError).toContain('<b id="errorcode">TypeError</b>');
    for (const p of [page, typeError]) {
      expect(p).not.toMatch(/fixture_sl\.js|\bat onRequest\b|\n\s+at /);
    }
    const logged = account.invocations({ script: SL }).filter((i) => i.error);
    expect(logged.map((i) => i.error)).toEqual(expect.arrayContaining([expect.stringMatching(/^FIXTURE_BOOM: /)]));
  });
});

describe('N/ui/serverWidget', () => {
  test('arguments are checked as NetSuite documents them', async () => {
    const r = await jsonBody<ValidationBody>(await get(url('customdeploy_el_fixture_sl', { action: 'validate' }), ada));
    for (const k of ['createFormNoTitle', 'addFieldNoType', 'addFieldNoId', 'addSublistNoType']) expect(r[k].name).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(r.addFieldNoType.message).toMatch(/Missing a required argument: type/);
    for (const k of ['addFieldBadType', 'addFieldDatetime', 'updateDisplayTypeBad', 'setHelpTextNotString', 'sublistRichText']) expect(r[k].name).toBe('SSS_INVALID_TYPE_ARG');
    for (const k of ['addFieldBadId', 'addFieldDuplicate', 'addFieldUnknownContainer']) expect(r[k].name).toBe('INVALID_ID');
    expect(r.addSelectOptionOnText.name).toBe('SSS_INVALID_API_USAGE');
    expect(r.unsupportedMember).toMatchObject({ name: 'SSS_SANDBOX_UNSUPPORTED', message: expect.stringContaining('addCredentialField') });
    expect(Object.values(r).filter((v) => typeof v === 'object').every((v) => v.isSuiteScriptError)).toBe(true);
    expect(r).toMatchObject({ fieldType: 'text', enumValue: 'TEXT' });
  });

  test('a form renders with fields named by their ids, groups, hidden and inline fields, raw inline HTML and sublists', async () => {
    const page = await (await get(url(), ada)).text();
    expect(page).toContain('<form id="main_form" method="POST" action="/app/site/hosting/scriptlet.nl?script=');
    expect(page).toContain('<input type="submit" class="ns-btn ns-btn-primary" id="submitter" name="submitter" value="Check">');
    expect(page).toMatch(/<fieldset class="ns-group" id="custpage_grp_who"><legend>Who<\/legend>.*<select id="custpage_role" name="custpage_role" required/s);
    expect(page).toContain('<label for="custpage_role" title="The role to check.">Role<span class="ns-req" title="Required">*</span></label>');
    expect(page).toContain('<option value="1003">HR Generalist</option>');
    expect(page).toContain('<input type="hidden" id="custpage_token" name="custpage_token" value="hidden-value">');
    expect(page).toContain('<span class="ns-inline" id="custpage_user_display">Ada Admin</span>');
    expect(page).toContain('<p id="raw-html">Raw <b>HTML</b></p>');
    expect(page).toMatch(/<section class="ns-tab" id="custpage_tab_perm"><h2>Permissions<\/h2>.*<th[^>]*>Permission<\/th><th[^>]*>Has it<\/th>/s);
    // Sublist text values are HTML, as in NetSuite: the script escapes what it puts there.
    expect(page).toContain('<td>Log in using <b>Access Tokens</b></td>');
  });

  test('titles, labels, option texts and values are escaped', async () => {
    const page = await (await get(url('customdeploy_el_fixture_sl', { action: 'xss' }), ada)).text();
    expect(page).not.toMatch(/<script>window\.pwned/);
    expect(page).toContain('&lt;script&gt;window.pwned=2&lt;/script&gt; Label');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;window.pwned=3&lt;/script&gt;"');
  });
});
