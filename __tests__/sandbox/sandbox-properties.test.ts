/**
 * Generated requests against the REST Record API and SuiteQL (issue 13), with fast-check: whatever the
 * body, headers, id or query, the answer is NetSuite-shaped (never a 500, never the database's own words),
 * the server stays up, and a refused write leaves every record as it was.
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { bootTempAccount, type Account } from '../helpers/temp-account';
import { DEMO } from '../helpers/rest-client';

let account: Account;
let dispose: () => Promise<void>;
// Seeded so a failure replays; fast-check prints the seed and the smallest failing case.
const RUNS = { numRuns: 80, seed: 20261203, endOnFailure: true };

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.account = { ...data.account, suiteqlTimeoutMs: 500 };
  ({ account, dispose } = await bootTempAccount('sandbox-properties', { account: data, port: 0 }));
});
afterAll(async () => dispose?.());

interface Answer { status: number, text: string }

async function send(method: string, path: string, o: { body?: string, headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${account.url}${path}`, {
    method, body: o.body,
    headers: { Authorization: `Bearer ${DEMO.bearer}`, 'Content-Type': 'application/json', ...o.headers },
  });
  return { status: res.status, text: await res.text() };
}

/** What every answer must be: below 500, an error in NetSuite's shape, no SQLite words but the caller's own. */
function wellFormed(a: Answer, sent = ''): void {
  expect(a.status).toBeLessThan(500);
  expect(a.text).not.toMatch(/SQLITE_|constraint failed/i);
  for (const name of a.text.match(/\b(sb|sqlite)_[a-z_]+/gi) ?? []) expect(sent).toContain(name);
  if (a.status >= 400 && a.text) {
    const body = JSON.parse(a.text);
    expect(body['o:errorDetails'][0]['o:errorCode']).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(body['o:errorDetails'][0]['o:errorCode']).not.toBe('UNEXPECTED_ERROR');
  }
}

/** Every record a REST write could touch, once the tasks earlier saves started are done, to compare before and after a refused write. */
async function snapshot(): Promise<string> {
  await account.tasks.idle();
  const tables = ['employee', 'employeerolesforsearch', 'department', 'customrecord_el_webhook_endpoint', 'customrecord_el_webhook_outbox'];
  return JSON.stringify(tables.map((t) => account.query(`SELECT * FROM ${t} ORDER BY 1, 2`)));
}

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '%', '%00', '\u0000', '<img src=x>', "'; DROP TABLE employee; --", 'x'.repeat(5000)));
const anyJson = fc.jsonValue({ maxDepth: 4 });
const value = fc.oneof(anyJson, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.record({ id: fc.oneof(fc.integer({ min: -5, max: 2000 }), text) }), fc.constantFrom('2026-13-45', '2026-02-29', '2024-02-29', '12/25/2026'));
const FIELDS = ['firstName', 'lastName', 'email', 'title', 'isInactive', 'giveAccess', 'hireDate', 'releaseDate', 'supervisor',
  'subsidiary', 'department', 'location', 'entityId', 'id', 'password', 'custrecord_el_wh_url', 'name'];
const fields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value, { maxKeys: 6 });
const roles = fc.record({ items: fc.array(fc.oneof(fc.constant(null), fc.record({ selectedRole: fc.record({ id: fc.oneof(fc.constantFrom('3', '1001', '1003'), text) }) })), { maxLength: 3 }) });
const recordBody = fc.oneof(
  fields.map((f) => JSON.stringify(f)),
  fc.tuple(fields, roles).map(([f, r]) => JSON.stringify({ ...f, roles: r })),
  anyJson.map((j) => JSON.stringify(j)),
  fc.string({ maxLength: 200 }),
);
// Mostly requests that reach the record code (an employee that exists), some that stop at the door.
const type = fc.oneof({ weight: 6, arbitrary: fc.constant('employee') },
  fc.constantFrom('department', 'customrecord_el_webhook_endpoint', 'customrecord_el_webhook_delivery', 'role', 'EMPLOYEE', 'nosuchtype', '%', '..'));
const id = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('1', '2', '3', '4', '5', '6') },
  fc.constantFrom('0', '-1', '999999', '1e3', '3.5', '%', '%25', '9'.repeat(40), ' 3', 'eid:ada'), fc.nat().map(String));
// DELETE is rare: each one that succeeds takes an employee away from the runs after it.
const method = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('PATCH', 'POST') }, { weight: 2, arbitrary: fc.constantFrom('GET', 'PUT') }, { weight: 1, arbitrary: fc.constant('DELETE') });

