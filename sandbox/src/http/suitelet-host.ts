/**
 * Suitelets at NetSuite's URL, /app/site/hosting/scriptlet.nl?script=<id>&deploy=<id> (internal ids or script
 * ids), GET and POST (urlencoded forms and other bodies as text, e.g. JSON). Without a session the visitor is
 * sent to the login page (unless the deployment is available without login); then the deployment's status
 * and audience decide; then onRequest runs in a worker and its response goes back as the script set it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Account } from '../account';
import { findSuitelet, suiteletAccess, REFUSALS } from '../runtime/suitelet-deployments';
import type { SuiteletResult, SuiteletTask } from '../runtime/suitelet';
import * as pages from '../ui/pages';
import { LIMITS } from '../limits';
import { readBody, flatten, isForm } from './body';
import type { Sessions } from './sessions';
import { sendPage, redirect, chromeFor } from './ui-common';

export type SuiteletHost = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function suiteletHost(account: Account, sessions: Sessions): SuiteletHost {
  return async function host(req, res, url) {
    const method = String(req.method || 'GET').toUpperCase();
    const session = sessions.read(req.headers.cookie);
    const chrome = chromeFor(account, session);
    const found = findSuitelet(account.db, account.project, url.searchParams.get('script'), url.searchParams.get('deploy'));
    const here = url.pathname + url.search;
    const anonymousOk = !!found && found.deployment.isonline && !session;
    if (!session && !anonymousOk) return redirect(res, pages.withRedirect(pages.LOGIN_PATH, here));
    if (session && session.role == null) return redirect(res, pages.withRedirect(pages.ROLES_PATH, here));
    if (!found) return sendPage(res, REFUSALS.invalid.status, pages.errorPage({ chrome, code: REFUSALS.invalid.code, message: REFUSALS.invalid.message }));
    // A session's role is set here: one without a role was sent to the role chooser above.
    const access = suiteletAccess(account.db, found.deployment, session && { user: session.user, role: session.role as number });
    if (!access.ok) {
      account.note('suitelet.refused', `${found.script.scriptid}/${found.deployment.scriptid}: ${access.code} for ${session ? `user ${session.user}, role ${session.role}` : 'a visitor without a session'}`);
      return sendPage(res, access.status, pages.errorPage({ chrome, code: access.code, message: access.message }));
    }
    if (method !== 'GET' && method !== 'POST') return sendPage(res, 405, pages.errorPage({ chrome, code: 'SSS_INVALID_HTTP_METHOD', message: `Suitelets answer GET and POST, not ${method}.` }), { Allow: 'GET, POST' });

    const body = method === 'POST' ? (await readBody(req, LIMITS.uiBodyBytes)).toString('utf8') : '';
    // request.parameters: the query string and, for a form post, its fields; a field wins over a query
    // parameter of the same name (assumed: FIDELITY.md, Suitelets and the UI sign-in: "request.parameters").
    const parameters = { ...flatten(url.searchParams), ...(isForm(req.headers) ? flatten(new URLSearchParams(body)) : {}) };
    const headers: Record<string, string> = {};
    // Header names as the client sent them and in lowercase (assumed: FIDELITY.md, Suitelets and the UI sign-in:
    // "request.headers under the names the client sent and in lowercase").
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers[req.rawHeaders[i]] = req.rawHeaders[i + 1];
      headers[req.rawHeaders[i].toLowerCase()] = req.rawHeaders[i + 1];
    }
    const task: SuiteletTask = {
      script: found.script.scriptid, deployment: found.deployment.scriptid, user: access.user, role: access.role, chrome,
      request: { method, url: `${url.origin}${url.pathname}`, path: here, headers, parameters, body, clientIpAddress: req.socket.remoteAddress || '' },
    };
    const result = (await account.pool.run('suitelet', task)) as SuiteletResult;
    if ('error' in result) {
      // The status is assumed (FIDELITY.md, Suitelets and the UI sign-in: "An uncaught error → HTTP 500"). The code
      // and message only, never the stack.
      return sendPage(res, 500, pages.errorPage({ chrome, code: result.error.name, message: result.error.message }));
    }
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of result.headers) {
      const prev = out[name];
      out[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    res.writeHead(result.status, out);
    res.end(result.body);
  };
}
