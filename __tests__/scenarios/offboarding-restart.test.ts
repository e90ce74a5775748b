/**
 * A leaver run killed mid-way (issue 17): the process dies by SIGKILL right after one leaver's save has
 * committed, a new process resumes the run on the same data (NetSuite runs the interrupted map key again,
 * with isRestarted and an SSS_APP_SERVER_RESTART error on record), and the emailed report's counts match
 * the records: that leaver counted once, as offboarded, and nobody as failed. The report is HTML with
 * every name escaped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateAccount } from '@employee-lifecycle/sandbox/generate-account';
import { spawnSandbox, type SandboxProcess } from '../helpers/spawn-sandbox';
import { mailText } from '../helpers/mail-text';
import { PARAM } from '../../src/offboarding/ids';

const MR = 'customscript_el_offboarding_mr';
const NOW = 'customdeploy_el_offboarding_now';
const EVIL = '<img src=x onerror=alert(1)>';

interface Mail { subject: string, body: string }
interface Row { id: number, isinactive: string, giveaccess: string }

let dataDir: string;
const running: SandboxProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a run killed after a save counts that leaver once, as offboarded, and reports no failure', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offboarding-restart-'));
  const { account, truth } = generateAccount({ employees: 400, seed: 11, today: '2026-11-02', offboard: 30, rigged: 0, protected: 0 });
  const victim = account.employees.find((e) => e.id === truth.offboard[12])!;
  const named = account.employees.find((e) => e.id === truth.offboard[3])!;
  named.firstName = EVIL;
  const accountFile = path.join(dataDir, 'account.json');
  fs.writeFileSync(accountFile, JSON.stringify(account));
  const leavers = (p: SandboxProcess) => p.call<Row[]>('query', `SELECT id, isinactive, giveaccess FROM employee WHERE releasedate <= TO_DATE('2026-11-02', 'YYYY-MM-DD') ORDER BY id`);

  const first = await spawnSandbox(dataDir, accountFile, { crashBeforeAfterSubmit: { recordType: 'employee', field: 'email', value: String(victim.email) } });
  running.push(first);
  await first.call('clock.set', '2026-11-02T20:00:00Z');
  const before = await leavers(first);
  await first.call('mapReduce.submit', MR, NOW, { [PARAM.dryRun]: false, [PARAM.recipients]: '1' });
  expect((await first.exited).signal).toBe('SIGKILL');

  const second = await spawnSandbox(dataDir, accountFile);
  running.push(second);
  await second.call('tasks.idle');
  const after = await leavers(second);
  const changed = after.filter((r) => {
    const was = before.find((b) => b.id === r.id)!;
    return (was.isinactive !== 'T' || was.giveaccess !== 'F') && r.isinactive === 'T' && r.giveaccess === 'F';
  });
  expect(changed.map((r) => r.id)).toContain(victim.id);
  const mails = (await second.call<Mail[]>('mailbox')).filter((m) => m.subject.startsWith('Leaver offboarding'));
  expect(mails).toHaveLength(1);
  expect(mails[0].subject).toMatch(new RegExp(`: ${changed.length} offboarded, \\d+ skipped, 0 failed$`));
  const text = mailText(mails[0].body);
  expect(text).toContain(`Offboarded: ${changed.length}`);
  expect(text).toContain('Failed: 0');
  expect(text.match(new RegExp(`\\(${victim.id}\\)`, 'g'))).toHaveLength(1);
  // The name is text in the mail, never markup.
  expect(mails[0].body).not.toContain('<img');
  expect(mails[0].body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(text).toContain(`${EVIL} ${named.lastName} (${named.id})`);
});
