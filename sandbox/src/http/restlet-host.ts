/**
 * RESTlets at NetSuite's URL, /app/site/hosting/restlet.nl?script=<id>&deploy=<id> (internal ids or script
 * ids). NetSuite serves them on <account>.restlets.api.netsuite.com; the sandbox on its one origin. server.ts
 * checks the token as REST's is (TBA, whose signature base string includes the script and deploy
 * parameters, or an OAuth 2.0 bearer) with the RESTlet rules of authenticate.ts, then takes a concurrency
 * slot and reads the body; here, the deployment's status and audience (deployments.js, the rules Suitelets use);
 * then the Content-Type; then the entry point runs in a worker (runtime/restlet.ts).
 */
import type { IncomingMessage } from 'node:http';

import type { Account } from '../account';
import { sandboxError } from '../errors';
import * as errors from '../rest-errors';
import { findDeployment, deploymentAccess, deploymentPath } from '../runtime/deployments';
import { ENTRY_POINTS } from '../runtime/restlet';
import type { RestletResult, RestletTask } from '../runtime/restlet';
import type { Project } from '../sdf/project';
import type { Db } from '../storage/db';
import type { Caller } from './authenticate';
import { flatten } from './body';

/** Parameters that address the RESTlet; the entry point does not get them. */
const ADDRESS_PARAMS = ['script', 'deploy'];

/** body: read once the caller's token was accepted (server.ts). */
export type RestletHost = (req: IncomingMessage, url: URL, body: Buffer, who: Caller) => Promise<RestletResult>;

export function restletHost(account: Account): RestletHost {
  return async function host(req, url, body, who) {
    const method = String(req.method || 'GET').toUpperCase();
    const where = `${url.searchParams.get('script')}/${url.searchParams.get('deploy')}`;
    const found = findDeployment(account.db, account.project, 'restlet', url.searchParams.get('script'), url.searchParams.get('deploy'));
    const access = found ? deploymentAccess(account.db, found.deployment, who) : { ok: false as const, refusal: 'invalid' as const };
    if (!access.ok) {
      account.note('restlet.refused', `${method} ${where}: ${access.refusal === 'invalid' ? 'no such live deployment' : 'not in the audience'} for user ${who.user}, role ${who.role}`);
      return errors.restletFailure(access.refusal === 'invalid' ? 'notFound' : 'forbidden');
    }
    if (!Object.prototype.hasOwnProperty.call(ENTRY_POINTS, method)) {
      const refusal = errors.restletFailure('methodNotAllowed', method.toLowerCase());
      return { ...refusal, headers: { ...refusal.headers, Allow: Object.keys(ENTRY_POINTS).join(', ') } };
    }
    const verb = method as keyof typeof ENTRY_POINTS;

    const mime = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    const hasBody = verb === 'POST' || verb === 'PUT';
    // Oracle (section_4619215993): a request that needs a body and leaves out Content-Type fails with 415.
    if ((mime && mime !== 'application/json' && mime !== 'text/plain') || (hasBody && !mime)) {
      return errors.restletFailure('unsupportedMediaType', mime || '(none)');
    }
    const json = mime === 'application/json';
    let argument: unknown;
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
          return errors.restletFailure('badJson', (e as Error).message);
        }
      }
    }
    // found is set: without it access was refused above.
    const { script, deployment } = found as NonNullable<typeof found>;
    const task: RestletTask = { script: script.scriptid, deployment: deployment.scriptid, user: access.user, role: access.role, method: verb, argument, json };
    return (await account.pool.run('restlet', task)) as RestletResult;
  };
}

/** The path and query of a RESTlet deployment, with extra parameters. Without a deployment, the first one. */
export function restletPath(db: Db, project: Project, scriptRef: string, deployRef: string | null, parameters: Record<string, unknown> = {}): string {
  const found = deploymentPath(db, project, 'restlet', scriptRef, deployRef, parameters);
  if (!found) throw sandboxError('SSS_INVALID_SCRIPTLET_ID', `There is no RESTlet ${scriptRef}${deployRef ? ` with deployment ${deployRef}` : ''} in this project.`);
  return found;
}
