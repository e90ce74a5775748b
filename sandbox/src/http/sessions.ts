/**
 * Sign-in to the sandbox's UI: email and password checked against the employee (active, Give Access, a role
 * that may log in to the UI), then a session cookie. Sessions live in SQLite (sb_session, the token's sha256
 * only) so they survive a restart of `npm start`; each request re-checks the employee and role, so
 * inactivating someone or removing a role ends their session at once.
 */
import * as crypto from 'node:crypto';

import type { Db } from '../storage/db';
import { verifyPassword } from '../storage/passwords';

/** NetSuite's session cookie name. */
export const COOKIE = 'JSESSIONID';
const LIFETIME_MS = 12 * 60 * 60 * 1000;

/**
 * What the login page says. INVALID is NetSuite's text for a wrong email or password; DEACTIVATED is what
 * NetSuite shows an inactive employee who still has Give Access. Giving the INVALID text to an employee
 * without Give Access, and the NO_ROLE text, are assumed (FIDELITY.md, Suitelets and the UI sign-in: "An
 * employee without Give Access gets the wrong-password text", "No role that may log in: the NO_ROLE text").
 */
export const MESSAGES = {
  INVALID: 'You have entered an invalid email address or password. Please try again.',
  DEACTIVATED: (company: string) => `Your access to ${company} has been deactivated. Please contact the company's administrator to re-activate your access.`,
  NO_ROLE: 'You do not have a role that can log in to NetSuite. Please contact your account administrator.',
};

export interface Role { id: number, scriptid: string, name: string }
export interface Session { token: string, user: number, role: number | null, name: string, email: string, roles: Role[] }
export type CheckResult = { ok: true, user: number, roles: Role[] } | { ok: false, message: string };

interface LoginRow { id: number, isinactive: string, giveaccess: string, hash: string | null }
interface SessionRow { entity: number, role: number | null, expires_ms: number }
interface UserRow { id: number, entityid: string | null, firstname: string | null, lastname: string | null, email: string | null }

export function createSessions(db: Db, o: { companyName: () => string }) {
  const q = {
    byEmail: db.prepare<[string], LoginRow>('SELECT e.id, e.isinactive, e.giveaccess, p.hash FROM employee e LEFT JOIN sb_password p ON p.entity = e.id WHERE lower(e.email) = lower(?) ORDER BY e.id'),
    // Web-services-only roles cannot log in to the UI.
    roles: db.prepare<[number], Role>(`SELECT r.id, r.scriptid, r.name FROM employeerolesforsearch er JOIN role r ON r.id = er.role
      WHERE er.entity = ? AND r.isinactive = 'F' AND r.iswebserviceonlyrole = 'F' ORDER BY r.name`),
    user: db.prepare<[number], UserRow>("SELECT id, entityid, firstname, lastname, email FROM employee WHERE id = ? AND isinactive = 'F' AND giveaccess = 'T'"),
    insert: db.prepare<[string, number, number | null, string, number]>('INSERT INTO sb_session (token_hash, entity, role, created, expires_ms) VALUES (?, ?, ?, ?, ?)'),
    get: db.prepare<[string], SessionRow>('SELECT entity, role, expires_ms FROM sb_session WHERE token_hash = ?'),
    setRole: db.prepare<[number, string]>('UPDATE sb_session SET role = ? WHERE token_hash = ?'),
    remove: db.prepare<[string]>('DELETE FROM sb_session WHERE token_hash = ?'),
    expired: db.prepare<[number]>('DELETE FROM sb_session WHERE expires_ms < ?'),
  };
  const digest = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');
  const rolesOf = (user: number): Role[] => q.roles.all(user);

  return {
    /**
     * Check an email and password. The password is checked first, so the page tells a stranger nothing
     * about the account.
     */
    check(email: string, password: string): CheckResult {
      const rows = q.byEmail.all(String(email || '').trim());
      const e = rows.find((r) => r.hash && verifyPassword(String(password || ''), r.hash));
      if (!e || e.giveaccess !== 'T') return { ok: false, message: MESSAGES.INVALID };
      if (e.isinactive === 'T') return { ok: false, message: MESSAGES.DEACTIVATED(o.companyName()) };
      const roles = rolesOf(e.id);
      if (!roles.length) return { ok: false, message: MESSAGES.NO_ROLE };
      return { ok: true, user: e.id, roles };
    },

    /** Start a session; role stays null until chosen when the user has several. Returns the cookie's token. */
    open(user: number, role: number | null): string {
      q.expired.run(Date.now());
      const token = crypto.randomBytes(32).toString('base64url');
      q.insert.run(digest(token), user, role, new Date().toISOString(), Date.now() + LIFETIME_MS);
      return token;
    },

    /** The session of a request's Cookie header, or null. */
    read(cookieHeader: string | undefined): Session | null {
      const token = parseCookies(cookieHeader)[COOKIE];
      if (!token) return null;
      const row = q.get.get(digest(token));
      if (!row || row.expires_ms < Date.now()) return null;
      const e = q.user.get(row.entity);
      if (!e) return null;
      const roles = rolesOf(row.entity);
      const role = roles.some((r) => r.id === row.role) ? row.role : null;
      return { token, user: row.entity, role, name: e.entityid || `${e.firstname} ${e.lastname}`, email: e.email || '', roles };
    },

    /** Pick the session's role: only one of the user's own. */
    chooseRole(s: Session, role: number): boolean {
      if (!s.roles.some((r) => r.id === role)) return false;
      q.setRole.run(role, digest(s.token));
      return true;
    },

    close(token: string): void {
      q.remove.run(digest(token));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

export const sessionCookie = (token: string): string => `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`;
export const clearedCookie = (): string => `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

function parseCookies(header: string | undefined): Record<string, string | undefined> {
  const out: Record<string, string> = {};
  for (const part of String(header || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
