// @ts-check
'use strict';
/**
 * What an administrator does on the Manage Roles and Access Tokens pages: grant or remove a role's
 * permission, and regenerate an access token (a new token id and secret; the old token is revoked).
 */
const { randomBytes } = require('node:crypto');
const { roleIdByRef } = require('./storage/db');
const { LEVELS } = require('./storage/account-file');

/** Bad input from the caller: the message says what to fix (the CLI prints only the message). */
class AccessAdminError extends Error {
  name = 'AccessAdminError';
}

/** @param {import('better-sqlite3').Database} db @param {number | string} ref role id or script id */
function roleId(db, ref) {
  const id = roleIdByRef(db, ref);
  if (id === null) throw new AccessAdminError(`There is no role ${ref}: use a role's internal id or script id.`);
  return id;
}

/**
 * Set a role's level for a permission (NONE removes it).
 * @param {import('better-sqlite3').Database} db @param {number | string} role @param {string} key @param {string | number} level
 */
function setPermission(db, role, key, level) {
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
 * @param {import('better-sqlite3').Database} db @param {number} tokenId @param {string} nowIso
 * @returns {{ id: number, tokenId: string, tokenSecret: string }}
 */
function regenerateToken(db, tokenId, nowIso) {
  return db.transaction(() => {
    const old = /** @type {any} */ (db.prepare(`SELECT t.*, c.kind FROM oauthtoken t JOIN sb_token_credential c ON c.token = t.id WHERE t.id = ?`).get(tokenId));
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

module.exports = { setPermission, regenerateToken, AccessAdminError };
