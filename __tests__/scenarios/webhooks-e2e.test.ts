/**
 * Employee change webhooks end to end in the sandbox: REST and UI saves reach an https receiver that
 * verifies every request with the `standardwebhooks` package and parses it with the `cloudevents` SDK.
 * Receivers fail in every way NetSuite meets (500, 429, a hang past the time limit, a reset), recover,
 * and get every event under the same ids, in order per employee. 410 disables; exhaustion is dead;
 * replay resends. The signing secret never leaves the API secret.
 */
import { DEMO, tba } from '../helpers/rest-client';
import { DELIVERY_TYPE, ENDPOINT_TYPE, webhookWorld, type WebhookWorld } from '../helpers/webhook-account';
import { DELIVERY, DISPATCH, ENDPOINT, OUTBOX } from '../../src/webhooks/ids';

const DISPATCHER = DISPATCH.script;
const ON_DEMAND = DISPATCH.onDemand;

let w: WebhookWorld;
const asIntegration = tba(DEMO.integration);
const rec = (p = '') => `${w.account.url}/services/rest/record/v1/employee${p}`;

/** Let queued dispatcher runs finish, then run it once more (what the 15-minute schedule does). */
async function dispatch() {
  await w.account.tasks.idle();
  await w.account.mapReduce.run(DISPATCHER, ON_DEMAND);
}

function deliveries(where = '1 = 1', params: unknown[] = []) {
  return w.account.query(
    `SELECT id, ${DELIVERY.eventId} AS eventid, ${DELIVERY.eventType} AS type, ${DELIVERY.status} AS status,
       ${DELIVERY.attempts} AS attempts, ${DELIVERY.lastCode} AS code, ${DELIVERY.endpoint} AS endpoint,
       ${DELIVERY.employee} AS employee
     FROM ${DELIVERY_TYPE} WHERE ${where} ORDER BY id`, params) as Array<Record<string, any>>;
}

beforeEach(async () => {
  w = await webhookWorld();
});
afterEach(async () => {
  await w.close();
});

