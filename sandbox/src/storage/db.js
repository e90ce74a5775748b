// @ts-check
'use strict';
/**
 * Opens the account's SQLite database. Every thread (main and each worker) opens its own connection:
 * WAL lets readers and one writer proceed together, the busy timeout queues writers instead of failing.
 */
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const { customRecordColumns, customRecordIndexSql, customRecordTableSql } = require('../records/types');

const SCHEMA = fs.readFileSync(path.join(__dirname, 'schema.sql'), 'utf8');

/**
 * @param {string} file database file, or ':memory:'
 * @param {{ customRecordTypes?: import('../records/types').CustomRecordTypeDef[], create?: boolean }} [options]
 * @returns {import('better-sqlite3').Database}
 */
function openDatabase(file, options = {}) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  if (options.create !== false) {
    db.exec(SCHEMA);
    for (const def of options.customRecordTypes || []) deployCustomRecordTable(db, def);
  }
  return db;
}

/**
 * A custom record type's table as the project defines it now. Fields added since the account was made
 * become columns (as a redeploy adds them in NetSuite); fields removed stay, unused.
 * @param {import('better-sqlite3').Database} db @param {import('../records/types').CustomRecordTypeDef} def
 */
function deployCustomRecordTable(db, def) {
  db.exec(customRecordTableSql(def));
  const table = def.scriptid.toLowerCase();
  const have = new Set(/** @type {Array<{ name: string }>} */ (db.prepare(`PRAGMA table_info(${table})`).all()).map((c) => c.name));
  for (const [id, type] of customRecordColumns(def)) if (!have.has(id)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${id} ${type}`);
  db.exec(customRecordIndexSql(def));
}

/** @param {import('better-sqlite3').Database} db @param {string} key @returns {string | undefined} */
function getSetting(db, key) {
  const row = /** @type {{value: string} | undefined} */ (db.prepare('SELECT value FROM sb_settings WHERE key = ?').get(key));
  return row ? row.value : undefined;
}

/** @param {import('better-sqlite3').Database} db @param {string} key @param {string|number} value */
function setSetting(db, key, value) {
  db.prepare('INSERT INTO sb_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, String(value));
}

/**
 * The account's settings with their defaults.
 * @param {import('better-sqlite3').Database} db
 */
function readAccountSettings(db) {
  return {
    accountId: getSetting(db, 'account.id') || 'TSTDRV0000000',
    companyName: getSetting(db, 'account.name') || 'Sandbox Account',
    timeZone: getSetting(db, 'account.timeZone') || 'America/Los_Angeles',
    dateFormat: getSetting(db, 'account.dateFormat') || 'M/D/YYYY',
    concurrencyLimit: Number(getSetting(db, 'account.concurrencyLimit') || 10),
  };
}

/**
 * A role reference as SDF, account files and the CLI write it (ADMINISTRATOR, customrole_x, [customrole_x],
 * [scriptid=customrole_x] or an internal id) → the role's internal id, or null.
 * @param {import('better-sqlite3').Database} db @param {string | number} ref
 * @returns {number | null}
 */
function roleIdByRef(db, ref) {
  const key = String(ref).replace(/^\[(scriptid=)?|\]$/g, '').toLowerCase();
  const row = /** @type {{ id: number } | undefined} */ (db.prepare('SELECT id FROM role WHERE scriptid = ? OR CAST(id AS TEXT) = ?').get(key, key));
  return row ? Number(row.id) : null;
}

module.exports = { openDatabase, getSetting, setSetting, readAccountSettings, roleIdByRef };
