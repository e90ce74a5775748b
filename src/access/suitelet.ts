/**
 * The self-check Suitelet's request handling: run the check, answer as a form or as JSON. Errors become a
 * message on the page or a JSON error, never a stack trace.
 */
import type * as http from 'N/http';
import * as runtime from 'N/runtime';
import { listRoles } from './account-reader';
import { buildPage } from './page';
import { reportJson } from './report-json';
import { runSelfCheck } from './run';

export function handleSelfCheck(request: http.ServerRequest, response: http.ServerResponse): void {
  const run = runSelfCheck((request.parameters ?? {}) as Record<string, string>);
  const { request: req, problems, report, explanation } = run;

  if (req.format === 'json') {
    response.setHeader({ name: 'Content-Type', value: 'application/json; charset=utf-8' });
    response.write({ output: JSON.stringify(reportJson(run)) });
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
