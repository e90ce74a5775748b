// @ts-check
'use strict';
/**
 * Sign-in to the sandbox's UI: email and password checked against the employee (active, Give Access, a role
 * that may log in to the UI), then a session cookie. Sessions live in SQLite (sb_session, the token's sha256
 * only) so they survive a restart of `npm start`; each request re-checks the employee and role, so
 * inactivating someone or removing a role ends their session at once.
 */
const crypto = require('node:crypto');
const { verifyPassword } = require('../storage/passwords');

/** NetSuite's session cookie name. */
const COOKIE = 'JSESSIONID';
const LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * What the login page says. INVALID is NetSuite's text for a wrong email or password; DEACTIVATED is what
 * NetSuite shows an inactive employee who still has Give Access. Giving the INVALID text to an employee
 * without Give Access, and the NO_ROLE text, are unverified.
 */
const MESSAGES = {
  INVALID: 'You have entered an invalid email address or password. Please try again.',
  /** @param {string} company */
  DEACTIVATED: (company) => `Your access to ${company} has been deactivated. Please contact the company's administrator to re-activate your access.`,
  NO_ROLE: 'You do not have a role that can log in to NetSuite. Please contact your account administrator.',
};

/**
 * @typedef {{ id: number, scriptid: string, name: string }} Role
 * @typedef {{ token: string, user: number, role: number | null, name: string, email: string, roles: Role[] }} Session
 */

/** @param {import('better-sqlite3').Database} db @param {{ companyName: () => string }} o */
function createSessions(db, o) {
  const q = {
    byEmail: db.prepare('SELECT e.id, e.isinactive, e.giveaccess, p.hash FROM employee e LEFT JOIN sb_password p ON p.entity = e.id WHERE lower(e.email) = lower(?) ORDER BY e.id'),
    // Web-services-only roles cannot log in to the UI.
    roles: db.prepare(`SELECT r.id, r.scriptid, r.name FROM employeerolesforsearch er JOIN role r ON r.id = er.role
      WHERE er.entity = ? AND r.isinactive = 'F' AND r.iswebserviceonlyrole = 'F' ORDER BY r.name`),
    user: db.prepare("SELECT id, entityid, firstname, lastname, email FROM employee WHERE id = ? AND isinactive = 'F' AND giveaccess = 'T'"),
    insert: db.prepare('INSERT INTO sb_session (token_hash, entity, role, created, expires_ms) VALUES (?, ?, ?, ?, ?)'),
    get: db.prepare('SELECT entity, role, expires_ms FROM sb_session WHERE token_hash = ?'),
    setRole: db.prepare('UPDATE sb_session SET role = ? WHERE token_hash = ?'),
    remove: db.prepare('DELETE FROM sb_session WHERE token_hash = ?'),
    expired: db.prepare('DELETE FROM sb_session WHERE expires_ms < ?'),
  };
  /** @param {string} token */
  const digest = (token) => crypto.createHash('sha256').update(token).digest('hex');
  /** @param {number} user @returns {Role[]} */
  const rolesOf = (user) => /** @type {Role[]} */ (q.roles.all(user));

  return {
    /**
     * Check an email and password. The password is checked first, so the page tells a stranger nothing
     * about the account.
     * @param {string} email @param {string} password
     * @returns {{ ok: true, user: number, roles: Role[] } | { ok: false, message: string }}
     */
    check(email, password) {
      const rows = /** @type {Array<{ id: number, isinactive: string, giveaccess: string, hash: string | null }>} */ (q.byEmail.all(String(email || '').trim()));
      const e = rows.find((r) => r.hash && verifyPassword(String(password || ''), r.hash));
      if (!e || e.giveaccess !== 'T') return { ok: false, message: MESSAGES.INVALID };
      if (e.isinactive === 'T') return { ok: false, message: MESSAGES.DEACTIVATED(o.companyName()) };
      const roles = rolesOf(e.id);
      if (!roles.length) return { ok: false, message: MESSAGES.NO_ROLE };
      return { ok: true, user: e.id, roles };
    },

    /** Start a session; role stays null until chosen when the user has several. @param {number} user @param {number | null} role */
    open(user, role) {
      q.expired.run(Date.now());
      const token = crypto.randomBytes(32).toString('base64url');
      q.insert.run(digest(token), user, role, new Date().toISOString(), Date.now() + LIFETIME_MS);
      return token;
    },

    /** The session of a request's Cookie header, or null. @param {string | undefined} cookieHeader @returns {Session | null} */
    read(cookieHeader) {
      const token = parseCookies(cookieHeader)[COOKIE];
      if (!token) return null;
      const row = /** @type {{ entity: number, role: number | null, expires_ms: number } | undefined} */ (q.get.get(digest(token)));
      if (!row || row.expires_ms < Date.now()) return null;
      const e = /** @type {any} */ (q.user.get(row.entity));
      if (!e) return null;
      const roles = rolesOf(row.entity);
      const role = roles.some((r) => r.id === row.role) ? row.role : null;
      return { token, user: row.entity, role, name: e.entityid || `${e.firstname} ${e.lastname}`, email: e.email || '', roles };
    },

    /** Pick the session's role: only one of the user's own. @param {Session} s @param {number} role @returns {boolean} */
    chooseRole(s, role) {
      if (!s.roles.some((r) => r.id === role)) return false;
      q.setRole.run(role, digest(s.token));
      return true;
    },

    /** @param {string} token */
    close(token) {
      q.remove.run(digest(token));
    },
  };
}

/** @param {string} token */
const sessionCookie = (token) => `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`;
const clearedCookie = () => `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

/** @param {string | undefined} header @returns {Record<string, string>} */
function parseCookies(header) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const part of String(header || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

module.exports = { createSessions, sessionCookie, clearedCookie, COOKIE, MESSAGES };
