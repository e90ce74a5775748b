/**
 * The self-check Suitelet's request handling: parse, read the account, run the checks, answer as a
 * form or as JSON. Errors become a message on the page or a JSON error, never a stack trace.
 */
import type * as http from 'N/http';
import * as runtime from 'N/runtime';
import { UnknownRoleError, listRoles, readSnapshot } from './account-reader';
import { runChecks } from './evaluate';
import type { Report } from './evaluate';
import { explainError } from './explain';
import type { Explanation } from './explain';
import { buildPage } from './page';
import { parseRequest } from './request';

export interface JsonReport extends Report {
  explanation?: Explanation | null;
}

export function handleSelfCheck(request: http.ServerRequest, response: http.ServerResponse): void {
  const params = (request.parameters ?? {}) as Record<string, string>;
  const { request: req, problems } = parseRequest(params);
  let report: Report | null = null;
  if (!problems.length) {
    try {
      report = runChecks(readSnapshot(req.role), req.method, req.profile);
    } catch (e) {
      if (!(e instanceof UnknownRoleError)) log.error({ title: 'Self-check failed', details: String((e as Error).message ?? e) });
      problems.push(e instanceof UnknownRoleError ? e.message : `The check could not run: ${String((e as Error).message ?? e)}`);
    }
  }
  const explanation = req.errorText ? explainError(req.errorText) : null;
  if (report) log.audit({ title: 'Self-check', details: `role ${report.role.id} ${req.method} ${req.profile}: ${report.counts.pass} pass, ${report.counts.fail} fail, ${report.counts.warn} warn` });

  if (req.format === 'json') {
    response.setHeader({ name: 'Content-Type', value: 'application/json; charset=utf-8' });
    const body = report ? ({ ...report, explanation } satisfies JsonReport) : { error: { code: 'INVALID_PARAMETER', message: problems.join(' '), problems } };
    response.write({ output: JSON.stringify(body) });
    return;
  }
  const user = runtime.getCurrentUser();
  const script = runtime.getCurrentScript();
  const jsonUrl = `/app/site/hosting/scriptlet.nl?${[
    ['script', script.id], ['deploy', script.deploymentId], ['role', report ? String(report.role.id) : ''],
    ['method', req.method], ['profile', req.profile], ['format', 'json'],
  ].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
  const roles = listRoles();
  const current = roles?.find((r) => r.id === Number(user.role)) ?? { id: Number(user.role), name: `Current role (${user.roleId})` };
  response.writePage({ pageObject: buildPage({ request: req, roles, currentRole: current, problems, report, explanation, jsonUrl }) });
}
