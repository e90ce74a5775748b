/**
 * The self-check as a RESTlet, as a monitoring tool meets it: a TBA-signed GET (the signature covers the
 * script and deploy query parameters) gets the same report the Suitelet's format=json gives; roles outside
 * the audience, bad signatures and bad parameters get NetSuite's RESTlet errors. A fixture RESTlet
 * (__tests__/fixtures/restlet-overlay) covers the host: POST bodies, return formats, uncaught errors.
 *
 * The demo account has tokens only for Ivan's integration roles; this test's account adds an Administrator
 * token for Ada and a monitoring role with its own user and tokens.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO, tbaHeader } from '../helpers/rest-client';
import type { TbaCredentials } from '../helpers/rest-client';
import { bootTempAccount, type Account } from '../helpers/temp-account';
import { jsonBody } from '../helpers/json-body';
import type { JsonReport } from '../../src/access/report-json';

import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import * as YAML from 'yaml';

const RL = 'customscript_el_access_selfcheck_rl';
const MONITOR_RL = 'customscript_el_fixture_selfcheck_rl';
const FIXTURE_RL = 'customscript_el_fixture_rl';
const CONSUMER = { realm: DEMO.integration.realm, consumerKey: DEMO.integration.consumerKey, consumerSecret: DEMO.integration.consumerSecret };
const ADA: TbaCredentials = { ...CONSUMER, tokenId: 'test-token-id-ada-admin', tokenSecret: 'test-token-secret-ada-admin' };
const MONA: TbaCredentials = { ...CONSUMER, tokenId: 'test-token-id-mona-monitor', tokenSecret: 'test-token-secret-mona-monitor' };
const MONA_BEARER = 'test-oauth2-access-token-mona';
const REPORT_QUERY = { role: 1002, method: 'tba', profile: 'reporting', format: 'json' };

let account: Account;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.roles.push({
    id: 1004, scriptid: 'customrole_el_monitoring', name: 'Integration Monitoring',
    // Log in with tokens, and read roles, tokens, their owners and the Login Audit Trail so the report covers another role (sandbox/src/runtime/table-access.ts).
    permissions: { ADMI_LOGIN_OAUTH: 'FULL', ADMI_LOGIN_OAUTH2: 'FULL', ADMI_MANAGEROLES: 'VIEW', ADMI_MANAGE_OAUTH_TOKENS: 'VIEW', LIST_EMPLOYEE: 'VIEW', ADMI_AUDITLOGIN: 'VIEW' },
  });
  data.employees.push({ id: 8, firstName: 'Mona', lastName: 'Monitor', email: 'mona.monitor@example.com', giveAccess: true, subsidiary: 1, roles: ['customrole_el_monitoring'] });
  data.tokens.push(
    { id: 4, name: 'Monitoring - Ada (Administrator)', user: 1, role: 'administrator', integration: 1, tokenId: ADA.tokenId, tokenSecret: ADA.tokenSecret },
    { id: 5, name: 'Monitoring - Mona', user: 8, role: 'customrole_el_monitoring', integration: 1, tokenId: MONA.tokenId, tokenSecret: MONA.tokenSecret },
    { id: 6, kind: 'oauth2', name: 'Monitoring - Mona (OAuth 2.0)', user: 8, role: 'customrole_el_monitoring', integration: 1, accessToken: MONA_BEARER },
  );
  ({ account, dispose } = await bootTempAccount('selfcheck-restlet', { account: data, overlays: [path.join(__dirname, '..', 'fixtures', 'restlet-overlay')], port: 0 }));
});

afterAll(async () => {
  await dispose?.();
});

interface Answer { status: number; contentType: string; text: string; json: () => any }

async function restlet(auth: string, method: string, url: string, init: { body?: string; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: auth };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const res = await fetch(url, { method, headers, body: init.body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}

/** A monitoring tool's call: TBA over the whole URL, query included, asking for JSON as NetSuite requires. */
const signed = (creds: TbaCredentials, method: string, url: string, init: { body?: string; contentType?: string } = { contentType: 'application/json' }) =>
  restlet(tbaHeader(creds, method, url), method, url, init);

test('a monitor gets the same report over TBA (and OAuth 2.0) as the Suitelet gives as JSON', async () => {
  const cookie = account.signIn({ email: 'ada.admin@example.com', password: 'Sandbox-Admin-1', role: 3 });
  const suitelet = await jsonBody<JsonReport>(await fetch(account.suiteletUrl('customscript_el_access_selfcheck_sl', null, REPORT_QUERY), { headers: { cookie } }));
  expect(suitelet.role).toEqual({ id: 1002, name: 'Reporting Connector (no token login)' });
  expect(suitelet.counts.fail).toBe(1);

  const admin = await signed(ADA, 'GET', account.restletUrl(RL, null, REPORT_QUERY));
  expect(admin.status).toBe(200);
  expect(admin.contentType).toMatch(/^application\/json/);
  expect(admin.json()).toEqual(suitelet);

  const monitor = await signed(MONA, 'GET', account.restletUrl(MONITOR_RL, null, REPORT_QUERY));
  expect(monitor.status).toBe(200);
  expect(monitor.json()).toEqual(suitelet);
  const bearer = await restlet(`Bearer ${MONA_BEARER}`, 'GET', account.restletUrl(MONITOR_RL, null, REPORT_QUERY), { contentType: 'application/json' });
  expect(bearer.json()).toEqual(suitelet);

  const run = account.invocations({ script: MONITOR_RL }).at(-1);
  expect(run).toMatchObject({ entry: 'get', context: 'RESTLET', user: 8, role: 1004, error: null });
});

