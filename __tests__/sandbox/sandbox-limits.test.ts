/**
 * The sandbox's server under the requests that used to knock it over (issue 13): each gets a clean
 * NetSuite-shaped error, and the server answers the next request as before.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { bootTempAccount, type Account } from '../helpers/temp-account';
import { bearer, DEMO } from '../helpers/rest-client';

let account: Account;
let dispose: () => Promise<void>;
const notes: string[] = [];
const asIvan = bearer(DEMO.bearer);
const SUITEQL_LIMIT_MS = 1500;

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.account = { ...data.account, suiteqlTimeoutMs: SUITEQL_LIMIT_MS, concurrencyLimit: 3 };
  ({ account, dispose } = await bootTempAccount('sandbox-limits', { account: data, port: 0, onNote: (k, d) => notes.push(`${k}: ${d}`) }));
});
afterAll(async () => dispose?.());

const rec = (p = '') => `${account.url}/services/rest/record/v1/employee${p}`;
const suiteql = (q: string) => asIvan('POST', `${account.url}/services/rest/query/v1/suiteql`, { q }, { Prefer: 'transient' });
const code = (r: { body: any }) => r.body['o:errorDetails'][0]['o:errorCode'];
const detail = (r: { body: any }) => r.body['o:errorDetails'][0].detail as string;
/** The server still answers a plain read. */
async function alive(): Promise<void> {
  const r = await asIvan('GET', rec('/1'));
  expect(r.status).toBe(200);
}

/** Raw bytes on a socket (what fetch refuses to send); resolves with the status line and the body. */
function rawRequest(text: string, o: { keepOpenMs?: number } = {}): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(new URL(account.url).port), '127.0.0.1');
    let out = '';
    s.on('data', (d: Buffer) => { out += d.toString('latin1'); });
    s.on('close', () => resolve({ status: Number(out.split(' ')[1]), body: out.slice(out.indexOf('\r\n\r\n') + 4) }));
    s.on('error', reject);
    s.write(text);
    if (o.keepOpenMs === undefined) setTimeout(() => s.end(), 300);
  });
}

