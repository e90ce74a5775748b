// @ts-check
'use strict';
/**
 * Suitelet deployments: their internal ids and URLs (`/app/site/hosting/scriptlet.nl?script=<id>&deploy=<id>`,
 * as url.resolveScript gives them), lookup by internal id or script id, and who may open one.
 * Used by the HTTP host on the main thread and by ServerResponse.sendRedirect in workers.
 */
const { sandboxError } = require('../errors');

const SUITELET_PATH = '/app/site/hosting/scriptlet.nl';

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
 * A Suitelet deployment by the URL's script and deploy parameters (internal ids or script ids), or null.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 * @param {string | null} scriptRef @param {string | null} deployRef
 */
function findSuitelet(db, project, scriptRef, deployRef) {
  if (!scriptRef || !deployRef) return null;
  /** @param {string} scriptid @param {string} ref */
  const matches = (scriptid, ref) => scriptid.toLowerCase() === ref.toLowerCase() || String(internalId(db, scriptid)) === ref;
  const script = project.scripts.find((s) => s.type === 'suitelet' && matches(s.scriptid, scriptRef));
  const deployment = script && script.deployments.find((d) => matches(d.scriptid, deployRef));
  return script && deployment ? { script, deployment } : null;
}

/**
 * The path and query of a Suitelet deployment, with extra parameters. Without a deployment, the first one.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 * @param {string} scriptRef @param {string | null} deployRef @param {Record<string, unknown>} [parameters]
 */
function suiteletPath(db, project, scriptRef, deployRef, parameters = {}) {
  const script = project.scripts.find((s) => s.type === 'suitelet' && (s.scriptid.toLowerCase() === scriptRef.toLowerCase() || String(internalId(db, s.scriptid)) === scriptRef));
  const deployment = script && (deployRef ? findSuitelet(db, project, script.scriptid, deployRef)?.deployment : script.deployments[0]);
  if (!script || !deployment) throw sandboxError('SSS_INVALID_SCRIPTLET_ID', `There is no Suitelet ${scriptRef}${deployRef ? ` with deployment ${deployRef}` : ''} in this project.`);
  const query = new URLSearchParams({ script: String(internalId(db, script.scriptid)), deploy: String(internalId(db, deployment.scriptid)) });
  for (const [k, v] of Object.entries(parameters)) query.append(k, String(v));
  return `${SUITELET_PATH}?${query}`;
}

/**
 * May this session open the deployment, and as whom? TESTING runs only for its owner (taken to be any
 * administrator) whatever the audience; RELEASED runs for the audience (all roles, the selected roles, or
 * all employees). A deployment "available without login" runs for a visitor without a session.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Deployment} deployment
 * @param {{ user: number, role: number } | null} session
 * @returns {{ ok: true, user: number, role: number } | { ok: false, status: number, code: string, message: string }}
 */
function suiteletAccess(db, deployment, session) {
  const status = String(deployment.status || 'RELEASED').toUpperCase();
  if (!deployment.isdeployed || (status !== 'RELEASED' && status !== 'TESTING')) return { ok: false, ...REFUSALS.invalid };
  if (!session) return deployment.isonline && status === 'RELEASED' ? { ok: true, ...ANONYMOUS } : { ok: false, ...REFUSALS.permission };
  const role = /** @type {{ id: number, scriptid: string } | undefined} */ (db.prepare('SELECT id, scriptid FROM role WHERE id = ?').get(session.role));
  if (!role) return { ok: false, ...REFUSALS.permission };
  const isAdmin = role.scriptid === 'administrator';
  const inAudience = deployment.allroles || deployment.allemployees
    || deployment.audslctrole.some((r) => { const ref = r.toLowerCase(); return ref === role.scriptid || ref === String(role.id); });
  if (status === 'TESTING' ? !isAdmin : !inAudience) return { ok: false, ...REFUSALS.permission };
  const runAs = deployment.runasrole ? roleIdOf(db, deployment.runasrole) : null;
  return { ok: true, user: session.user, role: runAs ?? session.role };
}

/** @param {import('better-sqlite3').Database} db @param {string} ref ADMINISTRATOR, customrole_x or an internal id */
function roleIdOf(db, ref) {
  const key = ref.toLowerCase();
  const row = /** @type {{ id: number } | undefined} */ (db.prepare('SELECT id FROM role WHERE scriptid = ? OR CAST(id AS TEXT) = ?').get(key, key));
  return row ? row.id : null;
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

module.exports = { SUITELET_PATH, REFUSALS, assignInternalIds, findSuitelet, suiteletPath, suiteletAccess, listSuitelets };