test('refusals: outside the audience, a bad or query-less signature, a Web Services Only role, an unknown deployment', async () => {
  const url = account.restletUrl(RL, null, REPORT_QUERY);
  const outside = await signed(MONA, 'GET', url);
  expect(outside.status).toBe(403);
  expect(outside.json().error.code).toBe('INSUFFICIENT_PERMISSION');

  const invalidLogin = { error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' } };
  const badSecret = await signed({ ...ADA, tokenSecret: 'not-the-secret' }, 'GET', url);
  expect(badSecret.status).toBe(401);
  expect(badSecret.json()).toEqual(invalidLogin);
  // Signed over the URL without its query: NetSuite's base string includes script, deploy and the rest.
  const withoutQuery = await restlet(tbaHeader(ADA, 'GET', url.split('?')[0]), 'GET', url, { contentType: 'application/json' });
  expect(withoutQuery.status).toBe(401);
  expect(withoutQuery.json()).toEqual(invalidLogin);

  const webServicesOnly = await signed(DEMO.integration, 'GET', url);
  expect(webServicesOnly.status).toBe(401);
  expect(webServicesOnly.json().error.code).toBe('INVALID_LOGIN_CREDENTIALS');

  const unknown = await signed(ADA, 'GET', `${account.url}/app/site/hosting/restlet.nl?script=${RL}&deploy=customdeploy_el_nope`);
  expect(unknown.status).toBe(404);
  expect(unknown.json().error.code).toBe('SSS_INVALID_SCRIPTLET_ID');
});

test('bad parameters answer 400 with the RESTlet error shape', async () => {
  const bad = await signed(ADA, 'GET', account.restletUrl(RL, null, { role: 'abc', method: 'basic' }));
  expect(bad.status).toBe(400);
  expect(bad.json()).toEqual({ error: {
    code: 'INVALID_PARAMETER',
    message: 'Role "abc" is not a role\'s internal id: pick a role from the list, or pass its number (role=1001). Authentication method "basic" is unknown: use "tba" or "oauth2".',
  } });
  const unknownRole = await signed(ADA, 'GET', account.restletUrl(RL, null, { role: 424242 }));
  expect(unknownRole.json()).toEqual({ error: { code: 'INVALID_PARAMETER', message: 'There is no role with internal id 424242: pick one from the list.' } });
});

test('the host: an uncaught error is 400 with code and message only; POST bodies; return formats; methods', async () => {
  const thrown = await signed(ADA, 'GET', account.restletUrl(FIXTURE_RL, null, { action: 'throw' }));
  expect(thrown.status).toBe(400);
  expect(thrown.json()).toEqual({ error: { code: 'FIXTURE_FAILED', message: 'The fixture failed on purpose.' } });
  expect(thrown.text).not.toMatch(/fixture_rl\.js|\bat \w/);

  const postUrl = account.restletUrl(FIXTURE_RL);
  const posted = await signed(ADA, 'POST', postUrl, { body: JSON.stringify({ ids: [1, 2], note: 'x' }), contentType: 'application/json' });
  expect(posted.json()).toEqual({ received: { ids: [1, 2], note: 'x' }, type: 'object', executionContext: 'RESTLET', user: 1, role: 3, remainingUsage: 5000 });
  const raw = await signed(ADA, 'POST', postUrl, { body: 'plain words', contentType: 'text/plain' });
  expect(raw.status).toBe(400);
  expect(raw.json().error.code).toBe('INVALID_RETURN_DATA_FORMAT');

  const deleted = await signed(ADA, 'DELETE', account.restletUrl(FIXTURE_RL, null, { id: '7' }));
  expect(deleted.json()).toMatchObject({ executionContext: 'RESTLET' });
  expect(deleted.json().deleted).toEqual({ id: '7' });

  const text = await signed(ADA, 'GET', account.restletUrl(FIXTURE_RL, null, { action: 'string' }), {});
  expect(text).toMatchObject({ status: 200, text: 'pong' });
  expect(text.contentType).toMatch(/^text\/plain/);
  const jsonString = await signed(ADA, 'GET', account.restletUrl(FIXTURE_RL, null, { action: 'string' }));
  expect(jsonString.text).toBe('pong');

  const noPut = await signed(ADA, 'PUT', postUrl, { body: '{}', contentType: 'application/json' });
  expect(noPut.status).toBe(405);
  expect(noPut.json().error.code).toBe('METHOD_NOT_ALLOWED');
  const badJson = await signed(ADA, 'POST', postUrl, { body: '{not json', contentType: 'application/json' });
  expect(badJson.status).toBe(400);
  expect(badJson.json().error.code).toBe('SYNTAX_ERROR');
});
