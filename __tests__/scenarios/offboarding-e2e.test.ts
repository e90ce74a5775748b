/**
 * Leaver offboarding end to end in the sandbox. A generated account of 10,000 employees, some hundreds of
 * them leavers in every state (protected, token owners, already offboarded, rigged to fail by the fixture
 * user event in __tests__/fixtures/offboarding-overlay), runs dry, then into the guard, then live, then
 * live again; an https receiver verifies the employee.deactivated and employee.access_revoked events the
 * offboarding saves raise. Small accounts cover token owners allowed, roles, time zones and bad parameters.
 */
import * as path from 'node:path';
import { tba } from '../helpers/rest-client';
import { webhookWorld, type WebhookWorld } from '../helpers/webhook-account';
import { mr } from '../helpers/map-reduce';
import { mailText } from '../helpers/mail-text';
import { PARAM } from '../../src/offboarding/ids';
import { DISPATCH, ENDPOINT } from '../../src/webhooks/ids';

import { generateAccount } from '@employee-lifecycle/sandbox/generate-account';

const MR = 'customscript_el_offboarding_mr';
const NOW = 'customdeploy_el_offboarding_now';
const OVERLAY = path.join(__dirname, '..', 'fixtures', 'offboarding-overlay');
const TODAY = '2026-11-02';
/** Noon in Los Angeles, the generated account's time zone. */
const NOON = '2026-11-02T20:00:00Z';

interface Row { id: number; isinactive: string; giveaccess: string; sb_version: number; roles: number }
type Truth = ReturnType<typeof generateAccount>['truth'];

const live = (more: Record<string, unknown> = {}) => ({ [PARAM.dryRun]: false, ...more });
const outcomes = (s: { output: Array<{ key: string; value: string }> }) => s.output.map((o) => JSON.parse(o.value) as { id: string; status: string; reason?: string; error?: string; tokens?: unknown[]; rolesRemoved?: number });
const idsWith = (s: Parameters<typeof outcomes>[0], f: (o: ReturnType<typeof outcomes>[number]) => boolean) => outcomes(s).filter(f).map((o) => Number(o.id)).sort((a, b) => a - b);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

function employees(w: WebhookWorld): Map<number, Row> {
  const rows = w.account.db.prepare(`SELECT e.id, e.isinactive, e.giveaccess, e.sb_version,
    (SELECT COUNT(*) FROM employeerolesforsearch r WHERE r.entity = e.id) AS roles FROM employee e`).all() as Row[];
  return new Map(rows.map((r) => [r.id, r]));
}
const changedIds = (before: Map<number, Row>, after: Map<number, Row>) =>
  [...after.values()].filter((r) => JSON.stringify(r) !== JSON.stringify(before.get(r.id))).map((r) => r.id).sort((a, b) => a - b);

