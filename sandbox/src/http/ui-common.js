// @ts-check
'use strict';
/** What the sign-in routes and the Suitelet host share: HTML and redirect responses, the page chrome. */

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string} body
 * @param {Record<string, string | string[]>} [headers]
 */
function sendPage(res, status, body, headers = {}) {
  // Pages of the account are never cached: they depend on who is signed in.
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** @param {import('node:http').ServerResponse} res @param {string} location @param {Record<string, string | string[]>} [headers] */
function redirect(res, location, headers = {}) {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

/** Where to go after signing in: a path on this host only (no open redirect). @param {string | null} target */
const localTarget = (target) => (target && /^\/(?![/\\])/.test(target) ? target : '/');

/**
 * The navigation bar's account, user and role.
 * @param {import('../account').Account} account @param {import('./sessions').Session | null} session
 * @returns {import('../ui/html').Chrome}
 */
function chromeFor(account, session) {
  const company = account.settings.companyName;
  if (!session) return { company };
  return { company, user: session.name, role: session.roles.find((r) => r.id === session.role)?.name };
}

module.exports = { sendPage, redirect, localTarget, chromeFor };
