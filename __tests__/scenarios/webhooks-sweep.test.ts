/**
 * The change sweep catches what no user event recorded. A fixture record type's user event hires, retitles,
 * offboards and deletes employees: saves made inside a user event fire no employee user event (Oracle), so
 * nothing reaches the receiver until the hourly sweep compares the employees modified since its last run
 * with the last snapshot the bundle queued. Then each change arrives once, marked as found by the sweep,
 * with the fields that changed; a second sweep finds nothing; replaced outbox records are cleaned up.
 */
import * as path from 'node:path';
import { DEMO, tba } from '../helpers/rest-client';
import { webhookWorld, type Receiver, type WebhookWorld } from '../helpers/webhook-account';
import { OUTBOX as OUTBOX_IDS, SWEEP as SWEEP_IDS } from '../../src/webhooks/ids';

const OVERLAY = path.join(__dirname, '..', 'fixtures', 'hr-request-overlay');
const REQUEST = 'customrecord_el_fixture_hr_request';
const OUTBOX = OUTBOX_IDS.type;
const SWEEP = SWEEP_IDS.type;

let w: WebhookWorld;
let r: Receiver;
const rest = tba(DEMO.integration);

beforeEach(async () => {
  w = await webhookWorld({ overlays: [OVERLAY] });
  r = await w.receiver();
  await w.endpoint(r.url);
});
afterEach(async () => {
  await w.close();
});

/** Past the sweep's hourly schedule (and its 5-minute grace): the schedule runs it, then the dispatcher. */
async function hourPasses() {
  w.account.clock.advance('1h');
  await w.account.scheduler.tick();
  await w.account.tasks.idle();
}

async function hire(lastName: string, title: string): Promise<string> {
  const res = await rest('POST', `${w.account.url}/services/rest/record/v1/employee`, { firstName: 'Sam', lastName, title, subsidiary: { id: '1' }, giveAccess: true });
  expect(res.status).toBe(204);
  return res.headers.get('location')!.split('/').pop()!;
}

function request(employee: string | number, action: string, title?: string) {
  return w.account.records.create(REQUEST, {
    name: `${action} ${employee}`, custrecord_el_fixture_hr_employee: Number(employee), custrecord_el_fixture_hr_action: action,
    ...(title ? { custrecord_el_fixture_hr_title: title } : {}),
  });
}

const sweepReport = () => JSON.parse(String((w.account.query(`SELECT ${SWEEP_IDS.report} AS report FROM ${SWEEP}`) as Array<{ report: string }>)[0].report));

test('changes saved inside another user event arrive with the sweep, once, marked found by the sweep', async () => {
  await hourPasses(); // the first sweep starts the window at now
  const retitled = await hire('Retitled', 'Analyst');
  const leaver = await hire('Leaver', 'Clerk');
  const removed = await hire('Removed', 'Temp');
  await w.account.tasks.idle();
  // (The demo account's leaver may be offboarded by the daily schedule meanwhile: only this test's employees count.)
  const ours = [retitled, leaver, removed, '2'];
  const mine = () => r.events.filter((e) => ours.includes(e.subject));
  const seenByUserEvent = mine().length;
  expect(mine().map((e) => e.type)).toEqual(['employee.created', 'employee.created', 'employee.created']);
  const outboxCount = () => w.account.query(`SELECT COUNT(*) AS n FROM ${OUTBOX} WHERE ${OUTBOX_IDS.employee} IN (${ours.join(', ')})`);
  const queuedBefore = outboxCount();

  await request(retitled, 'title', 'Senior Analyst');
  await request(leaver, 'leave');
  await request(removed, 'delete');
  await request(2, 'title', 'Staff Engineer (set by HR)'); // a demo employee no save since install has described
  await w.account.tasks.idle();
  // No user event ran for these saves: nothing was queued, nothing arrived.
  expect(mine()).toHaveLength(seenByUserEvent);
  expect(outboxCount()).toEqual(queuedBefore);

  await hourPasses();
  const found = mine().slice(seenByUserEvent);
  expect(r.stats.rejected).toBe(0);
  const bySubject = (id: string | number) => found.filter((e) => e.subject === String(id));
  expect(found.every((e) => (e.data).context.foundBy === 'sweep' && (e.data).context.user === null)).toBe(true);
  expect(bySubject(retitled).map((e) => e.type)).toEqual(['employee.updated']);
  expect((bySubject(retitled)[0].data).changes).toEqual({ title: { old: 'Analyst', new: 'Senior Analyst' } });
  expect(bySubject(leaver).map((e) => e.type).sort()).toEqual(['employee.access_revoked', 'employee.deactivated', 'employee.updated']);
  expect((bySubject(leaver)[0].data).employee).toMatchObject({ isInactive: true, giveAccess: false });
  expect(bySubject(removed).map((e) => e.type)).toEqual(['employee.deleted']);
  expect((bySubject(removed)[0].data).employee).toMatchObject({ id: removed, lastName: 'Removed', title: 'Temp' });
  // Never described before: the update says what the employee is now and lists no changes it cannot know.
  expect(bySubject(2).map((e) => e.type)).toEqual(['employee.updated']);
  expect((bySubject(2)[0].data)).toMatchObject({ changes: {}, employee: { title: 'Staff Engineer (set by HR)' } });
  expect(found).toHaveLength(6);
  expect(sweepReport()).toMatchObject({ queued: 3, deleteQueued: 1, errors: [] });
  const marked = w.account.query(`SELECT ${OUTBOX_IDS.employee} AS employee FROM ${OUTBOX} WHERE ${OUTBOX_IDS.bySweep} = 'T' ORDER BY id`) as Array<{ employee: number }>;
  expect(marked.map((m) => String(m.employee)).sort()).toEqual([retitled, leaver, removed, '2'].sort());

  // Nothing new: the next sweep compares again and queues nothing; only the newest record per employee stays.
  await hourPasses();
  expect(mine().slice(seenByUserEvent)).toHaveLength(6);
  expect(sweepReport()).toMatchObject({ queued: 0, deleteQueued: 0, errors: [] });
  expect(sweepReport().removed).toBeGreaterThanOrEqual(3);
  expect(w.account.query(`SELECT ${OUTBOX_IDS.employee} AS employee, COUNT(*) AS n FROM ${OUTBOX} GROUP BY ${OUTBOX_IDS.employee} HAVING COUNT(*) > 1`)).toEqual([]);
});

