// @ts-check
'use strict';
/**
 * RESTlets at NetSuite's URL, /app/site/hosting/restlet.nl?script=<id>&deploy=<id> (internal ids or script
 * ids). NetSuite serves them on <account>.restlets.api.netsuite.com; the sandbox on its one origin. Called
 * inside the server's concurrency gate: the token is checked as REST's is (TBA, whose signature base string
 * includes the script and deploy parameters, or an OAuth 2.0 bearer), with the RESTlet rules of
 * authenticate.js; then the deployment's status and audience (deployments.js, the rules Suitelets use);
 * then the Content-Type; then the entry point runs in a worker (runtime/restlet.js).
 */
const { readBody, flatten } = require('./body');
const errors = require('../rest-errors');
const { findDeployment, deploymentAccess, deploymentPath } = require('../runtime/deployments');
const { ENTRY_POINTS } = require('../runtime/restlet');
const { sandboxError } = require('../errors');

/** Parameters that address the RESTlet; the entry point does not get them. */
const ADDRESS_PARAMS = ['script', 'deploy'];

/**
 * @param {import('../account').Account} account
 * @param {ReturnType<typeof import('./authenticate').createAuthenticator>} authenticator
 * @returns {(req: import('node:http').IncomingMessage, url: URL) => Promise<import('../runtime/restlet').RestletResult>}
 */
function restletHost(account, authenticator) {
  return async function host(req, url) {
    const method = String(req.method || 'GET').toUpperCase();
    const body = await readBody(req);
    const who = authenticator.restlet({ method, url: url.toString(), headers: req.headers, body, accountId: account.settings.accountId });
    const where = `${url.searchParams.get('script')}/${url.searchParams.get('deploy')}`;
    if (!who.ok) {
      account.note('restlet.refused', `${method} ${where}: ${who.reason}`);
      return who.response;
    }
    const found = findDeployment(account.db, account.project, 'restlet', url.searchParams.get('script'), url.searchParams.get('deploy'));
    const access = found ? deploymentAccess(account.db, found.deployment, who) : { ok: /** @type {const} */ (false), refusal: /** @type {const} */ ('invalid') };
    if (!access.ok) {
      account.note('restlet.refused', `${method} ${where}: ${access.refusal === 'invalid' ? 'no such live deployment' : 'not in the audience'} for user ${who.user}, role ${who.role}`);
      return errors.restletFailure(access.refusal === 'invalid' ? 'notFound' : 'forbidden');
    }
    if (!Object.prototype.hasOwnProperty.call(ENTRY_POINTS, method)) {
      const refusal = errors.restletFailure('methodNotAllowed', method.toLowerCase());
      return { ...refusal, headers: { ...refusal.headers, Allow: Object.keys(ENTRY_POINTS).join(', ') } };
    }
    const verb = /** @type {keyof typeof ENTRY_POINTS} */ (method);

    const mime = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    const hasBody = verb === 'POST' || verb === 'PUT';
    // Oracle (section_4619215993): a request that needs a body and leaves out Content-Type fails with 415.
    if ((mime && mime !== 'application/json' && mime !== 'text/plain') || (hasBody && !mime)) {
      return errors.restletFailure('unsupportedMediaType', mime || '(none)');
    }
    const json = mime === 'application/json';
    /** @type {unknown} */
    let argument;
    if (!hasBody) {
      const params = flatten(url.searchParams);
      for (const name of ADDRESS_PARAMS) delete params[name];
      argument = params;
    } else {
      const text = body.toString('utf8');
      argument = text;
      if (json && text.trim()) {
        try {
          argument = JSON.parse(text);
        } catch (e) {
          return errors.restletFailure('badJson', /** @type {Error} */ (e).message);
        }
      }
    }
    const { script, deployment } = /** @type {NonNullable<typeof found>} */ (found);
    return /** @type {import('../runtime/restlet').RestletResult} */ (await account.pool.run('restlet', {
      script: script.scriptid, deployment: deployment.scriptid, user: access.user, role: access.role, method: verb, argument, json,
    }));
  };
}

/**
 * The path and query of a RESTlet deployment, with extra parameters. Without a deployment, the first one.
 * @param {import('better-sqlite3').Database} db @param {import('../sdf/project').Project} project
 * @param {string} scriptRef @param {string | null} deployRef @param {Record<string, unknown>} [parameters]
 */
function restletPath(db, project, scriptRef, deployRef, parameters = {}) {
  const found = deploymentPath(db, project, 'restlet', scriptRef, deployRef, parameters);
  if (!found) throw sandboxError('SSS_INVALID_SCRIPTLET_ID', `There is no RESTlet ${scriptRef}${deployRef ? ` with deployment ${deployRef}` : ''} in this project.`);
  return found;
}

module.exports = { restletHost, restletPath };
