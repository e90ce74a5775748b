/** Runs a CLI command set off (a scheduler tick, a user event's task.submit): waited for, then reported. */
import type { Account } from '../account';

/** The newest task's sequence number, to find the tasks started after it. */
export const lastTaskSeq = (account: Account): number => account.tasks.list({ limit: 1 })[0]?.seq ?? 0;

/**
 * Wait until no task is pending or running (a process that exits mid-run leaves it for the next boot),
 * then print each task started after `since`, oldest first. @returns whether every one completed
 */
export async function reportTasks(account: Account, since: number): Promise<boolean> {
  await account.tasks.idle();
  const tasks = account.tasks.list({ limit: 1000 }).filter((t) => t.seq > since).reverse();
  for (const t of tasks) console.log(`  ${t.id} ${t.script} ${t.deployment}: ${t.status}${t.error ? ` (${t.error})` : ''}`);
  return tasks.every((t) => t.status === 'COMPLETE');
}
