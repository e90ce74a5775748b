/** The account's own pages: sign-in, choose a role, the index of Suitelets, and NetSuite-style error pages. */
import { esc, page, type Chrome } from './html';

export const LOGIN_PATH = '/app/login/secure/enterpriselogin.nl';
export const ROLES_PATH = '/app/center/myroles.nl';
export const LOGOUT_PATH = '/pages/nllogoutnoback.jsp';

export const withRedirect = (base: string, redirect: string): string => (redirect && redirect !== '/' ? `${base}?redirect=${encodeURIComponent(redirect)}` : base);

export function loginPage(p: { chrome: Chrome, redirect: string, email?: string, message?: string }): string {
  const message = p.message ? `<p class="ns-message" role="alert">${esc(p.message)}</p>` : '';
  return page({
    title: 'NetSuite - Login', chrome: { company: p.chrome.company },
    body: `<div class="ns-card"><h1 class="ns-title">Log In</h1>${message}
<form method="POST" action="${esc(withRedirect(LOGIN_PATH, p.redirect))}">
<label for="email">Email address</label><input type="email" id="email" name="email" value="${esc(p.email || '')}" autocomplete="username" required>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<p><input type="submit" class="ns-btn ns-btn-primary" id="login-submit" value="Log In"></p>
</form></div>`,
  });
}

export function rolesPage(p: { chrome: Chrome, redirect: string, roles: Array<{ id: number, name: string }>, current: number | null, message?: string }): string {
  const message = p.message ? `<p class="ns-message" role="alert">${esc(p.message)}</p>` : '';
  const options = p.roles.map((r) => `<option value="${r.id}"${r.id === p.current ? ' selected' : ''}>${esc(r.name)}</option>`).join('');
  return page({
    title: 'Choose Role', chrome: p.chrome,
    body: `<div class="ns-card"><h1 class="ns-title">Choose Role</h1>${message}
<form method="POST" action="${esc(withRedirect(ROLES_PATH, p.redirect))}">
<label for="role">Role</label><select id="role" name="role">${options}</select>
<p><input type="submit" class="ns-btn ns-btn-primary" id="role-submit" value="Continue"></p>
</form></div>`,
  });
}

export interface IndexPage {
  chrome: Chrome, accountId: string, projectName: string, signedIn: 'no' | 'no-role' | 'yes',
  suitelets: Array<{ title: string, path: string, script: { scriptid: string }, deployment: { scriptid: string } }>, restBase: string,
}

export function indexPage(p: IndexPage): string {
  let apps: string;
  if (p.signedIn === 'no') apps = `<p><a href="${LOGIN_PATH}">Sign in</a> to open the project's Suitelets.</p>`;
  else if (p.signedIn === 'no-role') apps = `<p><a href="${ROLES_PATH}">Choose a role</a> to open the project's Suitelets.</p>`;
  else if (!p.suitelets.length) apps = '<p>Your role may open none of the project\'s Suitelets.</p>';
  else {
    apps = `<table class="ns-list" id="suitelets"><thead><tr><th>Suitelet</th><th>Script</th><th>Deployment</th><th>URL</th></tr></thead><tbody>${
      p.suitelets.map((s) => `<tr><td><a href="${esc(s.path)}">${esc(s.title)}</a></td><td>${esc(s.script.scriptid)}</td><td>${esc(s.deployment.scriptid)}</td><td><code>${esc(s.path)}</code></td></tr>`).join('')
    }</tbody></table>`;
  }
  return page({
    title: p.chrome.company, chrome: p.chrome,
    body: `<h1 class="ns-title">${esc(p.chrome.company)}</h1>
<p>NetSuite sandbox account <b>${esc(p.accountId)}</b> running project <b>${esc(p.projectName)}</b>.</p>
<h2>Suitelets</h2>${apps}
<h2>REST web services</h2><ul><li>Record API: <code>${esc(p.restBase)}/record/v1/employee</code></li>
<li>SuiteQL: <code>POST ${esc(p.restBase)}/query/v1/suiteql</code></li></ul>`,
  });
}

/** NetSuite's error page: the error code and its message, escaped, and never a stack trace. */
export function errorPage(p: { chrome: Chrome, code: string, message: string }): string {
  return page({
    title: 'Error', chrome: p.chrome,
    body: `<div class="ns-error" role="alert"><h1>Error</h1><p><b id="errorcode">${esc(p.code)}</b></p><p id="errormessage">${esc(p.message)}</p>
<p><a href="javascript:history.back()">Go Back</a></p></div>`,
  });
}

