/**
 * One self-check run, whatever answers it (the Suitelet's page or JSON, the RESTlet): parse the parameters,
 * read the account, run the checks, explain a pasted error, and log the outcome. Nothing here throws for
 * bad input or an unknown role: those become problems that say what to fix.
 */
import { UnknownRoleError, readSnapshot } from './account-reader';
import { runChecks } from './evaluate';
import type { Report } from './evaluate';
import { explainError, pointsTo } from './explain';
import type { Explanation } from './explain';
import { parseRequest } from './request';
import type { SelfCheckRequest } from './request';

export interface SelfCheckRun {
  request: SelfCheckRequest;
  problems: string[];
  /** null when a problem stopped the check. */
  report: Report | null;
  explanation: Explanation | null;
}

export function runSelfCheck(params: Record<string, string | undefined>): SelfCheckRun {
  const { request, problems } = parseRequest(params);
  let report: Report | null = null;
  if (!problems.length) {
    try {
      report = runChecks(readSnapshot(request.role), request.method, request.profile);
    } catch (e) {
      if (!(e instanceof UnknownRoleError)) log.error({ title: 'Self-check failed', details: String((e as Error).message ?? e) });
      problems.push(e instanceof UnknownRoleError ? e.message : `The check could not run: ${String((e as Error).message ?? e)}`);
    }
  }
  const found = request.errorText ? explainError(request.errorText) : null;
  const explanation = found && report ? { ...found, checks: pointsTo(found, report.checks.map((c) => c.id)) } : found;
  if (report) log.audit({ title: 'Self-check', details: `role ${report.role.id} ${request.method} ${request.profile}: ${report.counts.pass} pass, ${report.counts.fail} fail, ${report.counts.warn} warn` });
  return { request, problems, report, explanation };
}
