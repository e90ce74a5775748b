/**
 * summarize: gather every employee's outcome and the run's errors into the report, log it where an
 * admin finds it (title "Offboarding run"), and email it to the recipients.
 */
import * as email from 'N/email';
import * as runtime from 'N/runtime';
import type { EntryPoints } from 'N/types';
import { submitDispatcher } from '../webhooks/employee-change';
import { countOffboardedLeavers } from './leavers';
import { GUARD_KEY, type GuardStop, type Outcome } from './outcome';
import { currentSettings } from './parameters';
import { counts, htmlBody, logLine, subject, type RunReport } from './report';
import type { Recipients } from './settings';

export function reportRun(summary: EntryPoints.MapReduce.summarizeContext): RunReport {
  const { settings } = currentSettings();
  // One outcome per employee: a map key run again after a restart may have written before it was cut short.
  const byEmployee = new Map<string, Outcome>();
  let guard: GuardStop | null = null;
  summary.output.iterator().each((key, value) => {
    if (key === GUARD_KEY) guard = JSON.parse(value) as GuardStop;
    else {
      const o = JSON.parse(value) as Outcome;
      byEmployee.set(o.id, o);
    }
    return true;
  });
  const outcomes = [...byEmployee.values()];
  // An error of a key that then ended with an outcome (the restart NetSuite records, then the run again) is no failure.
  const finished = new Set(outcomes.map((o) => o.inputKey));
  const uncaught: RunReport['uncaught'] = [];
  summary.mapSummary.errors.iterator().each((key, err) => {
    if (!finished.has(key) && !uncaught.some((u) => u.key === key)) uncaught.push({ key, error: errorText(err) });
    return true;
  });
  const inputError = summary.inputSummary.error ? errorText(summary.inputSummary.error) : null;
  const offboarded = outcomes.filter((o) => o.status === 'offboarded' || o.status === 'already_done').length;
  const report: RunReport = {
    accountId: runtime.accountId, dryRun: settings.dryRun, guard, inputError, outcomes, uncaught,
    // This run's own offboardings are leavers who are offboarded now; the rest were done before it.
    alreadyDone: inputError ? 0 : Math.max(0, countOffboardedLeavers() - offboarded),
    usage: summary.usage, seconds: summary.seconds,
  };
  const line = logLine(report);
  log.audit({ title: 'Offboarding run', details: line });
  for (const o of outcomes.filter((x) => x.status === 'failed')) log.error({ title: 'Offboarding failure', details: `employee ${o.id} (${o.name}): ${o.error ?? ''}` });
  for (const u of uncaught) log.error({ title: 'Offboarding failure', details: `input row ${u.key}: ${u.error}` });
  sendReport(settings.recipients, subject(report), htmlBody(report, settings.maxChanges));
  // The held leavers' events wait in the outbox: one dispatcher run sends them all.
  if (outcomes.some((o) => o.heldEvent)) submitDispatcher();
  log.debug({ title: 'Offboarding counts', details: JSON.stringify(counts(report)) });
  return report;
}

/** NetSuite hands map errors to summarize as the serialized SuiteScriptError: show its name and message. */
function errorText(raw: string): string {
  try {
    const e = JSON.parse(raw) as { name?: string; message?: string };
    return e.name || e.message ? `${e.name ?? 'Error'}: ${e.message ?? ''}` : raw;
  } catch {
    return raw;
  }
}

/**
 * email.send's author must be an employee. The run's user when it is one; in a scheduled run that may
 * be the system (id -4, unverified), so then the first recipient who is an employee.
 */
function sendReport(to: Recipients, subjectText: string, bodyText: string): void {
  const ids = to.employees.map(Number);
  if (!ids.length && !to.emails.length) {
    log.audit({ title: 'Offboarding report not emailed', details: 'No report recipients are set on the deployment.' });
    return;
  }
  const user = runtime.getCurrentUser().id;
  const author = user > 0 ? user : Number(to.employees[0] ?? 0);
  if (!author) {
    log.error({ title: 'Offboarding report not emailed', details: 'No sender: the run has no user, so list an employee id among the report recipients.' });
    return;
  }
  try {
    // email.send takes ids or addresses, typed as one kind per list: employees as recipients, addresses as cc.
    const lists = ids.length ? { recipients: ids, cc: to.emails.length ? to.emails : undefined } : { recipients: to.emails };
    email.send({ author, ...lists, subject: subjectText, body: bodyText });
  } catch (e) {
    log.error({ title: 'Offboarding report not emailed', details: `${(e as Error).name}: ${(e as Error).message}` });
  }
}