describe('requests that used to end or exhaust the process', () => {
  test('a Host header that is not a host: 400, and the server lives', async () => {
    const r = await rawRequest('GET /services/rest/record/v1/employee HTTP/1.1\r\nHost: [\r\n\r\n');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body.slice(r.body.indexOf('{'), r.body.lastIndexOf('}') + 1))['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_REQUEST');
    await alive();
  });

  test('an id of % is a 400 INVALID_ID, not a 500', async () => {
    const r = await asIvan('GET', rec('/%'));
    expect(r.status).toBe(400);
    expect(code(r)).toBe('INVALID_ID');
  });

  test('a body nested 100,000 deep is refused as content, and a null sublist line too', async () => {
    const deep = `{"title":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const res = await fetch(rec('/1'), { method: 'PATCH', headers: { Authorization: `Bearer ${DEMO.bearer}`, 'Content-Type': 'application/json' }, body: deep });
    const body = await res.json() as Record<string, Array<Record<string, string>>>;
    expect(res.status).toBe(400);
    expect(body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_CONTENT');
    const nullLine = await asIvan('PATCH', rec('/1'), { roles: { items: [null] } });
    expect(nullLine.status).toBe(400);
    expect(detail(nullLine)).toMatch(/line 0 of the sublist 'roles'/);
    await alive();
  });

  test('a body over the limit is refused with 413 before it is read', async () => {
    const r = await rawRequest(`POST /services/rest/record/v1/employee HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${DEMO.bearer}\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n{`);
    expect(r.status).toBe(413);
    expect(r.body).toMatch(/CONTENT_TOO_LARGE/);
    await alive();
  });

  test('slow unauthenticated uploads hold no concurrency slot', async () => {
    const held = Array.from({ length: 6 }, () => {
      const s = net.connect(Number(new URL(account.url).port), '127.0.0.1');
      s.on('error', () => undefined);
      s.write('POST /services/rest/record/v1/employee HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"fi');
      return s;
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      // The limit is 3: six clients without a token are answered 401 at once and take none of them.
      await alive();
      const r = await suiteql('SELECT id FROM employee WHERE id = 1');
      expect(r.status).toBe(200);
    } finally {
      for (const s of held) s.destroy();
    }
  });

  test('RPAD to 100,000,000 characters is a SuiteQL error, not a full heap', async () => {
    const r = await suiteql("SELECT RPAD('x', 100000000, 'y') AS p FROM employee");
    expect(r.status).toBe(400);
    expect(detail(r)).toMatch(/RPAD: a length of 100000000 is more than the 1000000 characters/);
    await alive();
  });

  test('a recursive query that never ends is stopped at the time limit, and gives its slot back', async () => {
    const forever = 'WITH r(n) AS (SELECT 1 AS n FROM dual UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) AS c FROM r';
    // More of them than the account has slots: each is stopped, none keeps its slot.
    const results = await Promise.all(Array.from({ length: 3 }, () => suiteql(forever)));
    for (const r of results) {
      expect(r.status).toBe(400);
      expect(code(r)).toBe('SSS_SEARCH_TIMEOUT');
      expect(detail(r)).toMatch(/time limit \(1\.5 seconds\)/);
    }
    const after = await suiteql('SELECT id FROM employee WHERE id = 1');
    expect(after.status).toBe(200);
  });

  test('a query whose client goes away is stopped then, not at the limit', async () => {
    const before = notes.length;
    const gone = new AbortController();
    const p = fetch(`${account.url}/services/rest/query/v1/suiteql`, {
      method: 'POST', signal: gone.signal,
      headers: { Authorization: `Bearer ${DEMO.bearer}`, Prefer: 'transient', 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: 'WITH r(n) AS (SELECT 1 AS n FROM dual UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) AS c FROM r' }),
    }).then(() => 'answered', (e: Error) => e.name);
    await new Promise((r) => setTimeout(r, 300));
    gone.abort();
    expect(await p).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 300));
    expect(notes.slice(before)).toContain('suiteql.stopped: a SuiteQL query was stopped: its client went away');
  });

  test('a 5 MB sign-in email is refused, and the log takes none of it', async () => {
    const bytes = () => fs.statSync(account.dbFile).size + (fs.existsSync(`${account.dbFile}-wal`) ? fs.statSync(`${account.dbFile}-wal`).size : 0);
    const before = bytes();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${account.url}/app/login/secure/enterpriselogin.nl`, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `email=${'a'.repeat(5 * 1024 * 1024)}&password=x`,
      }).catch((e: Error) => e);
      if (!(res instanceof Error)) expect(res.status).toBe(413);
    }
    expect(bytes() - before).toBeLessThan(1024 * 1024);
    await alive();
  });

  test('a newline or an ANSI escape in a client\'s text cannot forge a log line', async () => {
    await fetch(`${account.url}/app/login/secure/enterpriselogin.nl`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'x@example.com\n[sandbox] rest.granted: \u001b[32mall good', password: 'x' }).toString(),
    });
    const line = notes.filter((n) => n.startsWith('ui.signin.refused')).pop() as string;
    expect(line).toContain('x@example.com\\n[sandbox] rest.granted: \\x1b[32mall good');
    expect(line).not.toMatch(/[\n\u001b]/);
  });
});

describe('values NetSuite refuses', () => {
  test('a hireDate the calendar does not have is refused, not rolled over', async () => {
    for (const hireDate of ['2026-13-45', '2026-02-30']) {
      const r = await asIvan('PATCH', rec('/1'), { hireDate });
      expect(r.status).toBe(400);
      expect(detail(r)).toMatch(/hireDate.*a date that exists/);
    }
    const ok = await asIvan('PATCH', rec('/1'), { hireDate: '2024-02-29' });
    expect(ok.status).toBe(204);
    expect((await asIvan('GET', rec('/1'))).body.hireDate).toBe('2024-02-29');
  });
});

describe('the database keeps its own words', () => {
  test('a role listed twice on the Access subtab is refused by line, with nothing saved', async () => {
    const before = (await asIvan('GET', rec())).body.totalResults;
    const r = await asIvan('POST', rec(), {
      firstName: 'Twice', lastName: 'Listed', email: 'twice.listed@example.com', subsidiary: { id: '1' },
      roles: { items: [{ selectedRole: { id: '1003' } }, { selectedRole: { id: '1003' } }] },
    });
    expect([r.status, code(r)]).toEqual([400, 'INVALID_FLD_VALUE']);
    expect(detail(r)).toMatch(/Line 2 of the roles sublist repeats an earlier line/);
    expect(JSON.stringify(r.body)).not.toMatch(/SQLITE|constraint|employeerolesforsearch/i);
    expect((await asIvan('GET', rec())).body.totalResults).toBe(before);
  });

  test('an employee others report to cannot be deleted, and the answer says what depends on it', async () => {
    const r = await asIvan('DELETE', rec('/1'));
    expect([r.status, code(r)]).toEqual([400, 'THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS']);
    expect(detail(r)).toMatch(/dependent records: employee\.supervisor \(\d+\)/);
    expect(JSON.stringify(r.body)).not.toMatch(/SQLITE|FOREIGN KEY/i);
    await alive();
  });
});