test('REST create, PATCH, inline edit and DELETE each reach the receiver, verified and in order', async () => {
  const r = await w.receiver();
  await w.endpoint(r.url);

  const created = await asIntegration('POST', rec(), {
    firstName: 'Wendy', lastName: 'Webhook', email: 'wendy@example.com', title: 'Engineer',
    subsidiary: { id: '1' }, department: { id: '1' }, giveAccess: true, roles: { items: [{ selectedRole: { id: '1003' } }] },
  });
  expect(created.status).toBe(204);
  const id = created.headers.get('location')!.split('/').pop()!;
  expect((await asIntegration('PATCH', rec(`/${id}`), { title: 'Senior Engineer', department: { id: '2' } })).status).toBe(204);
  await w.account.records.inlineEdit('employee', Number(id), { isinactive: true });
  expect((await asIntegration('DELETE', rec(`/${id}`))).status).toBe(204);
  await dispatch();

  expect(r.stats.rejected).toBe(0);
  expect(r.events.map((e) => e.type)).toEqual([
    'employee.created',
    'employee.updated',
    'employee.updated', 'employee.deactivated',
    'employee.deleted',
  ]);
  const [create, patch, , deactivated, deleted] = r.events;
  expect(create.source).toBe('netsuite://tstdrv1234567/employee');
  expect(create.subject).toBe(id);
  expect(create.data.employee).toEqual({
    id, entityId: 'Wendy Webhook', firstName: 'Wendy', lastName: 'Webhook', email: 'wendy@example.com', title: 'Engineer',
    isInactive: false, giveAccess: true, releaseDate: null, hireDate: null,
    subsidiary: { id: '1', refName: 'Wolfe Electronics Inc.' }, department: { id: '1', refName: 'Engineering' },
    location: null, supervisor: null, roles: [{ id: '1003', refName: 'HR Generalist' }],
  });
  expect(create.data.context).toEqual({ foundBy: 'userEvent', executionContext: 'RESTWEBSERVICES', user: '2', role: '1001' });
  expect(patch.data.changes).toEqual({
    title: { old: 'Engineer', new: 'Senior Engineer' },
    department: { old: { id: '1', refName: 'Engineering' }, new: { id: '2', refName: 'Sales' } },
  });
  expect(deactivated.data.changes).toEqual({ isInactive: { old: false, new: true } });
  expect(deactivated.data.context.executionContext).toBe('USERINTERFACE');
  expect(deactivated.data.employee).toMatchObject({ isInactive: true, title: 'Senior Engineer', giveAccess: true });
  expect(deleted.data.employee.id).toBe(id);
  expect(deliveries().every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
});

test('a receiver that fails with 500, 429, a hang and a reset gets every event once it recovers, in order', async () => {
  const script: Array<number | 'hang' | 'reset'> = [500, 429, 'hang', 'reset'];
  const r = await w.receiver((n) => script[n - 1] ?? 204);
  await w.endpoint(r.url);
  const id = await w.account.records.create('employee', { firstname: 'Rory', lastname: 'Retry', title: 'One' });
  await w.account.records.update('employee', id, { title: 'Two' });
  await dispatch(); // attempt 1: 500
  for (const wait of ['5s', '5m', '30m', '2h']) {
    w.account.clock.advance(wait);
    await dispatch();
  }
  expect(r.events.map((e) => [e.type, e.data.employee.title])).toEqual([['employee.created', 'One'], ['employee.updated', 'Two']]);
  const [first, second] = deliveries();
  expect(first).toMatchObject({ status: 'delivered', attempts: 5, code: 204 });
  expect(second).toMatchObject({ status: 'delivered', attempts: 1 });
  // The same event id on every attempt: the receiver saw it verified three times (500, 429, then 204).
  expect(r.events[0].id).toBe(first.eventid);
  expect(r.seen.get(first.eventid)).toBe(3);
  expect(r.stats.requests).toBe(6);
});

/** What the dispatcher emailed about disabled endpoints, to whom. */
const disabledMail = () => w.account.mailbox({ script: DISPATCHER }).map((m) => ({ to: m.recipients, subject: m.subject, body: m.body }));

test('410 Gone disables the endpoint with its reason, and its owner gets an email; the delivery is failed', async () => {
  const r = await w.receiver(() => 410);
  const ep = await w.endpoint(r.url, { name: 'HR IdP' });
  await w.account.records.create('employee', { firstname: 'Gina', lastname: 'Gone' });
  await dispatch();
  expect(deliveries()[0]).toMatchObject({ status: 'failed', code: 410 });
  const endpoint = w.account.records.get(ENDPOINT_TYPE, ep)!;
  expect(endpoint.isInactive).toBe(true);
  expect(endpoint[ENDPOINT.disabledReason]).toMatch(/410 Gone/);
  // The endpoint's owner is the administrator who created it (the demo account's administrator, employee 1).
  const owner = (w.account.query(`SELECT e.email FROM ${ENDPOINT_TYPE} p JOIN employee e ON e.id = p.owner WHERE p.id = ?`, [ep]) as Array<{ email: string }>)[0];
  expect(owner.email).toMatch(/@/);
  expect(disabledMail()).toEqual([{ to: [owner.email], subject: 'Webhook endpoint disabled: HR IdP', body: expect.stringContaining('410 Gone') }]);
  expect(disabledMail()[0].body).toContain('clear Inactive');
});

test('a delivery that exhausts the schedule is dead; the endpoint stays enabled until five days of failure; replay resends the same event', async () => {
  const r = await w.receiver(() => 503);
  const ep = await w.endpoint(r.url);
  await w.account.records.create('employee', { firstname: 'Dale', lastname: 'Dead' });
  await dispatch();
  for (const wait of ['5s', '5m', '30m', '2h', '5h', '10h', '10h']) {
    w.account.clock.advance(wait);
    await dispatch();
  }
  const [dead] = deliveries();
  expect(dead).toMatchObject({ status: 'dead', attempts: 8, code: 503 });
  // The whole schedule (32.6 h) ran while the endpoint stayed enabled: nothing behind it was stranded.
  expect(w.account.records.get(ENDPOINT_TYPE, ep)!.isInactive).toBe(false);
  // Every attempt is on the delivery: when, what came back, how long it took.
  const log = JSON.parse(String(w.account.records.get(DELIVERY_TYPE, dead.id)![DELIVERY.attemptLog])) as Array<Record<string, unknown>>;
  expect(log).toHaveLength(8);
  for (const a of log) expect(a).toMatchObject({ code: 503, error: 'HTTP 503: failing on purpose', response: 'failing on purpose', ms: expect.any(Number) });
  expect(log.map((a) => Date.parse(String(a.at)))).toEqual([...log.map((a) => Date.parse(String(a.at)))].sort((x, y) => x - y));

  // More failing events over five days disable it, with the reason.
  for (let day = 0; day < 4; day++) {
    await w.account.records.update('employee', Number(dead.employee), { title: `still failing ${day}` });
    await dispatch();
    w.account.clock.advance('1d');
  }
  await w.account.records.update('employee', Number(dead.employee), { title: 'day five' });
  await dispatch();
  const endpoint = w.account.records.get(ENDPOINT_TYPE, ep)!;
  expect(endpoint.isInactive).toBe(true);
  expect(endpoint[ENDPOINT.disabledReason]).toMatch(/5 days or more, longer than the whole retry schedule/);
  expect(disabledMail()).toEqual([expect.objectContaining({ subject: 'Webhook endpoint disabled: Test receiver', body: expect.stringContaining('5 days or more') })]);

  r.setReply(() => 204);
  await w.account.records.update(ENDPOINT_TYPE, ep, { isinactive: false });
  expect(w.account.records.get(ENDPOINT_TYPE, ep)![ENDPOINT.disabledReason]).toBeUndefined();
  await w.account.records.update(DELIVERY_TYPE, dead.id, { [DELIVERY.replay]: true });
  await dispatch();
  expect(deliveries(`id = ${dead.id}`)[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  expect(r.events.map((e) => e.id)).toContain(dead.eventid);
});

test('a receiver that answers 429 or 503 with Retry-After sets when the next attempt comes', async () => {
  const r = await w.receiver((n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '120' } } : n === 2 ? { status: 503, headers: { 'Retry-After': 'soon' } } : 204));
  await w.endpoint(r.url);
  await w.account.records.create('employee', { firstname: 'Rita', lastname: 'Retry' });
  await dispatch();
  const [first] = deliveries();
  const due = () => Date.parse(String(w.account.records.get(DELIVERY_TYPE, first.id)![DELIVERY.nextAttempt]));
  // next attempt minus the last attempt's time, in whole seconds (the record keeps the date to the second)
  const wait = () => Math.ceil((due() - lastAt()) / 1000);
  const lastAt = () => Date.parse(String((JSON.parse(String(w.account.records.get(DELIVERY_TYPE, first.id)![DELIVERY.attemptLog])) as Array<{ at: string }>).pop()!.at));
  expect(wait()).toBe(120);
  w.account.clock.advance('5s');
  await dispatch();
  expect(deliveries()[0]).toMatchObject({ status: 'pending', attempts: 1 }); // not yet: the receiver asked for 2 minutes
  w.account.clock.advance('2m');
  await dispatch();
  // An unreadable Retry-After falls back to the schedule (5 min after the second attempt).
  expect(deliveries()[0]).toMatchObject({ status: 'pending', attempts: 2, code: 503 });
  expect(wait()).toBe(300);
  w.account.clock.advance('5m');
  await dispatch();
  expect(deliveries()[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  const log = JSON.parse(String(w.account.records.get(DELIVERY_TYPE, first.id)![DELIVERY.attemptLog])) as Array<Record<string, unknown>>;
  expect(log.map((a) => [a.code, a.retryAfter])).toEqual([[429, '120'], [503, 'soon'], [204, null]]);
});

test('bad endpoint records are refused with what to fix', async () => {
  const refused = (more: Record<string, unknown>) => w.endpoint('https://hooks.example.com/ns', more).then(() => '', (e: Error) => e.message);
  expect(await refused({ [ENDPOINT.url]: 'http://hooks.example.com/ns' })).toMatch(/is not https/);
  expect(await refused({ [ENDPOINT.url]: 'not a url' })).toMatch(/not a valid URL/);
  expect(await refused({ [ENDPOINT.eventTypes]: 'employee.fired' })).toMatch(/Event type "employee.fired" is unknown/);
  expect(await refused({ [ENDPOINT.secret]: 'whsec_abc' })).toMatch(/not an API secret script id/);
  expect(w.account.query(`SELECT COUNT(*) AS n FROM ${ENDPOINT_TYPE}`)[0].n).toBe(0);
});

test("the signing secret's value appears in no log, delivery record or payload", async () => {
  const r = await w.receiver((n) => (n === 1 ? 500 : 204));
  await w.endpoint(r.url);
  const id = await w.account.records.create('employee', { firstname: 'Sam', lastname: 'Secret' });
  await dispatch();
  w.account.clock.advance('5s');
  await dispatch();
  await w.account.records.delete('employee', id);
  await dispatch();
  expect(r.events).toHaveLength(2);
  const db = w.account.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sb_secret'").all() as Array<{ name: string }>).map((t) => t.name);
  for (const table of tables) {
    const text = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
    expect({ table, leaks: text.includes(w.keyBase64) || text.includes(w.secret) }).toEqual({ table, leaks: false });
  }
});

test('a save costs the user event the same with 1 or 60 endpoints: one outbox record, expanded by the dispatcher; every event arrives everywhere', async () => {
  const r = await w.receiver();
  await w.endpoint(`${r.url}?endpoint=0`, { name: 'Endpoint 0' });
  await w.account.records.update('employee', 3, { title: 'one endpoint' });
  const alone = w.account.invocations({ script: 'customscript_el_employee_webhooks_ue' }).pop()!;
  await dispatch();
  for (let i = 1; i < 60; i++) await w.endpoint(`${r.url}?endpoint=${i}`, { name: `Endpoint ${i}` });
  await w.account.records.update('employee', 3, { isinactive: true, giveaccess: false });
  const ue = w.account.invocations({ script: 'customscript_el_employee_webhooks_ue' }).pop()!;
  expect(ue.error).toBeNull();
  expect(ue.units).toBe(alone.units);
  expect(ue.units).toBeLessThanOrEqual(36);
  const OPEN = `SELECT COUNT(*) AS n FROM ${OUTBOX.type} WHERE ${OUTBOX.done} = 'F'`;
  expect(w.account.query(OPEN)).toEqual([{ n: 1 }]);
  await dispatch();
  expect(deliveries(`${DELIVERY.status} <> 'delivered'`)).toEqual([]);
  expect(deliveries()).toHaveLength(1 + 180);
  // Three event ids (updated, deactivated, access_revoked), each delivered to all 60 endpoints.
  expect(new Set(r.events.slice(1).map((e) => e.type))).toEqual(new Set(['employee.updated', 'employee.deactivated', 'employee.access_revoked']));
  expect([...r.seen.values()].slice(1)).toEqual([60, 60, 60]);
  // A run that finds every target delivered marks the outbox record expanded; it stays as the employee's
  // last snapshot sent (the change sweep removes the older one).
  expect(w.account.query(OPEN)).toEqual([{ n: 0 }]);
  expect(w.account.query(`SELECT ${OUTBOX.employee} AS employee FROM ${OUTBOX.type}`)).toEqual([{ employee: 3 }, { employee: 3 }]);
});

test('saves made while a dispatcher run is busy go out when it ends, without waiting for the schedule', async () => {
  const r = await w.receiver();
  await w.endpoint(r.url);
  const ids = await Promise.all([0, 1, 2, 3].map((i) => w.account.records.create('employee', { firstname: 'Busy', lastname: `Lane ${i}`, title: 'v0' })));
  await Promise.all(ids.map(async (id) => {
    for (let v = 1; v <= 5; v++) await w.account.records.update('employee', id, { title: `v${v}` });
  }));
  await w.account.tasks.idle();
  // Fewer runs than saves: the saves that found a run busy could not start one; the run before them did, at its end.
  const runs = (w.account.db.prepare('SELECT COUNT(*) AS n FROM sb_task WHERE script = ?').get(DISPATCHER) as { n: number }).n;
  expect(runs).toBeLessThan(24);
  expect(w.account.scheduler.deployments().every((d: { lastRun?: unknown }) => !d.lastRun)).toBe(true);
  expect(r.events).toHaveLength(4 + 20);
  for (const id of ids) {
    expect(r.events.filter((e) => e.subject === String(id)).map((e) => e.data.employee.title)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
  }
});
