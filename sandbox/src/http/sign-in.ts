// @ts-check
'use strict';
/**
 * Sign-in routes of the account's UI, at NetSuite's paths: the login page (email + password), the role
 * chooser for a user with several roles, and sign-out. Plus signInCookie(), the same sign-in for tests.
 */
const { sessionCookie, clearedCookie, COOKIE } = require('./sessions');
const { readBody } = require('./body');
const { sendPage, redirect, localTarget, chromeFor } = require('./ui-common');
const pages = require('../ui/pages');

/**
 * @param {import('../account').Account} account @param {ReturnType<typeof import('./sessions').createSessions>} sessions
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => Promise<boolean>} true when it answered
 */
function signInRoutes(account, sessions) {
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
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const email = form.get('email') || '';
      const checked = sessions.check(email, form.get('password') || '');
      if (!checked.ok) {
        account.note('ui.signin.refused', `${email}: ${checked.message}`);
        sendPage(res, 200, pages.loginPage({ chrome, redirect: target, email, message: checked.message }));
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
      const role = Number(new URLSearchParams((await readBody(req)).toString('utf8')).get('role'));
      if (!sessions.chooseRole(session, role)) {
        // Unverified: NetSuite's wording when a role the user does not have is posted.
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
 * Sign in as the login page does and return the Cookie header value for later requests. A user with several
 * roles names one (internal id or script id); a role the user does not have is refused.
 * @param {ReturnType<typeof import('./sessions').createSessions>} sessions @param {{ email: string, password: string, role?: number | string }} o
 * @returns {string} e.g. 'JSESSIONID=…'
 */
function signInCookie(sessions, o) {
  const checked = sessions.check(o.email, o.password);
  if (!checked.ok) throw new Error(checked.message);
  const wanted = o.role == null ? null : String(o.role).toLowerCase();
  const role = wanted == null ? (checked.roles.length === 1 ? checked.roles[0] : null)
    : checked.roles.find((r) => String(r.id) === wanted || r.scriptid === wanted);
  if (!role) {
    const have = checked.roles.map((r) => `${r.scriptid} (${r.id})`).join(', ');
    throw new Error(wanted == null ? `${o.email} has several roles: say which, e.g. { role: '${checked.roles[0].scriptid}' } (roles: ${have}).`
      : `${o.email} does not have the role ${o.role} that can log in (roles: ${have}).`);
  }
  return `${COOKIE}=${sessions.open(checked.user, role.id)}`;
}

module.exports = { signInRoutes, signInCookie };
