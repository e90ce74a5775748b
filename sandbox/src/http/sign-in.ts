/**
 * Sign-in routes of the account's UI, at NetSuite's paths: the login page (email + password), the role
 * chooser for a user with several roles, and sign-out. Plus signInCookie(), the same sign-in for tests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Account } from '../account';
import * as pages from '../ui/pages';
import { readBody } from './body';
import { LIMITS } from '../limits';
import { sessionCookie, clearedCookie, COOKIE } from './sessions';
import type { Sessions } from './sessions';
import { sendPage, redirect, localTarget, chromeFor } from './ui-common';

/** A UI route: true when it answered. */
export type SignInRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function signInRoutes(account: Account, sessions: Sessions): SignInRoute {
  return async function route(req, res, url) {
    const method = String(req.method || 'GET').toUpperCase();
    const target = localTarget(url.searchParams.get('redirect'));
    const session = sessions.read(req.headers.cookie);
    const chrome = chromeFor(account, session);
    if (url.pathname === pages.LOGIN_PATH) {
      if (method !== 'POST') {
        sendPage(res, 200, pages.loginPage({ chrome, redirect: target }));
        return true;
      }
      const form = new URLSearchParams((await readBody(req, LIMITS.signInBodyBytes)).toString('utf8'));
      const email = form.get('email') || '';
      const password = form.get('password') || '';
      const checked = email.length > LIMITS.emailChars || password.length > LIMITS.passwordChars
        ? { ok: false as const, message: `An email address is at most ${LIMITS.emailChars} characters and a password at most ${LIMITS.passwordChars}.` }
        : sessions.check(email, password);
      if (!checked.ok) {
        account.note('ui.signin.refused', `${email.slice(0, LIMITS.emailChars)}: ${checked.message}`);
        sendPage(res, 200, pages.loginPage({ chrome, redirect: target, email: email.slice(0, LIMITS.emailChars), message: checked.message }));
        return true;
      }
      if (session) sessions.close(session.token);
      const single = checked.roles.length === 1 ? checked.roles[0].id : null;
      const token = sessions.open(checked.user, single);
      redirect(res, single ? target : pages.withRedirect(pages.ROLES_PATH, target), { 'Set-Cookie': sessionCookie(token) });
      return true;
    }
    if (url.pathname === pages.ROLES_PATH) {
      if (!session) {
        redirect(res, pages.withRedirect(pages.LOGIN_PATH, url.pathname + url.search));
        return true;
      }
      if (method !== 'POST') {
        sendPage(res, 200, pages.rolesPage({ chrome, redirect: target, roles: session.roles, current: session.role }));
        return true;
      }
      const role = Number(new URLSearchParams((await readBody(req, LIMITS.signInBodyBytes)).toString('utf8')).get('role'));
      if (!sessions.chooseRole(session, role)) {
        // The wording is assumed (FIDELITY.md, Suitelets and the UI sign-in: "Posting a role one does not hold → 403").
        sendPage(res, 403, pages.rolesPage({ chrome, redirect: target, roles: session.roles, current: session.role, message: 'You do not have access to that role.' }));
        return true;
      }
      redirect(res, target);
      return true;
    }
    if (url.pathname === pages.LOGOUT_PATH) {
      if (session) sessions.close(session.token);
      redirect(res, pages.LOGIN_PATH, { 'Set-Cookie': clearedCookie() });
      return true;
    }
    return false;
  };
}

/**
 * Sign in as the login page does and return the Cookie header value for later requests (e.g. 'JSESSIONID=…').
 * A user with several roles names one (internal id or script id); a role the user does not have is refused.
 */
export function signInCookie(sessions: Sessions, o: { email: string, password: string, role?: number | string }): string {
  const checked = sessions.check(o.email, o.password);
  if (!checked.ok) throw new Error(checked.message);
  const wanted = o.role == null ? null : String(o.role).toLowerCase();
  const role = wanted == null ? (checked.roles.length === 1 ? checked.roles[0] : null)
    : checked.roles.find((r) => String(r.id) === wanted || r.scriptid === wanted);
  if (!role) {
    const have = checked.roles.map((r) => `${r.scriptid} (${r.id})`).join(', ');
    throw new Error(wanted == null ? `${o.email} has several roles: say which, e.g. { role: '${checked.roles[0].scriptid}' } (roles: ${have}).`
      : `${o.email} does not have the role ${String(o.role)} that can log in (roles: ${have}).`);
  }
  return `${COOKIE}=${sessions.open(checked.user, role.id)}`;
}
