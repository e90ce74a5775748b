/**
 * The run's report: counts, every employee skipped or failed with why, what a token owner's
 * offboarding breaks, and the governance used. Text for the log, the same as HTML for the email (every
 * value escaped: a name is text, never markup), and one log line for the admin.
 */
import { escapeHtml } from '../access/html';
import type { GuardStop, Outcome } from './outcome';

export interface RunReport {
  accountId: string;
  dryRun: boolean;
  /** Set when getInputData stopped the run before any change. */
  guard: GuardStop | null;
  /** Why the run could not start (bad parameters, a failed query), from inputSummary.error. */
  inputError: string | null;
  outcomes: Outcome[];
  /** Map invocations that ended in an error the script could not catch (e.g. the usage limit). */
  uncaught: Array<{ key: string; error: string }>;
  /** Leavers who were already inactive without login access before this run. */
  alreadyDone: number;
  usage: number;
  seconds: number;
}

export interface Counts {
  offboarded: number;
  wouldOffboard: number;
  skippedProtected: number;
  skippedTokenOwner: number;
  skippedSupervisor: number;
  alreadyDone: number;
  failed: number;
}

export function counts(r: RunReport): Counts {
  const n = (f: (o: Outcome) => boolean) => r.outcomes.filter(f).length;
  return {
    offboarded: n((o) => o.status === 'offboarded'),
    wouldOffboard: n((o) => o.status === 'would_offboard'),
    skippedProtected: n((o) => o.status === 'skipped' && o.reason === 'protected'),
    skippedTokenOwner: n((o) => o.status === 'skipped' && o.reason === 'token_owner'),
    skippedSupervisor: n((o) => o.status === 'skipped' && o.reason === 'supervisor'),
    alreadyDone: r.alreadyDone + n((o) => o.status === 'already_done'),
    failed: n((o) => o.status === 'failed') + r.uncaught.length,
  };
}

/** Average units per employee the run offboarded (or would offboard), or null when there were none. */
export function unitsPerOffboarded(r: RunReport): number | null {
  const done = r.outcomes.filter((o) => o.status === 'offboarded' || o.status === 'would_offboard');
  return done.length ? Math.round(done.reduce((s, o) => s + o.units, 0) / done.length) : null;
}

const who = (o: Outcome) => `${o.name} (${o.id})`;
const skipped = (c: Counts) => c.skippedProtected + c.skippedTokenOwner + c.skippedSupervisor;
const tokenList = (o: Outcome) => (o.tokens ?? []).map((t) => `token "${t.name}" of ${t.application} (role ${t.role})`).join('; ');

export function logLine(r: RunReport): string {
  const c = counts(r);
  const mode = r.dryRun ? 'dry run' : 'live';
  if (r.inputError) return `${mode}: did not start: ${r.inputError}`;
  if (r.guard) return `${mode}: stopped by the guard, nothing changed: ${r.guard.toChange} to change > limit ${r.guard.maxChanges}`;
  const done = r.dryRun ? `would offboard ${c.wouldOffboard}` : `offboarded ${c.offboarded}`;
  return `${mode}: ${done}, skipped ${skipped(c)} (protected ${c.skippedProtected}, token owners ${c.skippedTokenOwner}, supervisors ${c.skippedSupervisor}), ` +
    `already done ${c.alreadyDone}, failed ${c.failed}; ${r.usage} units in ${r.seconds} s`;
}

export function subject(r: RunReport): string {
  const c = counts(r);
  const prefix = `Leaver offboarding${r.dryRun ? ' (dry run)' : ''}, account ${r.accountId}`;
  if (r.inputError) return `${prefix}: did not run`;
  if (r.guard) return `${prefix}: stopped, ${r.guard.toChange} leavers exceed the limit of ${r.guard.maxChanges}`;
  const done = r.dryRun ? `${c.wouldOffboard} would be offboarded` : `${c.offboarded} offboarded`;
  return `${prefix}: ${done}, ${skipped(c)} skipped, ${c.failed} failed`;
}

