/**
 * What an administrator does on the Manage Roles, Access Tokens, Manage Integrations and OAuth 2.0 Client
 * Credentials (M2M) Setup pages: grant or remove a role's permission, regenerate an access token (a new token
 * id and secret; the old token is revoked), change an integration record's State, grants and scopes, and
 * revoke a client credentials mapping.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { roleIdByRef } from './storage/db';
import { LEVELS, SCOPES } from './storage/account-file';

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

/** An integration record's fields on Manage Integrations that this can change; those left out stay. */
export interface IntegrationChange {
  state?: 'Enabled' | 'Blocked', tokenBased?: boolean, authorizationCodeGrant?: boolean, clientCredentials?: boolean,
  /** rest_webservices, restlets, suite_analytics: the scopes checked (the others are cleared) */
  scopes?: string[],
}

/** Edit an integration record, as Manage Integrations saves it: logins check it from their next request. */
export function updateIntegration(db: Database, id: number, change: IntegrationChange): void {
  const row = db.prepare<[number], { authcodegrant: string, clientcredentials: string }>('SELECT authcodegrant, clientcredentials FROM integration WHERE id = ?').get(id);
  if (!row) throw new AccessAdminError(`There is no integration ${id}.`);
  const set: Record<string, string> = {};
  const flag = (v: boolean): string => (v ? 'T' : 'F');
  if (change.state !== undefined) {
    if (change.state !== 'Enabled' && change.state !== 'Blocked') throw new AccessAdminError(`The State is Enabled or Blocked, not ${String(change.state)}.`);
    set.state = change.state;
  }
  if (change.tokenBased !== undefined) set.tokenbasedauth = flag(change.tokenBased);
  if (change.authorizationCodeGrant !== undefined) set.authcodegrant = flag(change.authorizationCodeGrant);
  if (change.clientCredentials !== undefined) set.clientcredentials = flag(change.clientCredentials);
  if (change.scopes !== undefined) {
    const unknown = change.scopes.find((sc) => !Object.prototype.hasOwnProperty.call(SCOPES, sc));
    if (unknown) throw new AccessAdminError(`Unknown scope ${unknown}: the scopes are ${Object.keys(SCOPES).join(', ')}.`);
    for (const [sc, column] of Object.entries(SCOPES)) set[column] = flag(change.scopes.includes(sc));
  }
  const grants = (set.authcodegrant ?? row.authcodegrant) === 'T' || (set.clientcredentials ?? row.clientcredentials) === 'T';
  set.oauth2 = flag(grants);
  const names = Object.keys(set);
  db.prepare(`UPDATE integration SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({ ...set, id });
}

/** Revoke a client credentials mapping's certificate (the Revoke button): no token is issued under it again. */
export function revokeCertificate(db: Database, certificateId: string): void {
  const changed = db.prepare("UPDATE sb_oauth2_certificate SET revoked = 'T' WHERE certificate_id = ?").run(certificateId).changes;
  if (!changed) throw new AccessAdminError(`There is no client credentials mapping with the certificate id ${certificateId}.`);
}
