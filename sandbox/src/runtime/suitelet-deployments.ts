/**
 * Suitelet deployments: their URLs (`/app/site/hosting/scriptlet.nl?script=<id>&deploy=<id>`, as
 * url.resolveScript gives them), lookup by internal id or script id, and who may open one, on the rules
 * Suitelets share with RESTlets (deployments.js) plus "available without login".
 * Used by the HTTP host on the main thread and by ServerResponse.sendRedirect in workers.
 */
import type { Database } from 'better-sqlite3';
import { sandboxError } from '../errors';
import type { Deployment, Project, Script } from '../sdf/project';
import { HOSTING_PATHS, findDeployment, deploymentPath, deploymentStatus, isLive, deploymentAccess, type Who } from './deployments';

export const SUITELET_PATH = HOSTING_PATHS.suitelet;

export type SuiteletAccess = ({ ok: true } & Who) | { ok: false, status: number, code: string, message: string };

/**
 * Access outcomes. Messages as Oracle's "Errors Related to the Available Without Login URL" table gives them
 * (bridgehead_1524084097); the codes beside them are assumed (FIDELITY.md, Suitelets and the UI sign-in:
 * "An invalid Suitelet's page carries the code SSS_INVALID_SCRIPTLET_ID", "The permission page carries the code
 * INSUFFICIENT_PERMISSION").
 */
export const REFUSALS = {
  invalid: { status: 404, code: 'SSS_INVALID_SCRIPTLET_ID', message: 'That Suitelet is invalid, disabled, or no longer exists.' },
  permission: { status: 403, code: 'INSUFFICIENT_PERMISSION', message: 'You do not have privileges to view this page.' },
};

/**
 * Who runs an "available without login" Suitelet opened without a session: the anonymous user and its
 * Online Form User role. Assumed ids (FIDELITY.md, Suitelets and the UI sign-in: "Available without login").
 */
const ANONYMOUS = { user: -4, role: 31 };

/**
 * A Suitelet deployment by the URL's script and deploy parameters (internal ids or script ids), or null.
 */
export const findSuitelet = (db: Database, project: Project, scriptRef: string | null, deployRef: string | null) => findDeployment(db, project, 'suitelet', scriptRef, deployRef);

/**
 * The path and query of a Suitelet deployment, with extra parameters. Without a deployment, the first one.
 */
export function suiteletPath(db: Database, project: Project, scriptRef: string, deployRef: string | null, parameters: Record<string, unknown> = {}): string {
  const found = deploymentPath(db, project, 'suitelet', scriptRef, deployRef, parameters);
  if (!found) throw sandboxError('SSS_INVALID_SCRIPTLET_ID', `There is no Suitelet ${scriptRef}${deployRef ? ` with deployment ${deployRef}` : ''} in this project.`);
  return found;
}

/**
 * May this session open the deployment, and as whom? The shared deployment rules (status, audience,
 * Execute-as role); a deployment "available without login" also runs for a visitor without a session.
 */
export function suiteletAccess(db: Database, deployment: Deployment, session: Who | null): SuiteletAccess {
  if (!session) {
    if (!isLive(deployment)) return { ok: false, ...REFUSALS.invalid };
    return deployment.isonline && deploymentStatus(deployment) === 'RELEASED' ? { ok: true, ...ANONYMOUS } : { ok: false, ...REFUSALS.permission };
  }
  const access = deploymentAccess(db, deployment, session);
  return access.ok ? access : { ok: false, ...REFUSALS[access.refusal] };
}

/**
 * Every Suitelet deployment with its URL path; with a session, only those it may open.
 */
export function listSuitelets(db: Database, project: Project, session?: Who | null): Array<{ script: Script, deployment: Deployment, title: string, path: string }> {
  const out: Array<{ script: Script, deployment: Deployment, title: string, path: string }> = [];
  for (const script of project.scripts) {
    if (script.type !== 'suitelet') continue;
    for (const deployment of script.deployments) {
      if (session !== undefined && !suiteletAccess(db, deployment, session).ok) continue;
      out.push({ script, deployment, title: deployment.title || script.name || script.scriptid, path: suiteletPath(db, project, script.scriptid, deployment.scriptid) });
    }
  }
  return out;
}
