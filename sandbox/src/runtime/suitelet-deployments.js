// @ts-check
'use strict';
/**
 * Suitelet deployments: their URLs (`/app/site/hosting/scriptlet.nl?script=<id>&deploy=<id>`, as
 * url.resolveScript gives them), lookup by internal id or script id, and who may open one, on the rules
 * Suitelets share with RESTlets (deployments.js) plus "available without login".
 * Used by the HTTP host on the main thread and by ServerResponse.sendRedirect in workers.
 */
const { sandboxError } = require('../errors');
const { HOSTING_PATHS, findDeployment, deploymentPath, deploymentStatus, isLive, deploymentAccess } = require('./deployments');

const SUITELET_PATH = HOSTING_PATHS.suitelet;

/**
 * Access outcomes. Messages as Oracle's "Errors Related to the Available Without Login URL" table gives them
 * (bridgehead_1524084097); the codes beside them are unverified.
 */
const REFUSALS = {
  invalid: { status: 404, code: 'SSS_INVALID_SCRIPTLET_ID', message: 'That Suitelet is invalid, disabled, or no longer exists.' },
  permission: { status: 403, code: 'INSUFFICIENT_PERMISSION', message: 'You do not have privileges to view this page.' },
};

/**
 * Who runs an "available without login" Suitelet opened without a session. Unverified: NetSuite's ids for
 * the anonymous user and its Online Form User role.
 */
const ANONYMOUS = { user: -4, role: 31 };

/**
 * A Suitelet deployment by the URL's script and deploy parameters (internal ids or script ids), or null.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 * @param {string | null} scriptRef @param {string | null} deployRef
 */
const findSuitelet = (db, project, scriptRef, deployRef) => findDeployment(db, project, 'suitelet', scriptRef, deployRef);

/**
 * The path and query of a Suitelet deployment, with extra parameters. Without a deployment, the first one.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 * @param {string} scriptRef @param {string | null} deployRef @param {Record<string, unknown>} [parameters]
 */
function suiteletPath(db, project, scriptRef, deployRef, parameters = {}) {
  const found = deploymentPath(db, project, 'suitelet', scriptRef, deployRef, parameters);
  if (!found) throw sandboxError('SSS_INVALID_SCRIPTLET_ID', `There is no Suitelet ${scriptRef}${deployRef ? ` with deployment ${deployRef}` : ''} in this project.`);
  return found;
}

/**
 * May this session open the deployment, and as whom? The shared deployment rules (status, audience,
 * Execute-as role); a deployment "available without login" also runs for a visitor without a session.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Deployment} deployment
 * @param {{ user: number, role: number } | null} session
 * @returns {{ ok: true, user: number, role: number } | { ok: false, status: number, code: string, message: string }}
 */
function suiteletAccess(db, deployment, session) {
  if (!session) {
    if (!isLive(deployment)) return { ok: false, ...REFUSALS.invalid };
    return deployment.isonline && deploymentStatus(deployment) === 'RELEASED' ? { ok: true, ...ANONYMOUS } : { ok: false, ...REFUSALS.permission };
  }
  const access = deploymentAccess(db, deployment, session);
  return access.ok ? access : { ok: false, ...REFUSALS[access.refusal] };
}

/**
 * Every Suitelet deployment with its URL path; with a session, only those it may open.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 * @param {{ user: number, role: number } | null} [session]
 */
function listSuitelets(db, project, session) {
  const out = [];
  for (const script of project.scripts) {
    if (script.type !== 'suitelet') continue;
    for (const deployment of script.deployments) {
      if (session !== undefined && !suiteletAccess(db, deployment, session).ok) continue;
      out.push({ script, deployment, title: deployment.title || script.name || script.scriptid, path: suiteletPath(db, project, script.scriptid, deployment.scriptid) });
    }
  }
  return out;
}

module.exports = { SUITELET_PATH, REFUSALS, findSuitelet, suiteletPath, suiteletAccess, listSuitelets };
