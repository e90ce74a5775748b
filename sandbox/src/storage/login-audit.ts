/**
 * The Login Audit Trail (SuiteQL LoginAudit; Setup > Users/Roles > View Login Audit Trail): one row per login
 * attempt, with its date on the account clock, Success or Failure and, for a failure, the Detail code Oracle
 * lists for it (http/authenticate.ts and http/client-credentials.ts choose it). The email address is the
 * user's at the time. The table keeps the last LIMITS.loginAuditDays days of account time and at most
 * LIMITS.loginAuditRows rows: each new row prunes what falls outside. Assumed (FIDELITY.md, Login Audit Trail: "Kept for
 * 30 days of account time").
 */
import { LIMITS } from '../limits';
import type { Db } from './db';

export interface LoginAttempt {
  status: 'Success' | 'Failure',
  /** the employee and role the credentials name, when known */
  user?: number | null, role?: number | null,
  ipAddress?: string | null, userAgent?: string | null, requestUri?: string | null,
  /** the integration (OAuth application) name; for TBA also the access token's name */
  appName?: string | null, tokenName?: string | null,
  /** a failure's Detail code (null for a success) */
  detail?: string | null,
}

export type LoginAudit = (attempt: LoginAttempt) => void;

const cut = (v: string | null | undefined): string | null => (v == null ? null : v.slice(0, LIMITS.loginAuditChars));

export function loginAudit(db: Db, now: () => Date): LoginAudit {
  const insert = db.prepare<unknown[]>(`INSERT INTO loginaudit (date, status, user, role, emailaddress, ipaddress, useragent, requesturi,
    oauthappname, oauthaccesstokenname, detail) VALUES (?, ?, ?, ?, (SELECT email FROM employee WHERE id = ?), ?, ?, ?, ?, ?, ?)`);
  const pruneOld = db.prepare<[string]>('DELETE FROM loginaudit WHERE date < ?');
  const pruneMany = db.prepare<[number]>('DELETE FROM loginaudit WHERE id <= ?');
  return (a) => {
    const at = now();
    const id = Number(insert.run(at.toISOString(), a.status, a.user ?? null, a.role ?? null, a.user ?? null, cut(a.ipAddress), cut(a.userAgent),
      cut(a.requestUri), a.appName ?? null, a.tokenName ?? null, a.detail ?? null).lastInsertRowid);
    pruneOld.run(new Date(at.getTime() - LIMITS.loginAuditDays * 86_400_000).toISOString());
    pruneMany.run(id - LIMITS.loginAuditRows);
  };
}
