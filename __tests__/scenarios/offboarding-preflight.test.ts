/**
 * The leaver run's preflight (issue 17): a leaver who supervises three active employees and one who owns
 * a live access token are held, not offboarded; each gets an employee.offboarding_held event with its
 * reasons at a real https receiver (verified with standardwebhooks), and the report names who would take
 * the supervisees. A leaver whose only supervisee is leaving too is offboarded.
 */
import { webhookWorld, type Receiver, type WebhookWorld } from '../helpers/webhook-account';
import { mailText } from '../helpers/mail-text';
import { leaversAccount } from '../helpers/leavers-account';
import { PARAM } from '../../src/offboarding/ids';
import { DISPATCH } from '../../src/webhooks/ids';

const MR = 'customscript_el_offboarding_mr';
const NOW = 'customdeploy_el_offboarding_now';
let w: WebhookWorld;
let receiver: Receiver;

beforeAll(async () => {
  const data = leaversAccount();
  // Lee (9) supervises only Max, who leaves too: nothing holds Lee.
  data.employees.push({ id: 10, firstName: 'Max', lastName: 'Moving', email: 'max.moving@example.com', giveAccess: true, subsidiary: 1, releaseDate: '2026-10-20', supervisor: 9 });
  w = await webhookWorld({ account: data });
  receiver = await w.receiver();
  await w.endpoint(receiver.url);
  w.account.clock.set('2026-11-02T20:00:00Z');
});
afterAll(async () => w?.close());

test('leavers something depends on are held with their reasons, sent as events; the others are offboarded', async () => {
  const s = await w.account.mapReduce.run(MR, NOW, { [PARAM.dryRun]: false, [PARAM.recipients]: '1' });
  expect(s.status).toBe('COMPLETE');
  await w.account.tasks.idle();
  await w.account.mapReduce.run(DISPATCH.script, DISPATCH.onDemand);

  const state = (id: number) => w.account.query('SELECT isinactive, giveaccess FROM employee WHERE id = ?', [id])[0];
  expect([4, 8].map(state)).toEqual([{ isinactive: 'F', giveaccess: 'T' }, { isinactive: 'F', giveaccess: 'T' }]);
  expect([9, 10].map(state)).toEqual([{ isinactive: 'T', giveaccess: 'F' }, { isinactive: 'T', giveaccess: 'F' }]);

  const held = receiver.events.filter((e) => e.type === 'employee.offboarding_held').sort((a, b) => Number(a.subject) - Number(b.subject));
  expect(held.map((e) => e.subject)).toEqual(['4', '8']);
  const linus = held[0].data as unknown as { reasons: Array<{ kind: string, detail: string }>, successor: { id: string } };
  expect(linus.reasons.map((r) => r.kind)).toEqual(['supervisor']);
  expect(linus.reasons[0].detail).toBe('supervises 3 active employees (Grace Hopper (3), Hannah Hr (5), Omar Staying (7)); reassign them to Ada Admin (1), the leaver\'s own supervisor');
  expect(linus.successor.id).toBe('1');
  const tara = held[1].data as unknown as { reasons: Array<{ kind: string, detail: string }> };
  expect(tara.reasons).toEqual([{ kind: 'token_owner', detail: 'owns 1 live access token: "Payroll export - Tara" of Employee Sync (role Employee Sync Integration); offboarding stops them' }]);
  expect(receiver.stats.rejected).toBe(0);

  const mail = w.account.mailbox().filter((m) => m.subject.startsWith('Leaver offboarding')).pop()!;
  expect(mail.subject).toMatch(/: 2 offboarded, 2 skipped, 0 failed$/);
  const text = mailText(mail.body);
  expect(text).toContain('Held, supervisors of active employees: 1');
  expect(text).toContain('Linus Leaver (4): supervises Grace Hopper (3), Hannah Hr (5), Omar Staying (7); reassign to Ada Admin (1)');
});
