// @ts-check
'use strict';
/**
 * What Suitelet and RESTlet deployments share: internal ids (sb_object_id), lookup by the URL's script and
 * deploy parameters (internal ids or script ids), their hosting URLs as url.resolveScript gives them, and
 * who may run a deployment and as which role. suitelet-deployments.js adds what only Suitelets have
 * (available without login, the index page's list); the RESTlet host uses these rules as they are.
 */

const { roleIdByRef } = require('../storage/db');

/** NetSuite's hosting paths per script type (RESTlets are served on <account>.restlets.api.netsuite.com). */
const HOSTING_PATHS = Object.freeze({
  suitelet: '/app/site/hosting/scriptlet.nl',
  restlet: '/app/site/hosting/restlet.nl',
});

/** @typedef {keyof typeof HOSTING_PATHS} HostedType */

/**
 * Give every script and deployment of the project an internal id it keeps from then on (main thread, at boot).
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 */
function assignInternalIds(db, project) {
  const next = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM sb_object_id WHERE kind = ?');
  const ins = db.prepare('INSERT OR IGNORE INTO sb_object_id (scriptid, kind, id) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const script of project.scripts) {
      ins.run(script.scriptid.toLowerCase(), 'script', /** @type {any} */ (next.get('script')).id);
      for (const d of script.deployments) ins.run(d.scriptid.toLowerCase(), 'deployment', /** @type {any} */ (next.get('deployment')).id);
    }
  })();
}

/** @param {import('better-sqlite3').Database} db @param {string} scriptid @returns {number | null} */
function internalId(db, scriptid) {
  const row = /** @type {{ id: number } | undefined} */ (db.prepare('SELECT id FROM sb_object_id WHERE scriptid = ?').get(scriptid.toLowerCase()));
  return row ? row.id : null;
}

/**
 * A deployment of a script of this type by the URL's script and deploy parameters, or null.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project @param {HostedType} type
 * @param {string | null} scriptRef @param {string | null} deployRef
 */
function findDeployment(db, project, type, scriptRef, deployRef) {
  if (!scriptRef || !deployRef) return null;
  /** @param {string} scriptid @param {string} ref */
  const matches = (scriptid, ref) => scriptid.toLowerCase() === ref.toLowerCase() || String(internalId(db, scriptid)) === ref;
  const script = project.scripts.find((s) => s.type === type && matches(s.scriptid, scriptRef));
  const deployment = script && script.deployments.find((d) => matches(d.scriptid, deployRef));
  return script && deployment ? { script, deployment } : null;
}

/**
 * The hosting path and query of a deployment, with extra parameters; without a deployment, the first one.
 * null when the project has no such script or deployment.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project @param {HostedType} type
 * @param {string} scriptRef @param {string | null} deployRef @param {Record<string, unknown>} [parameters]
 */
function deploymentPath(db, project, type, scriptRef, deployRef, parameters = {}) {
  const script = project.scripts.find((s) => s.type === type && (s.scriptid.toLowerCase() === scriptRef.toLowerCase() || String(internalId(db, s.scriptid)) === scriptRef));
  const deployment = script && (deployRef ? findDeployment(db, project, type, script.scriptid, deployRef)?.deployment : script.deployments[0]);
  if (!script || !deployment) return null;
  const query = new URLSearchParams({ script: String(internalId(db, script.scriptid)), deploy: String(internalId(db, deployment.scriptid)) });
  for (const [k, v] of Object.entries(parameters)) query.append(k, String(v));
  return `${HOSTING_PATHS[type]}?${query}`;
}

/** @param {import('../sdf/project').Deployment} deployment */
const deploymentStatus = (deployment) => String(deployment.status || 'RELEASED').toUpperCase();

/** Is the deployment live at all: deployed, and RELEASED or TESTING? @param {import('../sdf/project').Deployment} deployment */
function isLive(deployment) {
  const status = deploymentStatus(deployment);
  return deployment.isdeployed && (status === 'RELEASED' || status === 'TESTING');
}

/**
 * May this user and role run the deployment, and as which role? TESTING runs only for its owner (taken to be
 * any administrator: unverified) whatever the audience; RELEASED runs for the audience (all roles, the
 * selected roles, or all employees). The deployment's Execute-as role, when set, is the role it runs with.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Deployment} deployment
 * @param {{ user: number, role: number }} who
 * @returns {{ ok: true, user: number, role: number } | { ok: false, refusal: 'invalid' | 'permission' }}
 */
function deploymentAccess(db, deployment, who) {
  if (!isLive(deployment)) return { ok: false, refusal: 'invalid' };
  const role = /** @type {{ id: number, scriptid: string } | undefined} */ (db.prepare('SELECT id, scriptid FROM role WHERE id = ?').get(who.role));
  if (!role) return { ok: false, refusal: 'permission' };
  const isAdmin = role.scriptid === 'administrator';
  const inAudience = deployment.allroles || deployment.allemployees
    || deployment.audslctrole.some((r) => { const ref = r.toLowerCase(); return ref === role.scriptid || ref === String(role.id); });
  if (deploymentStatus(deployment) === 'TESTING' ? !isAdmin : !inAudience) return { ok: false, refusal: 'permission' };
  const runAs = deployment.runasrole ? roleIdByRef(db, deployment.runasrole) : null;
  return { ok: true, user: who.user, role: runAs ?? who.role };
}

module.exports = { HOSTING_PATHS, assignInternalIds, internalId, findDeployment, deploymentPath, deploymentStatus, isLive, deploymentAccess };