describe('10,000 employees', () => {
  let w: WebhookWorld;
  let truth: Truth;
  let initial: Map<number, Row>;
  const protectedIds = () => truth.protected.join(', ');
  /** Leavers a live run offboards: the rigged ones fail. */
  const toOffboard = () => sorted([...truth.offboard, ...truth.dueToday, ...truth.deadTokenOwner]);

  beforeAll(async () => {
    const generated = generateAccount({ employees: 10000, seed: 7, today: TODAY });
    truth = generated.truth;
    w = await webhookWorld({ account: generated.account, overlays: [OVERLAY] });
    w.account.clock.set(NOON);
    initial = employees(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  test('a dry run changes nothing and reports who a live run would offboard and skip', async () => {
    const s = mr(await w.account.mapReduce.run(MR, NOW, { [PARAM.dryRun]: true, [PARAM.maxChanges]: 100, [PARAM.protectedIds]: protectedIds(), [PARAM.recipients]: '1' }));
    expect(s.status).toBe('COMPLETE');
    expect(changedIds(initial, employees(w))).toEqual([]);
    expect(idsWith(s, (o) => o.status === 'would_offboard')).toEqual(sorted([...toOffboard(), ...truth.rigged]));
    expect(idsWith(s, (o) => o.reason === 'protected')).toEqual(truth.protected);
    expect(idsWith(s, (o) => o.reason === 'token_owner')).toEqual(truth.tokenOwner);
    const [mail] = w.account.mailbox();
    expect(mail.subject).toBe(`Leaver offboarding (dry run), account TSTDRV-GEN7: ${toOffboard().length + truth.rigged.length} would be offboarded, ${truth.protected.length + truth.tokenOwner.length} skipped, 0 failed`);
    expect(mailText(mail.body)).toContain(`A live run would stop before any change: ${toOffboard().length + truth.rigged.length} is more than the 100 one run may change.`);
    expect(mailText(mail.body)).toContain(`Already offboarded before this run: ${truth.alreadyOffboarded.length}`);
  });

  test('the guard stops an oversized live run before any change, and the report says why', async () => {
    const s = mr(await w.account.mapReduce.run(MR, NOW, live({ [PARAM.maxChanges]: 100, [PARAM.protectedIds]: protectedIds(), [PARAM.recipients]: '1, hr-ops@example.com' })));
    expect(s.status).toBe('COMPLETE');
    expect(s.output.map((o) => o.key)).toEqual(['guard']);
    expect(changedIds(initial, employees(w))).toEqual([]);
    const mail = w.account.mailbox({ to: 'hr-ops@example.com' }).pop()!;
    const n = toOffboard().length + truth.rigged.length;
    expect(mail.subject).toBe(`Leaver offboarding, account TSTDRV-GEN7: stopped, ${n} leavers exceed the limit of 100`);
    expect(mailText(mail.body)).toContain(`${n} employees would be offboarded, more than the 100 one run may change, so none were changed.`);
    expect(w.account.logs({ script: MR }).filter((l) => l.title === 'Offboarding stopped by the guard')).toHaveLength(1);
  });

  test('a live run offboards exactly the leavers with both flags, skips and reports the rest; the receiver sees both events for each', async () => {
    const r = await w.receiver();
    await w.endpoint(r.url, { [ENDPOINT.eventTypes]: 'employee.deactivated, employee.access_revoked' });
    const s = mr(await w.account.mapReduce.run(MR, NOW, live({ [PARAM.maxChanges]: 300, [PARAM.protectedIds]: protectedIds(), [PARAM.recipients]: '1' })));
    expect(s.status).toBe('COMPLETE');
    const after = employees(w);
    const changed = changedIds(initial, after);
    // The rigged "changed by someone else" employees were saved by that someone (their version moved) but not offboarded.
    const raced = truth.rigged.filter((id) => after.get(id)!.sb_version !== initial.get(id)!.sb_version);
    expect(changed).toEqual(sorted([...toOffboard(), ...raced]));
    for (const id of toOffboard()) expect([id, after.get(id)!.isinactive, after.get(id)!.giveaccess]).toEqual([id, 'T', 'F']);
    for (const id of [...truth.rigged, ...truth.protected, ...truth.tokenOwner, ...truth.future]) {
      expect({ id, isinactive: after.get(id)!.isinactive, giveaccess: after.get(id)!.giveaccess }).toEqual({ id, isinactive: initial.get(id)!.isinactive, giveaccess: initial.get(id)!.giveaccess });
    }
    expect(idsWith(s, (o) => o.status === 'offboarded')).toEqual(toOffboard());
    const failed = outcomes(s).filter((o) => o.status === 'failed').map((o) => o.error!.split(':')[0]).sort();
    expect(failed).toEqual(['INSUFFICIENT_PERMISSION', 'INSUFFICIENT_PERMISSION', 'INVALID_FLD_VALUE', 'INVALID_FLD_VALUE', 'RCRD_HAS_BEEN_CHANGED', 'RCRD_HAS_BEEN_CHANGED']);
    expect(s.stages.map.errors).toEqual([]);

    const mail = w.account.mailbox().pop()!;
    expect(mail.subject).toBe(`Leaver offboarding, account TSTDRV-GEN7: ${toOffboard().length} offboarded, ${truth.protected.length + truth.tokenOwner.length} skipped, ${truth.rigged.length} failed`);
    for (const id of truth.rigged) expect(mailText(mail.body)).toMatch(new RegExp(`\\(${id}\\): (RCRD_HAS_BEEN_CHANGED|INVALID_FLD_VALUE|INSUFFICIENT_PERMISSION): `));
    for (const id of truth.tokenOwner) expect(mailText(mail.body)).toContain(`(${id}): token "Payroll export - employee ${id}"`);
    const audit = w.account.logs({ script: MR }).filter((l) => l.title === 'Offboarding run').pop()!;
    expect(audit.detail).toMatch(new RegExp(`^live: offboarded ${toOffboard().length}, skipped ${truth.protected.length + truth.tokenOwner.length} .*failed ${truth.rigged.length}; \\d+ units`));

    await w.account.tasks.idle();
    await w.account.mapReduce.run(DISPATCH.script, DISPATCH.onDemand);
    expect(r.stats.rejected).toBe(0);
    const seen = (type: string) => sorted(r.events.filter((e) => e.type === type).map((e) => Number(e.subject)));
    expect(seen('employee.deactivated')).toEqual(toOffboard().filter((id) => initial.get(id)!.isinactive === 'F'));
    expect(seen('employee.access_revoked')).toEqual(toOffboard().filter((id) => initial.get(id)!.giveaccess === 'T'));
    expect(new Set(r.events.map((e) => e.data.context.executionContext))).toEqual(new Set(['MAPREDUCE']));
  });

  test('a second live run changes nothing', async () => {
    const before = employees(w);
    const s = mr(await w.account.mapReduce.run(MR, NOW, live({ [PARAM.maxChanges]: 300, [PARAM.protectedIds]: protectedIds(), [PARAM.recipients]: '1' })));
    const after = employees(w);
    // Only the rigged "someone else" saves again; no employee's flags or roles move.
    const raced = truth.rigged.filter((id) => after.get(id)!.sb_version !== before.get(id)!.sb_version);
    expect(raced.length).toBeLessThan(truth.rigged.length);
    expect(changedIds(before, after)).toEqual(raced);
    expect(raced.map((id) => ({ ...after.get(id)!, sb_version: 0 }))).toEqual(raced.map((id) => ({ ...before.get(id)!, sb_version: 0 })));
    expect(idsWith(s, (o) => o.status === 'offboarded')).toEqual([]);
    expect(mailText(w.account.mailbox().pop()!.body)).toContain(`Already offboarded before this run: ${truth.alreadyOffboarded.length + toOffboard().length}`);
  });
});

describe('small accounts', () => {
  let w: WebhookWorld;
  let truth: Truth;
  const small = async (today = TODAY) => {
    const generated = generateAccount({ employees: 80, seed: 3, today, offboard: 6, dueToday: 2, deadTokenOwners: 1, protected: 2, tokenOwners: 2, alreadyOffboarded: 3, rigged: 0, future: 3 });
    truth = generated.truth;
    w = await webhookWorld({ account: generated.account, overlays: [OVERLAY] });
  };
  afterEach(async () => {
    await w?.close();
  });

  test('an offboarded token owner (when allowed) can no longer authenticate to REST; the report names the token', async () => {
    await small();
    w.account.clock.set(NOON);
    const owner = truth.tokenOwner[0];
    const asOwner = tba({ realm: 'TSTDRV-GEN3', consumerKey: owner % 2 ? 'gen-consumer-key-badges' : 'gen-consumer-key-payroll',
      consumerSecret: owner % 2 ? 'gen-consumer-secret-badges' : 'gen-consumer-secret-payroll', tokenId: `gen-token-id-${owner}`, tokenSecret: `gen-token-secret-${owner}` });
    const url = `${w.account.url}/services/rest/record/v1/employee?limit=1`;
    expect((await asOwner('GET', url)).status).toBe(200);
    const s = mr(await w.account.mapReduce.run(MR, NOW, live({ [PARAM.allowTokenOwners]: true, [PARAM.recipients]: '1' })));
    const o = outcomes(s).find((x) => Number(x.id) === owner)!;
    expect(o).toMatchObject({ status: 'offboarded', tokens: [{ name: `Payroll export - employee ${owner}` }] });
    expect(w.account.records.get('employee', owner)).toMatchObject({ isInactive: true, giveAccess: false });
    const refused = await asOwner('GET', url);
    expect(refused.status).toBe(401);
    expect(refused.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
    expect(mailText(w.account.mailbox().pop()!.body)).toContain(`(${owner}); these stop working: token "Payroll export - employee ${owner}"`);
  });

  test('with "remove roles", the role assignments go in the same single save', async () => {
    await small();
    w.account.clock.set(NOON);
    const s = mr(await w.account.mapReduce.run(MR, NOW, live({ [PARAM.removeRoles]: true })));
    const done = idsWith(s, (o) => o.status === 'offboarded');
    // No ids are protected in this run, so the protected leavers go too.
    expect(done).toEqual(sorted([...truth.offboard, ...truth.dueToday, ...truth.deadTokenOwner, ...truth.protected]));
    for (const id of done) expect(w.account.records.get('employee', id)!.roles).toMatchObject({ items: [] });
    const withRoles = outcomes(s).filter((o) => (o.rolesRemoved ?? 0) > 0);
    expect(withRoles.length).toBeGreaterThan(0);
    // One load and one save per employee (5 + 10) and the read-back (1), with or without roles to remove.
    expect(new Set(outcomes(s).filter((o) => o.status === 'offboarded').map((o) => (o as { units?: number }).units))).toEqual(new Set([16]));
  });

  test('"today" is the account\'s: at 22:30 in Los Angeles a termination date of tomorrow (already today in UTC) is not due', async () => {
    await small('2026-11-03');
    w.account.clock.set('2026-11-03T06:30:00Z');
    const dry = { [PARAM.dryRun]: true };
    const early = mr(await w.account.mapReduce.run(MR, NOW, dry));
    expect(idsWith(early, () => true).filter((id) => truth.dueToday.includes(id))).toEqual([]);
    w.account.clock.advance('2h');
    const later = mr(await w.account.mapReduce.run(MR, NOW, dry));
    expect(idsWith(later, (o) => o.status === 'would_offboard').filter((id) => truth.dueToday.includes(id))).toEqual(truth.dueToday);
  });

  test('bad parameters stop the run before any change, and the report says what to fix', async () => {
    await small();
    w.account.clock.set(NOON);
    const s = mr(await w.account.mapReduce.run(MR, NOW, live({ [PARAM.maxChanges]: 0, [PARAM.protectedIds]: '4, Linus', [PARAM.recipients]: '1' })));
    expect(s.output).toEqual([]);
    expect(JSON.parse(s.stages.input.error!)).toMatchObject({ name: 'OFFBOARDING_BAD_PARAMETERS' });
    const mail = w.account.mailbox().pop()!;
    expect(mail.subject).toMatch(/: did not run$/);
    expect(mailText(mail.body)).toContain('"Linus" is not an employee internal id');
    expect(mailText(mail.body)).toContain('Most employees one run may change is 0');
  });

  test('the daily deployment runs on the account clock', async () => {
    await small();
    // The scheduler counts occurrences from its boot (real time): a day later, the 09:00 UTC run is due.
    w.account.clock.advance('1d');
    const started = await w.account.scheduler.tick();
    await w.account.tasks.idle();
    const runs = started.map((id) => w.account.tasks.get(id)!).filter((t) => t.script === MR);
    expect(runs).toMatchObject([{ deployment: 'customdeploy_el_offboarding_daily', status: 'COMPLETE' }]);
    for (const id of truth.offboard) expect(w.account.records.get('employee', id)).toMatchObject({ isInactive: true, giveAccess: false });
  });
});