test('record requests: any method, type, id and body get a NetSuite-shaped answer, and a refused write changes nothing', async () => {
  await fc.assert(fc.asyncProperty(method, type, fc.option(id, { nil: undefined, freq: 4 }), recordBody,
    async (method, t, i, body) => {
      // A delete that succeeds takes a throwaway employee, not one the later runs need.
      if (method === 'DELETE' && t === 'employee' && i !== undefined && /^[1-6]$/.test(i)) {
        i = String(await account.records.create('employee', { firstname: 'Throw', lastname: 'Away', subsidiary: 1 }));
      }
      const before = await snapshot();
      const a = await send(method, `/services/rest/record/v1/${encodeURI(t)}${i === undefined ? '' : `/${encodeURIComponent(i)}`}`, { body: method === 'GET' || method === 'DELETE' ? undefined : body });
      wellFormed(a, body);
      if (a.status >= 400) expect(await snapshot()).toBe(before);
    }), RUNS);
});

const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
test('headers: any Authorization, Content-Type or Prefer is answered, never with a 500', async () => {
  await fc.assert(fc.asyncProperty(
    fc.oneof(headerValue, headerValue.map((s) => `Bearer ${s}`), headerValue.map((s) => `OAuth realm="${s}", oauth_token="${s}"`), fc.constant(`Bearer ${DEMO.bearer}`)),
    fc.oneof(headerValue, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1')),
    fc.oneof(headerValue, fc.constant('transient')),
    async (auth, contentType, prefer) => {
      const before = await snapshot();
      const a = await send('PATCH', '/services/rest/record/v1/employee/3', { body: '{"title":"Generated"}', headers: { Authorization: auth, 'Content-Type': contentType, Prefer: prefer } });
      wellFormed(a);
      if (a.status >= 400) expect(await snapshot()).toBe(before);
    }), RUNS);
});

// Queries a client would write (each table with its own columns and SuiteQL's functions), then broken ones.
const TABLES: Record<string, string[]> = {
  employee: ['id', 'email', 'firstname', 'hiredate', 'releasedate', 'isinactive', 'supervisor', "TO_CHAR(hiredate, 'YYYY')", 'BUILTIN.DF(supervisor)', 'NVL(title, 1)', 'RPAD(email, 5000000)'],
  department: ['id', 'name', 'isinactive', 'UPPER(name)', 'LENGTH(name)'],
  customrecord_el_webhook_outbox: ['id', 'name', 'custrecord_el_who_employee', 'custrecord_el_who_events'],
  role: ['id', 'name'],
  dual: ['1', 'SYSDATE', "TO_DATE('2026-02-30', 'YYYY-MM-DD')", '1 / 0', "'x' || 'y'"],
};
const literal = fc.oneof(text.map((s) => `'${s.replace(/'/g, "''")}'`), fc.integer().map(String), fc.constantFrom('NULL', "TO_DATE('2026-01-01', 'YYYY-MM-DD')", "'T'"));
const suiteQL = fc.constantFrom(...Object.keys(TABLES)).chain((t) => {
  const col = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TABLES[t]) }, fc.constantFrom('*', 'COUNT(*)', 'nosuch', 'ROWNUM', "LISTAGG(id, ',')"));
  const cond = fc.tuple(col, fc.constantFrom('=', '<', '>=', '<>', 'LIKE', 'IS NOT', 'IN'), literal).map(([c, op, v]) => ` WHERE ${c} ${op} ${op === 'IN' ? `(${v})` : v}`);
  return fc.tuple(fc.array(col, { minLength: 1, maxLength: 3 }), fc.option(cond, { nil: '' }), fc.constantFrom('', ' ORDER BY 1', ' ORDER BY 1 DESC', ' FETCH FIRST 2 ROWS ONLY'))
    .map(([cs, w, tail]) => `SELECT ${cs.join(', ')} FROM ${t}${w}${tail}`);
});
const query = fc.oneof({ weight: 6, arbitrary: suiteQL },
  fc.string({ maxLength: 120 }),
  fc.constantFrom('SELECT * FROM sb_settings', 'SELECT name FROM sqlite_master', 'SELECT * FROM oauthtoken', 'SELECT 1 FROM dual; DELETE FROM employee',
    'WITH r (n) AS (SELECT 1 FROM dual UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) FROM r', "ATTACH DATABASE '/tmp/x' AS x", 'PRAGMA table_info(employee)'),
);

test('SuiteQL: any query text gets rows or a SuiteQL error, and reads nothing it may not', async () => {
  const limit = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 1000 }).map(String) }, { weight: 1, arbitrary: fc.oneof(text, fc.integer().map(String)) });
  await fc.assert(fc.asyncProperty(query, limit, async (q, limit) => {
    const before = await snapshot();
    const a = await send('POST', `/services/rest/query/v1/suiteql${limit === undefined ? '' : `?limit=${encodeURIComponent(limit)}`}`, { body: JSON.stringify({ q }), headers: { Prefer: 'transient' } });
    wellFormed(a, q);
    expect([200, 400]).toContain(a.status);
    expect(await snapshot()).toBe(before);
    if (a.status === 200) expect(a.text).not.toMatch(/demo-oauth2-access-token|consumer_secret|scrypt/);
  }), RUNS);
});

test('after all of it the server answers as before', async () => {
  const a = await send('GET', '/services/rest/record/v1/employee/1');
  expect(a.status).toBe(200);
  expect(JSON.parse(a.text).email).toBe('ada.admin@example.com');
});
