/**
 * The sandbox account seen from outside: REST web services with real OAuth 1.0a signatures, user events
 * fired by REST and UI saves, governance, SuiteQL, concurrency, and data that survives a restart.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { bearer, DEMO, tba } from '../helpers/rest-client';

import { bootAccount } from '@employee-lifecycle/sandbox';

type Account = Awaited<ReturnType<typeof bootAccount>>;

const OVERLAY = path.join(__dirname, '..', 'fixtures', 'sandbox-overlay');
const UE = 'customscript_el_fixture_ue';

let dataDir: string;
let account: Account;
const asIntegration = tba(DEMO.integration);

/** What the fixture user event logged, parsed. */
function seen(title: string, since = 0): any[] {
  return account.logs({ script: UE, since }).filter((l) => l.title === title).map((l) => JSON.parse(l.detail));
}
const lastSeq = () => account.logs().reduce((m, l) => Math.max(m, l.seq), 0);
const rec = (p = '') => `${account.url}/services/rest/record/v1/employee${p}`;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-rest-'));
  account = await bootAccount({ dataDir, overlays: [OVERLAY], port: 0, allowHttpLoopback: true });
});
afterAll(async () => {
  await account?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('authentication', () => {
  test('a request signed by the oauth-1.0a package lists employees', async () => {
    const r = await asIntegration('GET', rec('?limit=2'));
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.hasMore).toBe(true);
    expect(r.body.totalResults).toBe(6);
    expect(r.body.links.find((l: any) => l.rel === 'next').href).toBe(rec('?limit=2&offset=2'));
  });

  test('a bad signature is refused with INVALID_LOGIN', async () => {
    const r = await tba({ ...DEMO.integration, tokenSecret: 'not-the-secret' })('GET', rec());
    expect(r.status).toBe(401);
    expect(r.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
  });

  test('a role without the log-in permission gets USER_ERROR before any record check', async () => {
    const r = await tba(DEMO.reporting)('GET', rec('/1'));
    expect(r.status).toBe(400);
    expect(r.body['o:errorDetails'][0]['o:errorCode']).toBe('USER_ERROR');
    expect(r.body['o:errorDetails'][0].detail).toMatch(/^Your current role does not have permission to perform this action\./);
  });

  test('an OAuth 2.0 bearer token works; an unknown one does not', async () => {
    expect((await bearer(DEMO.bearer)('GET', rec('/3'))).body.lastName).toBe('Hopper');
    expect((await bearer('no-such-token')('GET', rec('/3'))).status).toBe(401);
  });
});

describe('REST record API and user events', () => {
  test('create, PATCH and DELETE fire the user event with the REST context', async () => {
    const since = lastSeq();
    const created = await asIntegration('POST', rec(), {
      firstName: 'Rita', lastName: 'Rest', email: 'rita.rest@example.com', title: 'Analyst',
      subsidiary: { id: '1' }, department: { id: '2' }, releaseDate: '2027-01-31',
    });
    expect(created.status).toBe(204);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/\/services\/rest\/record\/v1\/employee\/\d+$/);
    const id = Number(location.split('/').pop());

    const got = await asIntegration('GET', rec(`/${id}`));
    expect(got.body).toMatchObject({
      id: String(id), firstName: 'Rita', lastName: 'Rest', entityId: 'Rita Rest', isInactive: false, giveAccess: false,
      releaseDate: '2027-01-31', department: { id: '2', refName: 'Sales' },
    });

    expect((await asIntegration('PATCH', rec(`/${id}`), { title: 'Senior Analyst' })).status).toBe(204);
    expect((await asIntegration('DELETE', rec(`/${id}`))).status).toBe(204);
    expect((await asIntegration('GET', rec(`/${id}`))).status).toBe(404);

    const after = seen('fixture afterSubmit', since);
    expect(after.map((e) => e.type)).toEqual(['create', 'edit', 'delete']);
    expect(after.every((e) => e.executionContext === 'RESTWEBSERVICES' && e.user === 2 && e.role === 1001)).toBe(true);
    expect(after[0]).toMatchObject({ id, hasOld: false, title: 'Analyst', releaseDateIsDate: true, greeting: 'hello from the deployment' });
    expect(after[1]).toMatchObject({ title: 'Senior Analyst', oldTitle: 'Analyst' });
    expect(after[2]).toMatchObject({ id, hasOld: true, oldTitle: 'Senior Analyst' });
    expect(seen('fixture beforeSubmit', since).map((e) => e.type)).toEqual(['create', 'edit', 'delete']);
  });

  test('an inline edit is xedit: newRecord holds only the edited fields', async () => {
    const since = lastSeq();
    await account.records.inlineEdit('employee', 3, { title: 'Principal Engineer' });
    const [after] = seen('fixture afterSubmit', since);
    expect(after).toMatchObject({ type: 'xedit', executionContext: 'USERINTERFACE', title: 'Principal Engineer', oldTitle: 'Staff Engineer' });
    expect(after.fields).toEqual(['title']);
  });

  test('an inline edit of a field that is not inline-editable is refused with what to do', async () => {
    await expect(account.records.inlineEdit('employee', 3, { giveaccess: false })).rejects.toThrow(/not inline-editable.*load the record/);
  });

  test('a beforeSubmit error stops the save; a beforeSubmit change is saved', async () => {
    const refused = await asIntegration('PATCH', rec('/3'), { title: 'refuse me' });
    expect(refused.status).toBe(400);
    expect(refused.body['o:errorDetails'][0]['o:errorCode']).toBe('FIXTURE_REFUSED');
    expect(account.records.get('employee', 3)!.title).toBe('Principal Engineer');

    await asIntegration('PATCH', rec('/3'), { title: 'shout' });
    expect(account.records.get('employee', 3)!.title).toBe('SHOUT');
  });

  test('a bad field value is refused with the field named', async () => {
    const r = await asIntegration('PATCH', rec('/3'), { hireDate: '3/1/2020' });
    expect(r.status).toBe(400);
    expect(r.body['o:errorDetails'][0].detail).toMatch(/hireDate.*YYYY-MM-DD/);
    const bad = await asIntegration('PATCH', rec('/3'), { department: { id: '99' } });
    expect(bad.body['o:errorDetails'][0].detail).toMatch(/Invalid department reference key 99/);
  });

  test('a user event without beforeSubmit runs only afterSubmit, save after save', async () => {
    const WEBHOOKS_UE = 'customscript_el_employee_webhooks_ue';
    const before = account.invocations({ script: WEBHOOKS_UE }).length;
    for (const title of ['one', 'two', 'three']) await account.records.update('employee', 3, { title });
    const runs = account.invocations({ script: WEBHOOKS_UE }).slice(before);
    expect(runs.map((i) => i.entry)).toEqual(['afterSubmit', 'afterSubmit', 'afterSubmit']);
  });

  test('nothing one invocation leaves (module variables, globals, prototypes) reaches the next', async () => {
    const since = lastSeq();
    for (let i = 0; i < 3; i++) await account.records.update('employee', 4, { title: 'leak' });
    expect(seen('fixture leak', since)).toEqual(Array(3).fill({ moduleRuns: 1, logLeak: false }));
  });

  test('module code runs in its invocation, on the clock of that moment', async () => {
    const since = lastSeq();
    await account.records.update('employee', 4, { title: 'clock' });
    // Back a day (forward would put these invocations after the later tests' in account.invocations()).
    account.clock.set(new Date(Date.now() - 86400000));
    await account.records.update('employee', 4, { title: 'clock' });
    account.clock.reset();
    const [first, second] = account.logs({ script: 'customscript_el_fixture_clock_ue', since }).map((l) => JSON.parse(l.detail));
    expect(first.loadedAt - second.loadedAt).toBeGreaterThan(86000000);
    expect(second.ranAt - second.loadedAt).toBeLessThan(60000);
  });

  test('a save from inside a user event does not fire user events again', async () => {
    const since = lastSeq();
    await asIntegration('PATCH', rec('/5'), { title: 'nested' });
    expect(account.records.get('employee', 5)!.title).toBe('nested done');
    expect(seen('fixture afterSubmit', since).map((e) => e.type)).toEqual(['edit']);
  });
});

describe('governance and SuiteQL inside scripts', () => {
  test('a user event that loads records until it runs out stops at 1,000 units', async () => {
    // afterSubmit runs after the commit: the save stands, and the saver is told of the error.
    await expect(account.records.update('employee', 5, { title: 'burn' })).rejects.toMatchObject({ code: 'SSS_USAGE_LIMIT_EXCEEDED' });
    expect(account.records.get('employee', 5)!.title).toBe('burn');
    const [burn] = seen('fixture burn');
    expect(burn).toMatchObject({ loads: 200, name: 'SSS_USAGE_LIMIT_EXCEEDED', isError: true });
    const inv = account.invocations({ script: UE }).filter((i) => i.entry === 'afterSubmit').pop()!;
    expect(inv.units).toBe(1000);
    expect(inv.error).toMatch(/^SSS_USAGE_LIMIT_EXCEEDED/);
  });

  test('runSuiteQL with binds and runSuiteQLPaged with pages', async () => {
    await account.records.update('employee', 5, { title: 'query' });
    const [q] = seen('fixture query');
    expect(q.rows).toEqual([{ id: 3, lastname: 'Hopper' }]);
    expect(q.count).toBe(6);
    expect(q.pages).toBe(2);
    expect(q.sizes).toEqual([5, 1]); // PageRange.size: the results in that range (Oracle's N/query stub)
    expect(q.ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(1000 - q.remaining).toBe(10 + 10 + 2 * 10);
  });

  test('the SuiteQL endpoint pages with limit and offset', async () => {
    const url = `${account.url}/services/rest/query/v1/suiteql?limit=4`;
    const r = await asIntegration('POST', url, { q: "SELECT id, firstname, isinactive FROM employee WHERE giveaccess = 'T' ORDER BY id" }, { Prefer: 'transient' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ count: 4, hasMore: true, totalResults: 5, offset: 0 });
    expect(r.body.items[0]).toMatchObject({ firstname: 'Ada', isinactive: 'F' });
  });
});

describe('concurrency and restarts', () => {
  test('more than the concurrency limit of requests at once gets 429', async () => {
    let held: http.ServerResponse[] = [];
    let arrived!: () => void;
    const allArrived = new Promise<void>((r) => (arrived = r));
    const receiver = http.createServer((_req, res) => {
      held.push(res);
      if (held.length === account.settings.concurrencyLimit) arrived();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const hold = `http://127.0.0.1:${(receiver.address() as any).port}/hold`;
    try {
      // Ten creates whose user event waits on the receiver fill the account's ten slots.
      const slow = Array.from({ length: account.settings.concurrencyLimit }, (_, i) =>
        asIntegration('POST', rec(), { firstName: 'Slow', lastName: `Save ${i}`, title: `call ${hold}` }));
      await allArrived;
      const extra = await asIntegration('GET', rec('/1'));
      expect(extra.status).toBe(429);
      expect(extra.body['o:errorDetails'][0]['o:errorCode']).toBe('CONCURRENCY_LIMIT_EXCEEDED');
      held.forEach((res) => res.end('released'));
      held = [];
      const done = await Promise.all(slow);
      expect(done.map((r) => r.status)).toEqual(done.map(() => 204));
      expect((await asIntegration('GET', rec('/1'))).status).toBe(200);
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  });

  test('a restart keeps the data', async () => {
    const id = await account.records.create('employee', { firstname: 'Pat', lastname: 'Persistent', title: 'Keeper' });
    await account.close();
    account = await bootAccount({ dataDir, overlays: [OVERLAY], port: 0, allowHttpLoopback: true });
    expect(account.records.get('employee', id)).toMatchObject({ firstName: 'Pat', lastName: 'Persistent', title: 'Keeper' });
    expect((await asIntegration('GET', rec(`/${id}`))).body.title).toBe('Keeper');
  });
});
