/**
 * `tick`: the scheduler once at the account clock, as `npm start` does every 30 s, so a scheduled
 * deployment can be run after `clock advance` without a running start.
 */
import type { Account } from '../account';
import { lastTaskSeq, reportTasks } from './tasks';

export async function tick(account: Account): Promise<void> {
  const since = lastTaskSeq(account);
  const at = account.clock.now().toISOString();
  const started = await account.scheduler.tick();
  if (!started.length) {
    console.log(`Nothing was due at ${at} (account clock). Scheduled deployments:`);
    for (const d of account.scheduler.deployments()) console.log(`  ${d.script} ${d.deployment}: ${d.schedule}; last run ${d.lastRun ?? 'never'}`);
    for (const p of account.scheduler.problems) console.log(`  ${p.deployment}: not scheduled: ${p.problem}`);
    return;
  }
  console.log(`Scheduler tick at ${at} (account clock) started ${started.length}: ${started.join(', ')}. Their runs (and any they started):`);
  if (!(await reportTasks(account, since))) process.exitCode = 1;
}
