/**
 * OAuth 2.0 client credentials (M2M) as NetSuite runs it (Oracle section_162755359851, section_162790605110,
 * section_162686838198): a published client (`jose`) signs the JWT assertion with the key of a mapped
 * certificate, the token endpoint answers over real HTTP with a bearer token for 60 minutes of account time,
 * and REST web services and RESTlets take it as the scope allows. Each refusal gets its RFC 6749 error (or the
 * surface's 401) and a Login Audit Trail row with its Detail code (FIDELITY.md, OAuth 2.0 client credentials).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { SignJWT, exportSPKI, generateKeyPair, importPKCS8, type KeyLike } from 'jose';
import { DEMO_ACCOUNT, DEMO_M2M } from '@employee-lifecycle/sandbox';
import { loadAccount, type ClientCredentialsEntry, type IntegrationEntry } from '@employee-lifecycle/sandbox/storage/account-file';
import { openDatabase } from '@employee-lifecycle/sandbox/storage/db';
import { bootTempAccount, type Account } from '../helpers/temp-account';
import { DEMO } from '../helpers/rest-client';

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const CLIENT_ID = 'demo-consumer-key-employee-sync-0001';
const SECOND_ID = 'test-client-id-second-app';
const RL = 'customscript_el_access_selfcheck_rl';
const RL_QUERY = { role: 1002, method: 'tba', profile: 'reporting', format: 'json' };

let account: Account;
let dispose: () => Promise<void>;
const keys: Record<string, { privateKey: KeyLike; alg: string }> = {};

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  const pairs = { ada: 'ES256', mia: 'ES384', second: 'ES256', short: 'ES512' } as const;
  const spki: Record<string, string> = {};
  for (const [name, alg] of Object.entries(pairs)) {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    keys[name] = { privateKey, alg };
    spki[name] = await exportSPKI(publicKey);
  }
  keys.demo = { privateKey: await importPKCS8(fs.readFileSync(DEMO_M2M.privateKey, 'utf8'), 'PS256'), alg: 'PS256' };
  data.roles.push({ id: 1010, scriptid: 'customrole_el_m2m', name: 'M2M Client',
    permissions: { ADMI_RESTWEBSERVICES: 'FULL', ADMI_LOGIN_OAUTH2: 'FULL', REPO_ANALYTICS: 'EDIT', LIST_EMPLOYEE: 'VIEW' } });
  data.employees.push({ id: 7, firstName: 'Mia', lastName: 'Machine', email: 'mia.machine@example.com', giveAccess: true, subsidiary: 1, roles: ['customrole_el_m2m'] });
  data.integrations.push({ id: 2, name: 'Second App', consumerKey: SECOND_ID, consumerSecret: 'test-client-secret-second-app', clientCredentials: true, scopes: ['rest_webservices'] });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  data.clientCredentials.push(
    { certificateId: 'test-cert-ada', entity: 1, role: 'administrator', integration: 1, certificate: spki.ada },
    { certificateId: 'test-cert-mia', entity: 7, role: 'customrole_el_m2m', integration: 1, certificate: spki.mia },
    { certificateId: 'test-cert-second', entity: 7, role: 'customrole_el_m2m', integration: 2, certificate: spki.second },
    { certificateId: 'test-cert-short', entity: 1, role: 'administrator', integration: 2, certificate: spki.short, validUntil: tomorrow },
  );
  ({ account, dispose } = await bootTempAccount('oauth2-cc', { account: data, port: 0 }));
});
afterAll(() => dispose());
afterEach(() => account.clock.reset());

const KIDS: Record<string, string> = { demo: DEMO_M2M.certificateId, ada: 'test-cert-ada', mia: 'test-cert-mia', second: 'test-cert-second', short: 'test-cert-short' };

/** A client's assertion, signed by jose; each claim can be changed. */
async function assertion(who: string, o: { scope?: unknown; iss?: string; aud?: string; iat?: number; exp?: number; kid?: string; alg?: string; key?: KeyLike } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: o.scope ?? ['rest_webservices'] })
    .setProtectedHeader({ typ: 'JWT', alg: o.alg ?? keys[who].alg, kid: o.kid ?? KIDS[who] })
    .setIssuer(o.iss ?? (who === 'second' || who === 'short' ? SECOND_ID : CLIENT_ID))
    .setAudience(o.aud ?? `${account.url}${TOKEN_PATH}`)
    .setIssuedAt(o.iat ?? now)
    .setExpirationTime(o.exp ?? now + 300)
    .sign(o.key ?? keys[who].privateKey);
}