export function body(r: RunReport, maxChanges: number): string {
  const c = counts(r);
  const lines: string[] = [subject(r), ''];
  if (r.inputError) {
    lines.push('The run did not start, and nothing was changed:', `  ${r.inputError}`);
    return lines.join('\n');
  }
  if (r.guard) {
    lines.push(r.guard.reason);
    return lines.join('\n');
  }
  const section = (title: string, list: Outcome[], line: (o: Outcome) => string) => {
    if (!list.length) return;
    lines.push('', `${title} (${list.length}):`, ...list.map((o) => `  - ${line(o)}`));
  };
  const by = (f: (o: Outcome) => boolean) => r.outcomes.filter(f).sort((a, b) => Number(a.id) - Number(b.id));
  lines.push(r.dryRun ? 'Dry run: nothing was changed. A live run would do the following.' : 'Employees past their termination date are now inactive without login access.');
  lines.push(
    '',
    `${r.dryRun ? 'Would offboard' : 'Offboarded'}: ${r.dryRun ? c.wouldOffboard : c.offboarded}`,
    `Skipped, listed as never to touch: ${c.skippedProtected}`,
    `Skipped, owners of live access tokens: ${c.skippedTokenOwner}`,
    `Held, supervisors of active employees: ${c.skippedSupervisor}`,
    `Already offboarded before this run: ${c.alreadyDone}`,
    `Failed: ${c.failed}`,
  );
  if (r.dryRun && c.wouldOffboard > maxChanges) {
    lines.push('', `A live run would stop before any change: ${c.wouldOffboard} is more than the ${maxChanges} one run may change.`);
  }
  section('Failed', by((o) => o.status === 'failed'), (o) => `${who(o)}: ${o.error ?? 'unknown error'}`);
  if (r.uncaught.length) lines.push(...r.uncaught.map((u) => `  - input row ${u.key}: ${u.error}`));
  section('Skipped: owners of live access tokens (their integrations keep working; offboard them after moving the tokens)',
    by((o) => o.reason === 'token_owner'), (o) => `${who(o)}: ${tokenList(o)}`);
  section('Held: supervisors of active employees (reassign them, then run again; an employee.offboarding_held event went to the webhooks)',
    by((o) => o.reason === 'supervisor'), (o) => `${who(o)}: supervises ${(o.supervisees ?? []).map((p) => `${p.name} (${p.id})`).join(', ')}; `
      + (o.successor ? `reassign to ${o.successor.name} (${o.successor.id})` : 'no supervisor of their own to take them'));
  section('Skipped: listed as never to touch', by((o) => o.reason === 'protected'), who);
  const changed = by((o) => o.status === 'offboarded' || o.status === 'would_offboard');
  section(r.dryRun ? 'Would offboard' : 'Offboarded', changed, (o) =>
    `${who(o)}${o.rolesRemoved ? `, ${o.rolesRemoved} role${o.rolesRemoved > 1 ? 's' : ''} removed` : ''}` +
    `${o.tokens?.length ? `; these stop working: ${tokenList(o)}` : ''}`);
  const per = unitsPerOffboarded(r);
  lines.push('', `Governance: ${r.usage} units in ${r.seconds} s${per === null ? '' : `, ${per} units per employee ${r.dryRun ? 'checked' : 'offboarded'}`}.`);
  return lines.join('\n');
}

/**
 * The report as the email's HTML: NetSuite sends an email body as HTML, so a name like <img …> in the
 * text would render. The text's first line is the heading, "  - " lines are list items, others paragraphs.
 */
export function htmlBody(r: RunReport, maxChanges: number): string {
  const [title, ...lines] = body(r, maxChanges).split('\n');
  const out: string[] = [`<h2 style="font:bold 16px Arial,sans-serif">${escapeHtml(title)}</h2>`];
  let items: string[] = [];
  const flush = () => {
    if (items.length) out.push(`<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
    items = [];
  };
  for (const line of lines) {
    if (line.startsWith('  - ') || line.startsWith('  ')) items.push(escapeHtml(line.replace(/^ {2}(- )?/, '')));
    else {
      flush();
      if (line) out.push(`<p style="margin:4px 0">${escapeHtml(line)}</p>`);
    }
  }
  flush();
  return `<div style="font:13px Arial,sans-serif">${out.join('\n')}</div>`;
}
