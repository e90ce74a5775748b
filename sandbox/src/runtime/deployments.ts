/**
 * What Suitelet and RESTlet deployments share: internal ids (sb_object_id), lookup by the URL's script and
 * deploy parameters (internal ids or script ids), their hosting URLs as url.resolveScript gives them, and
 * who may run a deployment and as which role. suitelet-deployments.js adds what only Suitelets have
 * (available without login, the index page's list); the RESTlet host uses these rules as they are.
 */

import type { Database } from 'better-sqlite3';
import { roleIdByRef } from '../storage/db';
import type { Deployment, Project, Script } from '../sdf/project';
import { asText as text } from '../text';

/** NetSuite's hosting paths per script type (RESTlets are served on <account>.restlets.api.netsuite.com). */
export const HOSTING_PATHS = Object.freeze({
  suitelet: '/app/site/hosting/scriptlet.nl',
  restlet: '/app/site/hosting/restlet.nl',
});

export type HostedType = keyof typeof HOSTING_PATHS;

/** Who opens a deployment: an employee and the role of the session or token. */
export interface Who { user: number, role: number }

/**
 * Give every script and deployment of the project an internal id it keeps from then on (main thread, at boot).
 */
export function assignInternalIds(db: Database, project: Project): void {
  const next = db.prepare<[string], { id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM sb_object_id WHERE kind = ?');
  const ins = db.prepare('INSERT OR IGNORE INTO sb_object_id (scriptid, kind, id) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const script of project.scripts) {
      ins.run(script.scriptid.toLowerCase(), 'script', (next.get('script') as { id: number }).id);
      for (const d of script.deployments) ins.run(d.scriptid.toLowerCase(), 'deployment', (next.get('deployment') as { id: number }).id);
    }
  })();
}

export function internalId(db: Database, scriptid: string): number | null {
  const row = db.prepare<[string], { id: number }>('SELECT id FROM sb_object_id WHERE scriptid = ?').get(scriptid.toLowerCase());
  return row ? row.id : null;
}

/**
 * A deployment of a script of this type by the URL's script and deploy parameters, or null.
 */
export function findDeployment(db: Database, project: Project, type: HostedType, scriptRef: string | null, deployRef: string | null): { script: Script, deployment: Deployment } | null {
  if (!scriptRef || !deployRef) return null;
  const matches = (scriptid: string, ref: string) => scriptid.toLowerCase() === ref.toLowerCase() || String(internalId(db, scriptid)) === ref;
  const script = project.scripts.find((s) => s.type === type && matches(s.scriptid, scriptRef));
  const deployment = script && script.deployments.find((d) => matches(d.scriptid, deployRef));
  return script && deployment ? { script, deployment } : null;
}

/**
 * The hosting path and query of a deployment, with extra parameters; without a deployment, the first one.
 * null when the project has no such script or deployment.
 */
export function deploymentPath(db: Database, project: Project, type: HostedType, scriptRef: string, deployRef: string | null, parameters: Record<string, unknown> = {}): string | null {
  const script = project.scripts.find((s) => s.type === type && (s.scriptid.toLowerCase() === scriptRef.toLowerCase() || String(internalId(db, s.scriptid)) === scriptRef));
  const deployment = script && (deployRef ? findDeployment(db, project, type, script.scriptid, deployRef)?.deployment : script.deployments[0]);
  if (!script || !deployment) return null;
  const query = new URLSearchParams({ script: String(internalId(db, script.scriptid)), deploy: String(internalId(db, deployment.scriptid)) });
  for (const [k, v] of Object.entries(parameters)) query.append(k, text(v));
  return `${HOSTING_PATHS[type]}?${query.toString()}`;
}

export const deploymentStatus = (deployment: Deployment): string => (deployment.status || 'RELEASED').toUpperCase();

/** Is the deployment live at all: deployed, and RELEASED or TESTING? */
export function isLive(deployment: Deployment): boolean {
  const status = deploymentStatus(deployment);
  return deployment.isdeployed && (status === 'RELEASED' || status === 'TESTING');
}

/**
 * May this user and role run the deployment, and as which role? TESTING runs only for its owner, taken to be
 * any administrator, whatever the audience (assumed: FIDELITY.md, Suitelets and the UI sign-in: "TESTING runs
 * only for its owner"); RELEASED runs for the audience (all roles, the selected roles, or all employees).
 * The deployment's Execute-as role, when set, is the role it runs with.
 */
export function deploymentAccess(db: Database, deployment: Deployment, who: Who): ({ ok: true } & Who) | { ok: false, refusal: 'invalid' | 'permission' } {
  if (!isLive(deployment)) return { ok: false, refusal: 'invalid' };
  const role = db.prepare<[number], { id: number, scriptid: string }>('SELECT id, scriptid FROM role WHERE id = ?').get(who.role);
  if (!role) return { ok: false, refusal: 'permission' };
  const isAdmin = role.scriptid === 'administrator';
  const inAudience = deployment.allroles || deployment.allemployees
    || deployment.audslctrole.some((r) => { const ref = r.toLowerCase(); return ref === role.scriptid || ref === String(role.id); });
  if (deploymentStatus(deployment) === 'TESTING' ? !isAdmin : !inAudience) return { ok: false, refusal: 'permission' };
  const runAs = deployment.runasrole ? roleIdByRef(db, deployment.runasrole) : null;
  return { ok: true, user: who.user, role: runAs ?? who.role };
}