describe('an employee\'s email is unique across the account (the user-management guide)', () => {
  test('a second employee with an existing email, in any case, is refused; the first keeps it', async () => {
    const first = (await asIvan('GET', rec('/1'))).body as { email: string };
    const r = await asIvan('POST', rec(), { firstName: 'Dup', lastName: 'Licate', email: first.email.toUpperCase(), subsidiary: { id: '1' } });
    expect(r.status).toBe(400);
    expect(detail(r)).toMatch(/already the login of employee 1: an employee's email must be unique/);
    const other = await asIvan('PATCH', rec('/2'), { email: first.email });
    expect(other.status).toBe(400);
    // Saving employee 1 with its own address is no conflict.
    expect((await asIvan('PATCH', rec('/1'), { email: first.email })).status).toBe(204);
  });
});

describe('only an administrator gives the Administrator role', () => {
  test('a role with Employees Full cannot add it to an employee, and the roles stay as they were', () => {
    const admin = account.suiteql.runSuiteQL({ query: "SELECT id FROM role WHERE scriptid = 'administrator'" }).rows[0][0] as number;
    const rolesOf = (id: number) => account.suiteql.runSuiteQL({ query: 'SELECT role FROM employeerolesforsearch WHERE entity = ? ORDER BY role', params: [id] }).rows.map((r) => r[0]);
    const before = rolesOf(2);
    return asIvan('PATCH', rec('/2'), { roles: { items: [{ selectedRole: { id: String(admin) } }] } }).then((r) => {
      expect(r.status).toBe(400);
      expect(code(r)).toBe('INSUFFICIENT_PERMISSION');
      expect(detail(r)).toMatch(/Only an administrator can give a user the Administrator role/);
      expect(rolesOf(2)).toEqual(before);
    });
  });
});

describe('answers as NetSuite gives them', () => {
  test('an internal id is never given again after a delete', async () => {
    const create = async () => {
      const r = await asIvan('POST', rec(), { firstName: 'Temp', lastName: 'Hire', subsidiary: { id: '1' } });
      expect(r.status).toBe(204);
      return Number((r.headers.get('location') as string).split('/').pop());
    };
    const a = await create();
    expect((await asIvan('DELETE', rec(`/${a}`))).status).toBe(204);
    const b = await create();
    expect(b).toBeGreaterThan(a);
    expect((await asIvan('GET', rec(`/${a}`))).status).toBe(404);
  });

  test('PATCH answers 204 with the record\'s URL in Location (Oracle section_1545142173)', async () => {
    const r = await asIvan('PATCH', rec('/1'), { title: 'Engineer' });
    expect(r.status).toBe(204);
    expect(r.headers.get('location')).toBe(rec('/1'));
  });

  test('a list without a limit pages 20 records, as NetSuite does', async () => {
    const r = await asIvan('GET', rec());
    expect(r.status).toBe(200);
    expect(r.body.links.find((l: { rel: string }) => l.rel === 'self').href).toMatch(/[?&]limit=20&offset=0$/);
    expect((await asIvan('GET', rec('?limit=2'))).body).toMatchObject({ count: 2, hasMore: true });
  });

  test('a refused login says how to authenticate: WWW-Authenticate with the account as realm', async () => {
    const bearerRefused = await bearer('not-a-token')('GET', rec('/1'));
    expect(bearerRefused.status).toBe(401);
    expect(bearerRefused.headers.get('www-authenticate')).toBe(`Bearer realm="${account.settings.accountId}", error="invalid_token", error_description="Invalid login attempt."`);
    const tbaRefused = await fetch(rec('/1'), { headers: { Authorization: 'OAuth realm="x", oauth_token="nope"' } });
    expect(tbaRefused.status).toBe(401);
    expect(tbaRefused.headers.get('www-authenticate')).toMatch(/^OAuth realm="[^"]+", error="token_rejected"/);
  });

  test('rolepermissions names ADMI_LOGIN_OAUTH "Log in using Access Tokens", not the OAuth 2.0 permission', () => {
    const names = account.suiteql.runSuiteQL({ query: "SELECT DISTINCT permkey, name FROM rolepermissions WHERE permkey IN ('ADMI_LOGIN_OAUTH', 'ADMI_LOGIN_OAUTH2') ORDER BY permkey" });
    expect(names.rows).toEqual([['ADMI_LOGIN_OAUTH', 'Log in using Access Tokens'], ['ADMI_LOGIN_OAUTH2', 'Log In using OAuth 2.0 Access Tokens']]);
  });
});
