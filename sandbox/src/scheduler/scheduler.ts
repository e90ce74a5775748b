/**
 * Scheduled deployments (status SCHEDULED with a <recurrence>) of Map/Reduce and scheduled scripts, run
 * on the ACCOUNT clock: tick() submits every deployment with an occurrence due since its last run. Tests
 * move the clock and call tick(); `npm start` also ticks on a timer, `npm run sandbox -- tick` once.
 *
 * Missed occurrences: a deployment due several times since its last run (the clock jumped, the sandbox was
 * down) runs once, as NetSuite runs a script that missed its time once after downtime (context.InvocationType
 * SKIPPED) and does not queue every missed occurrence (assumed; Oracle says no more). An occurrence that
 * comes while the previous run is unfinished is skipped (assumed: one unfinished instance per deployment).
 * Occurrences before the sandbox first saw the deployment never run (assumed: a newly deployed schedule
 * waits for its next time).
 *
 * The clock moved back (`clock set` to before the account was loaded, or before the last run): NetSuite's
 * clock never does, so the sandbox takes the new time as the deployment's new start and runs the next
 * occurrence after it (assumed; no Oracle source). Without this, a last run "in the future" or a first-seen
 * time later than the clock would block the deployment until real time caught up. State: sb_settings
 * (scheduler.since.<deployment>, scheduler.last.<deployment>).
 */
import type { Database } from 'better-sqlite3';
import type { Project } from '../sdf/project';
import { getSetting, setSetting } from '../storage/db';
import { parseRecurrence, RecurrenceError, type Recurrence } from './recurrence';

export interface Entry { script: string, deployment: string, kind: 'MAP_REDUCE' | 'SCHEDULED_SCRIPT', recurrence: Recurrence }

export class Scheduler {
  readonly db: Database;
  readonly nowMs: () => number;
  /** starts a run of the deployment (throws when it cannot) */
  readonly submit: (e: Entry) => string | null;
  readonly note: (kind: string, detail: string) => void;
  readonly entries: Entry[] = [];
  /** Deployments the scheduler cannot run, with why (also written to the log at boot). */
  readonly problems: Array<{ deployment: string, problem: string }> = [];
  timer: NodeJS.Timeout | null = null;

  constructor(o: { project: Project, db: Database, timeZone: string, nowMs: () => number, submit: (e: Entry) => string | null, note: (kind: string, detail: string) => void }) {
    this.db = o.db;
    this.nowMs = o.nowMs;
    this.submit = o.submit;
    this.note = o.note;
    for (const script of o.project.scripts) {
      if (script.type !== 'mapreducescript' && script.type !== 'scheduledscript') continue;
      for (const d of script.deployments) {
        if ((d.status || '').toUpperCase() !== 'SCHEDULED' || !d.isdeployed) continue;
        const where = `${script.scriptid}/${d.scriptid} (${script.xmlFile})`;
        try {
          if (!d.recurrence) throw new RecurrenceError(`${where}: status SCHEDULED needs a <recurrence> (single, daily, everyweekday or weekly); without one set the status to NOTSCHEDULED.`);
          const recurrence = parseRecurrence(d.recurrence, { timeZone: o.timeZone, where });
          this.entries.push({ script: script.scriptid, deployment: d.scriptid, kind: script.type === 'mapreducescript' ? 'MAP_REDUCE' : 'SCHEDULED_SCRIPT', recurrence });
        } catch (e) {
          if (!(e instanceof RecurrenceError)) throw e;
          this.problems.push({ deployment: d.scriptid, problem: e.message });
          this.note('scheduler.refused', `${e.message} The deployment will not run on a schedule.`);
        }
      }
    }
    const now = String(this.nowMs());
    for (const e of this.entries) if (!getSetting(this.db, `scheduler.since.${e.deployment}`)) setSetting(this.db, `scheduler.since.${e.deployment}`, now);
  }

  /** Run what is due on the account clock. @returns the ids of the tasks started */
  tick(): string[] {
    const now = this.nowMs();
    const started: string[] = [];
    for (const e of this.entries) {
      let since = Number(getSetting(this.db, `scheduler.since.${e.deployment}`) || now);
      let last = Number(getSetting(this.db, `scheduler.last.${e.deployment}`) || 0);
      if (now < since || now < last) {
        since = now;
        last = 0;
        setSetting(this.db, `scheduler.since.${e.deployment}`, since);
        setSetting(this.db, `scheduler.last.${e.deployment}`, last);
        this.note('scheduler.clock-back', `The account clock (${new Date(now).toISOString()}) is before ${e.script}/${e.deployment}'s last run or first sight: its next occurrence after now runs.`);
      }
      const due = e.recurrence.latestAtOrBefore(now);
      if (due === null || due < since || due <= last) continue;
      setSetting(this.db, `scheduler.last.${e.deployment}`, due);
      try {
        const id = this.submit(e);
        if (id) started.push(id);
      } catch (err) {
        this.note('scheduler.skipped', `${e.script}/${e.deployment} was due at ${new Date(due).toISOString()} and did not start: ${(err as Error).message}`);
      }
    }
    return started;
  }

  /** What is scheduled, for people: each deployment, its recurrence, its last occurrence run. */
  deployments(): Array<{ script: string, deployment: string, schedule: string, lastRun: string | null }> {
    return this.entries.map((e) => {
      const last = Number(getSetting(this.db, `scheduler.last.${e.deployment}`) || 0);
      return { script: e.script, deployment: e.deployment, schedule: e.recurrence.describe, lastRun: last ? new Date(last).toISOString() : null };
    });
  }

  /** Tick on a timer (real time), for a running sandbox. */
  every(ms: number, onError: (e: unknown) => void): void {
    this.stop();
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (e) {
        onError(e);
      }
    }, ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