test('a lost create is sent as a create; a change the user event did send is not sent again', async () => {
  await hourPasses();
  const kept = await hire('Kept', 'Engineer');
  expect((await rest('PATCH', `${w.account.url}/services/rest/record/v1/employee/${kept}`, { title: 'Lead Engineer', phone: '555-0100' })).status).toBe(204);
  expect((await rest('PATCH', `${w.account.url}/services/rest/record/v1/employee/${kept}`, { phone: '555-0101' })).status).toBe(204);
  // A hire inside another user event: the employee exists, no event does.
  const hr = await w.account.records.create(REQUEST, { name: 'hire', custrecord_el_fixture_hr_employee: 0, custrecord_el_fixture_hr_action: 'hire', custrecord_el_fixture_hr_title: 'Intern' });
  expect(hr).toBeGreaterThan(0);
  await w.account.tasks.idle();
  // (The demo account's leaver may be offboarded by the daily schedule meanwhile: only this test's employees count.)
  const mine = () => r.events.filter((e) => Number(e.subject) >= Number(kept));
  const before = mine().length;
  expect(mine().map((e) => e.type)).toEqual(['employee.created', 'employee.updated']);

  await hourPasses();
  const found = mine().slice(before);
  expect(found.map((e) => [e.type, (e.data).employee.title, (e.data).context.foundBy])).toEqual([['employee.created', 'Intern', 'sweep']]);
  expect(sweepReport()).toMatchObject({ queued: 1, gapQueued: 0, deleteQueued: 0, errors: [] });
  expect(sweepReport().unchanged).toBeGreaterThanOrEqual(3); // the kept employee, and the gaps between its three records
});

test('a lost change followed by one the user event recorded: the sweep finds the gap between the two records', async () => {
  await hourPasses();
  const id = await hire('Gap', 'Clerk');
  await request(id, 'leave'); // inside another user event: no event
  // Then a save the user event records: its "before" already holds the lost change, so its own event lists
  // only the title; the employee is, as a whole, what it should be.
  expect((await rest('PATCH', `${w.account.url}/services/rest/record/v1/employee/${id}`, { title: 'Former clerk' })).status).toBe(204);
  await w.account.tasks.idle();
  const mine = () => r.events.filter((e) => e.subject === id);
  expect(mine().map((e) => e.type)).toEqual(['employee.created', 'employee.updated']);
  expect((mine()[1].data).changes).toEqual({ title: { old: 'Clerk', new: 'Former clerk' } });

  await hourPasses();
  const found = mine().slice(2);
  expect(found.map((e) => e.type).sort()).toEqual(['employee.access_revoked', 'employee.deactivated', 'employee.updated']);
  for (const e of found) {
    expect((e.data).context.foundBy).toBe('sweep');
    // The gap event describes the employee right after the lost change, before the recorded one.
    expect((e.data).employee).toMatchObject({ title: 'Clerk', isInactive: true, giveAccess: false });
    expect((e.data).changes).toEqual({ isInactive: { old: false, new: true }, giveAccess: { old: true, new: false } });
  }
  expect(sweepReport()).toMatchObject({ gapQueued: 1, queued: 0, errors: [] });

  // The recorded save stays the employee's newest state: nothing more on the next sweeps, nor on a later save.
  await hourPasses();
  expect((await rest('PATCH', `${w.account.url}/services/rest/record/v1/employee/${id}`, { title: 'Alumnus' })).status).toBe(204);
  await hourPasses();
  expect(mine().slice(5).map((e) => [e.type, (e.data).context.foundBy])).toEqual([['employee.updated', 'userEvent']]);
  expect(sweepReport()).toMatchObject({ gapQueued: 0, queued: 0, errors: [] });
});