interface Answer { status: number; headers: Headers; body: any }
async function post(form: Record<string, string> | string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${account.url}${TOKEN_PATH}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof form === 'string' ? form : new URLSearchParams(form),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
const tokenRequest = (jwt: string) => post({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt });
async function token(who: string, o: Parameters<typeof assertion>[1] = {}): Promise<string> {
  const r = await tokenRequest(await assertion(who, o));
  expect([who, r.status, r.body]).toEqual([who, 200, { access_token: expect.any(String), token_type: 'bearer', expires_in: 3600 }]);
  return r.body.access_token;
}

async function rest(bearer: string, path = '/services/rest/record/v1/employee/3'): Promise<Answer> {
  const res = await fetch(`${account.url}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
async function restlet(bearer: string): Promise<Answer> {
  const res = await fetch(account.restletUrl(RL, null, RL_QUERY), { headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' } });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const lastAuditId = (): number => Number(account.query('SELECT MAX(id) AS n FROM loginaudit')[0].n ?? 0);
/** The Login Audit Trail rows since an id, as SuiteQL reads them. */
const auditSince = (id: number) => account.query(`SELECT status, user, role, requesturi, oauthappname, detail FROM LoginAudit WHERE id > ? ORDER BY id`, [id]);

/** A token endpoint refusal: its status, its RFC 6749 error, and one Failure row with the Detail code. */
async function refused(jwt: Promise<string> | string, status: number, error: string, detail: string, who: { user?: number | null; role?: number | null } = {}) {
  const before = lastAuditId();
  const r = await tokenRequest(await jwt);
  expect([r.status, r.body]).toEqual([status, { error }]);
  expect(auditSince(before)).toEqual([expect.objectContaining({ status: 'Failure', detail, requesturi: TOKEN_PATH, ...who })]);
  return r;
}
/** A REST or RESTlet refusal of a bearer: 401 and one Failure row with the Detail code. */
async function refusedAt(surface: 'rest' | 'restlet', bearer: string, detail: string) {
  const before = lastAuditId();
  const r = surface === 'rest' ? await rest(bearer) : await restlet(bearer);
  expect(r.status).toBe(401);
  if (surface === 'rest') expect(r.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
  else expect(r.body.error.code).toBe('INVALID_LOGIN_ATTEMPT');
  expect(auditSince(before)).toEqual([expect.objectContaining({ status: 'Failure', detail })]);
}

test('the demo mapping: jose signs PS256 with the demo key, the token endpoint answers, REST and SuiteQL take the token', async () => {
  const before = lastAuditId();
  const r = await tokenRequest(await assertion('demo', { scope: 'rest_webservices,restlets' }));
  expect(r.status).toBe(200);
  expect(r.headers.get('cache-control')).toBe('no-store');
  expect(r.body).toEqual({ access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), token_type: 'bearer', expires_in: 3600 });
  // NetSuite's access token is a JWT (section_158255317571): sub role;entity, the scopes, iss, 60 minutes.
  const claims = JSON.parse(Buffer.from(r.body.access_token.split('.')[1], 'base64url').toString());
  expect(claims).toMatchObject({ sub: '1001;2', scope: ['rest_webservices', 'restlets'], iss: 'https://system.netsuite.com' });
  expect(claims.exp - claims.iat).toBe(3600);

  const employee = await rest(r.body.access_token);
  expect([employee.status, employee.body.firstName]).toEqual([200, 'Grace']);
  const res = await fetch(`${account.url}/services/rest/query/v1/suiteql`, {
    method: 'POST', body: JSON.stringify({ q: 'SELECT id FROM employee WHERE id = 3' }),
    headers: { Authorization: `Bearer ${r.body.access_token}`, 'Content-Type': 'application/json', Prefer: 'transient' },
  });
  expect(res.status).toBe(200);
  expect(auditSince(before)).toEqual([
    { status: 'Success', user: 2, role: 1001, requesturi: TOKEN_PATH, oauthappname: 'Employee Sync', detail: null },
    { status: 'Success', user: 2, role: 1001, requesturi: '/services/rest/record/v1/employee/3', oauthappname: 'Employee Sync', detail: null },
    { status: 'Success', user: 2, role: 1001, requesturi: '/services/rest/query/v1/suiteql', oauthappname: 'Employee Sync', detail: null },
  ]);
});

test('the scope decides the surface: rest_webservices for REST, restlets for RESTlets (ScopeMismatched)', async () => {
  const restOnly = await token('ada', { scope: ['rest_webservices'] });
  const restletsOnly = await token('ada', { scope: 'restlets' });
  expect((await restlet(restletsOnly)).status).toBe(200);
  expect((await rest(restOnly)).status).toBe(200);
  await refusedAt('restlet', restOnly, 'ScopeMismatched');
  await refusedAt('rest', restletsOnly, 'ScopeMismatched');
  // A scope taken off the integration refuses the tokens that have it from their next request.
  account.integrations.update(1, { scopes: ['restlets'] });
  try {
    await refusedAt('rest', restOnly, 'ScopeMismatched');
  } finally {
    account.integrations.update(1, { scopes: ['rest_webservices', 'restlets'] });
  }
});

test('scopes the integration lacks, unknown or none: invalid_scope', async () => {
  await refused(assertion('second', { scope: ['restlets'] }), 400, 'invalid_scope', 'ScopeMismatched', { user: 7, role: 1010 });
  await refused(assertion('ada', { scope: 'suite_analytics' }), 400, 'invalid_scope', 'ScopeMismatched');
  await refused(assertion('ada', { scope: ['mcp'] }), 400, 'invalid_scope', 'InvalidScope');
  await refused(assertion('ada', { scope: [] }), 400, 'invalid_scope', 'InvalidScope');
});

test('a Blocked integration: no token (invalid_client), and its tokens are refused (InvalidIntegration)', async () => {
  const issued = await token('second');
  account.integrations.update(2, { state: 'Blocked' });
  try {
    const r = await refused(assertion('second'), 401, 'invalid_client', 'InvalidIntegration', { user: 7, role: 1010 });
    expect(r.headers.get('www-authenticate')).toBe('Basic realm="TSTDRV1234567"');
    await refusedAt('rest', issued, 'InvalidIntegration');
  } finally {
    account.integrations.update(2, { state: 'Enabled' });
  }
  expect((await rest(issued)).status).toBe(200);
});

test('client credentials off on the integration: unauthorized_client, and its tokens are refused', async () => {
  const issued = await token('second');
  account.integrations.update(2, { clientCredentials: false });
  try {
    await refused(assertion('second'), 400, 'unauthorized_client', 'InvalidIntegration');
    await refusedAt('rest', issued, 'InvalidIntegration');
  } finally {
    account.integrations.update(2, { clientCredentials: true });
  }
});

test('an inactive entity, a role taken away or a role without ADMI_LOGIN_OAUTH2: invalid_grant (EntityOrRoleDisabled)', async () => {
  const issued = await token('mia');
  await account.records.update('employee', 7, { isinactive: true });
  await refused(assertion('mia'), 400, 'invalid_grant', 'EntityOrRoleDisabled', { user: 7, role: 1010 });
  await refusedAt('rest', issued, 'EntityOrRoleDisabled');
  await account.records.update('employee', 7, { isinactive: false });
  expect((await rest(issued)).status).toBe(200);
  await account.records.update('employee', 7, {}, { lines: { roles: [] } });
  await refused(assertion('mia'), 400, 'invalid_grant', 'EntityOrRoleDisabled');
  await refusedAt('rest', issued, 'EntityOrRoleDisabled');
  await account.records.update('employee', 7, {}, { lines: { roles: [{ selectedrole: 1010 }] } });
  expect((await rest(issued)).status).toBe(200);

  account.roles.setPermission(1010, 'ADMI_LOGIN_OAUTH2', 'NONE');
  try {
    await refused(assertion('mia'), 400, 'invalid_grant', 'EntityOrRoleDisabled');
    // REST keeps NetSuite's answer to a role without its log-in permission: 400 USER_ERROR (article_5085602973).
    const before = lastAuditId();
    const r = await rest(issued);
    expect([r.status, r.body['o:errorDetails'][0]['o:errorCode']]).toEqual([400, 'USER_ERROR']);
    expect(auditSince(before)).toEqual([expect.objectContaining({ status: 'Failure', detail: 'EntityOrRoleDisabled', user: 7 })]);
  } finally {
    account.roles.setPermission(1010, 'ADMI_LOGIN_OAUTH2', 'FULL');
  }
});

test('the access token expires after 60 minutes of account time; a new assertion gets a new one', async () => {
  const issued = await token('ada');
  account.clock.advance('59m');
  expect((await rest(issued)).status).toBe(200);
  account.clock.advance('2m');
  await refusedAt('rest', issued, 'AccessTokenExpired');
  const again = await token('ada');
  expect((await rest(again)).status).toBe(200);
  // A token the account file declares is already issued and does not expire.
  account.clock.advance('2d');
  expect((await rest(DEMO.bearer)).status).toBe(200);
});

test('an expired or revoked certificate: invalid_grant', async () => {
  expect((await rest(await token('short'))).status).toBe(200);
  account.clock.advance('2d');
  await refused(assertion('short'), 400, 'invalid_grant', 'ClientAuthenticationFailed', { user: 1, role: 3 });
  account.clock.reset();
  account.integrations.revokeCertificate('test-cert-short');
  await refused(assertion('short'), 400, 'invalid_grant', 'ClientAuthenticationFailed');
});

test('an assertion that does not authenticate the client: invalid_client (401)', async () => {
  const now = Math.floor(Date.now() / 1000);
  const stranger = (await generateKeyPair('ES256')).privateKey;
  await refused(assertion('ada', { key: stranger }), 401, 'invalid_client', 'InvalidSignature', { user: 1, role: 3 });
  await refused(assertion('ada', { kid: 'no-such-certificate' }), 401, 'invalid_client', 'ClientAuthenticationFailed', { user: null, role: null });
  await refused(assertion('ada', { iss: SECOND_ID }), 401, 'invalid_client', 'InvalidIntegration');
  await refused(assertion('ada', { aud: 'https://tstdrv1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token' }), 401, 'invalid_client', 'ClientAuthenticationFailed');
  await refused(assertion('ada', { iat: now, exp: now + 3601 }), 401, 'invalid_client', 'ClientAuthenticationFailed');
  await refused(assertion('ada', { iat: now - 600, exp: now - 300 }), 401, 'invalid_client', 'ClientAuthenticationFailed');
  // Only PS256 … ES512 (section_162790605110): an RS256 signature by the right key is refused.
  const rsa = await importPKCS8(fs.readFileSync(DEMO_M2M.privateKey, 'utf8'), 'RS256');
  await refused(assertion('demo', { alg: 'RS256', key: rsa }), 401, 'invalid_client', 'ClientAuthenticationFailed');
  // Exactly 60 minutes is allowed, as in Oracle's own sample request.
  await token('ada', { iat: now, exp: now + 3600 });
});

test('malformed token requests: invalid_request in RFC 6749 JSON, never a 500', async () => {
  const jwt = await assertion('ada');
  const form = { grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt };
  const get = await fetch(`${account.url}${TOKEN_PATH}`);
  expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([405, 'POST', { error: 'invalid_request' }]);
  const json = await fetch(`${account.url}${TOKEN_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(form) });
  expect([json.status, await json.json()]).toEqual([400, { error: 'invalid_request' }]);
  const cases: Array<[Record<string, string> | string, number, string]> = [
    [{ ...form, grant_type: '' }, 400, 'invalid_request'],
    [{ ...form, grant_type: 'password' }, 400, 'invalid_request'],
    [{ ...form, grant_type: 'refresh_token' }, 400, 'unsupported_grant_type'],
    [{ ...form, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' }, 400, 'invalid_request'],
    [{ grant_type: form.grant_type, client_assertion_type: form.client_assertion_type }, 400, 'invalid_request'],
    [`${new URLSearchParams(form).toString()}&grant_type=client_credentials`, 400, 'invalid_request'],
    [{ ...form, client_assertion: 'not.a-jwt' }, 401, 'invalid_client'],
    [{ ...form, client_assertion: `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.` }, 401, 'invalid_client'],
    [{ ...form, client_assertion: 'x'.repeat(20_000) }, 413, 'invalid_request'],
  ];
  for (const [body, status, error] of cases) {
    const r = await post(body);
    expect([JSON.stringify(body).slice(0, 80), r.status, r.body]).toEqual([JSON.stringify(body).slice(0, 80), status, { error }]);
  }
  // Two ways of client authentication at once (subsect_161252460252).
  const both = await post(form, { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
  expect([both.status, both.body]).toEqual([400, { error: 'invalid_request' }]);
  expect((await rest(await token('ada'))).status).toBe(200);
});

test('an access token changed after it was issued, or made up, is refused (InvalidSignature)', async () => {
  const [h, p, s] = (await token('ada')).split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: '3;2' })).toString('base64url')}.${s}`;
  await refusedAt('rest', forged, 'InvalidSignature');
  await refusedAt('rest', 'a.b.c', 'InvalidSignature');
  await refusedAt('rest', 'no-such-opaque-token', 'InvalidSignature');
});

describe('account files: integration records and client credentials mappings', () => {
  const base = () => ({
    roles: [{ id: 1010, scriptid: 'customrole_el_m2m', name: 'M2M Client' }],
    employees: [{ id: 7, firstName: 'Mia', lastName: 'Machine', giveAccess: true, roles: ['customrole_el_m2m'] }],
    integrations: [{ id: 1, name: 'Old App', consumerKey: 'ck-old', consumerSecret: 'cs-old', oauth2: true },
      { id: 2, name: 'M2M App', consumerKey: 'ck-m2m', consumerSecret: 'cs-m2m', clientCredentials: true, scopes: ['restlets'] }] as IntegrationEntry[],
    clientCredentials: [] as ClientCredentialsEntry[],
  });
  const load = (file: ReturnType<typeof base>) => {
    const db = openDatabase(':memory:');
    try {
      loadAccount(db, file, { types: {}, nowIso: '2026-03-01T00:00:00.000Z' });
      return { integrations: db.prepare('SELECT * FROM integration ORDER BY id').all(), mappings: db.prepare('SELECT certificate_id, key_type, valid_until FROM sb_oauth2_certificate').all() };
    } finally {
      db.close();
    }
  };
  const ec = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

  test('an integration that says oauth2: true keeps loading: the authorization code grant and the REST and RESTlets scopes', () => {
    expect(load(base()).integrations).toEqual([
      expect.objectContaining({ state: 'Enabled', tokenbasedauth: 'T', oauth2: 'T', authcodegrant: 'T', clientcredentials: 'F', scoperestwebservices: 'T', scoperestlets: 'T', scopesuiteanalytics: 'F' }),
      expect.objectContaining({ oauth2: 'T', authcodegrant: 'F', clientcredentials: 'T', scoperestwebservices: 'F', scoperestlets: 'T' }),
    ]);
  });

  test('a mapping is checked as NetSuite checks the upload: the grant, the key, one certificate per combination, two years at most', () => {
    const file = base();
    const key = ec();
    file.clientCredentials.push({ certificateId: 'c1', entity: 7, role: 'customrole_el_m2m', integration: 2, certificate: key, validUntil: '2031-01-01' });
    expect(load(file).mappings).toEqual([{ certificate_id: 'c1', key_type: 'ec-256', valid_until: '2028-03-01T00:00:00.000Z' }]);
    const refusal = (change: Record<string, unknown>) => {
      const f = base();
      f.clientCredentials.push({ entity: 7, role: 'customrole_el_m2m', integration: 2, certificate: ec(), ...change });
      return () => load(f);
    };
    expect(refusal({ integration: 1 })).toThrow(/integration 1 does not have the client credentials grant/);
    expect(refusal({ role: 'administrator' })).toThrow(/unknown role administrator/);
    const rsa2048 = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(refusal({ certificate: rsa2048 })).toThrow(/an RSA key of 2048 bits is not taken: NetSuite takes RSA keys of 3072 or 4096 bits/);
    expect(refusal({ certificate: 'not a PEM' })).toThrow(/is a PEM text/);
    const twice = base();
    twice.clientCredentials.push({ entity: 7, role: 'customrole_el_m2m', integration: 2, certificate: key }, { entity: 7, role: 'customrole_el_m2m', integration: 2, certificate: key });
    expect(() => load(twice)).toThrow(/the same certificate is already mapped/);
    const blocked = base();
    blocked.integrations[1] = { ...blocked.integrations[1], state: 'Paused' };
    expect(() => load(blocked)).toThrow(/State is Enabled or Blocked/);
    const noScope = base();
    noScope.integrations[1] = { ...noScope.integrations[1], scopes: [] };
    expect(() => load(noScope)).toThrow(/needs at least one scope/);
  });

  test("the demo account's certificate is the one beside its private key, shortened to two years", () => {
    const demo = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
    const cert = fs.readFileSync(DEMO_M2M.privateKey.replace('-key.pem', '-cert.pem'), 'utf8');
    expect(demo.clientCredentials[0].certificate.trim()).toBe(cert.trim());
    const x509 = new crypto.X509Certificate(cert);
    expect(x509.checkPrivateKey(crypto.createPrivateKey(fs.readFileSync(DEMO_M2M.privateKey, 'utf8')))).toBe(true);
    // The certificate says 100 years; the mapping holds it for two (subsect_162755332391).
    expect(Date.parse(x509.validTo)).toBeGreaterThan(Date.now() + 50 * 365 * 86_400_000);
    const until = account.db.prepare<[string], { valid_until: string }>('SELECT valid_until FROM sb_oauth2_certificate WHERE certificate_id = ?').get(DEMO_M2M.certificateId)!.valid_until;
    expect(Date.parse(until)).toBeLessThanOrEqual(Date.now() + 2 * 366 * 86_400_000);
    expect(Date.parse(until)).toBeGreaterThan(Date.now() + 2 * 364 * 86_400_000);
  });

  test('an account made before the OAuth 2.0 columns gets them, with what its oauth2 flag meant', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'old-integration-'));
    try {
      const file = path.join(dir, 'account.sqlite');
      const old = openDatabase(file, { create: false });
      old.exec("CREATE TABLE integration (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', tokenbasedauth CHECKBOX NOT NULL DEFAULT 'T', oauth2 CHECKBOX NOT NULL DEFAULT 'F')");
      old.exec("INSERT INTO integration (name, oauth2) VALUES ('A', 'T'), ('B', 'F')");
      old.close();
      const db = openDatabase(file);
      expect(db.prepare('SELECT name, state, authcodegrant, clientcredentials, scoperestwebservices, scoperestlets FROM integration ORDER BY id').all()).toEqual([
        { name: 'A', state: 'Enabled', authcodegrant: 'T', clientcredentials: 'F', scoperestwebservices: 'T', scoperestlets: 'T' },
        { name: 'B', state: 'Enabled', authcodegrant: 'F', clientcredentials: 'F', scoperestwebservices: 'F', scoperestlets: 'F' },
      ]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
