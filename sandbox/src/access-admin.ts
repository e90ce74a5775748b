/**
 * What an administrator does on the Manage Roles and Access Tokens pages: grant or remove a role's
 * permission, and regenerate an access token (a new token id and secret; the old token is revoked).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { roleIdByRef } from './storage/db';
import { LEVELS } from './storage/account-file';

/** Bad input from the caller: the message says what to fix (the CLI prints only the message). */
export class AccessAdminError extends Error {
  name = 'AccessAdminError';
}

/** An access token row with how the sandbox keeps its credential. */
interface TokenRow {
  tba_token_name: string | null, entity_name: number, role_name: number, tba_app_name: string | null,
  integration: number | null, createdby: number | null, kind: 'tba' | 'oauth2',
}

/** @param ref role id or script id */
function roleId(db: Database, ref: number | string): number {
  const id = roleIdByRef(db, ref);
  if (id === null) throw new AccessAdminError(`There is no role ${ref}: use a role's internal id or script id.`);
  return id;
}

/** Set a role's level for a permission (NONE removes it). */
export function setPermission(db: Database, role: number | string, key: string, level: string | number): { role: number, key: string, level: number } {
  const id = roleId(db, role);
  const lv = typeof level === 'number' ? level : LEVELS[String(level).toUpperCase()];
  if (!Number.isInteger(lv) || lv < 0 || lv > 4) throw new AccessAdminError(`Permission level ${level} is not NONE, VIEW, CREATE, EDIT or FULL.`);
  const permkey = String(key).toUpperCase();
  if (!/^(ADMI|LIST|TRAN|REPO|REGT)_[A-Z0-9_]+$/.test(permkey)) throw new AccessAdminError(`${key} is not a permission key (ADMI_…, LIST_…, TRAN_…, REPO_…).`);
  if (lv === 0) db.prepare('DELETE FROM rolepermissions WHERE role = ? AND permkey = ?').run(id, permkey);
  else db.prepare('INSERT INTO rolepermissions (role, permkey, permlevel) VALUES (?, ?, ?) ON CONFLICT (role, permkey) DO UPDATE SET permlevel = excluded.permlevel').run(id, permkey, lv);
  return { role: id, key: permkey, level: lv };
}

/**
 * Regenerate a TBA token: a new token bound to the same user, role and integration, and the old one
 * revoked. The secret is shown once, as NetSuite shows it once.
 */
export function regenerateToken(db: Database, tokenId: number, nowIso: string): { id: number, tokenId: string, tokenSecret: string } {
  return db.transaction(() => {
    const old = db.prepare<[number], TokenRow>('SELECT t.*, c.kind FROM oauthtoken t JOIN sb_token_credential c ON c.token = t.id WHERE t.id = ?').get(tokenId);
    if (!old) throw new AccessAdminError(`There is no access token ${tokenId}.`);
    if (old.kind !== 'tba') throw new AccessAdminError(`Token ${tokenId} is an OAuth 2.0 token: the client gets a new one by authorizing again.`);
    const secret = randomBytes(32).toString('hex');
    const newTokenId = randomBytes(32).toString('hex');
    const id = Number(db.prepare(`INSERT INTO oauthtoken (tba_token_name, entity_name, role_name, tba_app_name, integration, binactive, brevoked, dcreated, createdby)
      VALUES (?, ?, ?, ?, ?, 'F', 'F', ?, ?)`).run(old.tba_token_name, old.entity_name, old.role_name, old.tba_app_name, old.integration, nowIso, old.createdby).lastInsertRowid);
    db.prepare("INSERT INTO sb_token_credential (token, kind, token_id, token_secret) VALUES (?, 'tba', ?, ?)").run(id, newTokenId, secret);
    db.prepare("UPDATE oauthtoken SET brevoked = 'T' WHERE id = ?").run(tokenId);
    return { id, tokenId: newTokenId, tokenSecret: secret };
  }).immediate();
}
