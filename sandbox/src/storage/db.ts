/**
 * Opens the account's SQLite database. Every thread (main and each worker) opens its own connection:
 * WAL lets readers and one writer proceed together, the busy timeout queues writers instead of failing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import Database from 'better-sqlite3';

import { LIMITS } from '../limits';
import { cacheStatements } from './statements';
import { customRecordColumns, customRecordIndexSql, customRecordTableSql, type CustomRecordTypeDef } from '../records/types';

export type Db = Database.Database;

/** The account's settings with their defaults. */
export interface AccountSettings {
  accountId: string, companyName: string, timeZone: string, dateFormat: string, concurrencyLimit: number,
  /** REST SuiteQL's time limit (limits.ts) */
  suiteqlTimeoutMs: number,
}

const SCHEMA = fs.readFileSync(path.join(__dirname, 'schema.sql'), 'utf8');

/** file: the database file, or ':memory:'. */
export function openDatabase(file: string, options: { customRecordTypes?: CustomRecordTypeDef[], create?: boolean } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  cacheStatements(db);
  if (options.create !== false) {
    db.exec(SCHEMA);
    addIntegrationColumns(db);
    for (const def of options.customRecordTypes || []) deployCustomRecordTable(db, def);
  }
  return db;
}

/**
 * The integration columns an older sandbox did not have (schema.sql makes them in a new account): its
 * State and OAuth 2.0 grants and scopes. An integration with OAuth 2.0 on gets what an account file that
 * says `oauth2: true` gets (storage/account-file.ts): the authorization code grant and the REST web
 * services and RESTlets scopes.
 */
const INTEGRATION_COLUMNS: Array<[string, string, string | null]> = [
  ['state', "TEXT NOT NULL DEFAULT 'Enabled'", null],
  ['authcodegrant', "CHECKBOX NOT NULL DEFAULT 'F'", 'oauth2'],
  ['clientcredentials', "CHECKBOX NOT NULL DEFAULT 'F'", null],
  ['scoperestwebservices', "CHECKBOX NOT NULL DEFAULT 'F'", 'oauth2'],
  ['scoperestlets', "CHECKBOX NOT NULL DEFAULT 'F'", 'oauth2'],
  ['scopesuiteanalytics', "CHECKBOX NOT NULL DEFAULT 'F'", null],
];
function addIntegrationColumns(db: Db): void {
  const have = new Set(db.prepare<[], { name: string }>('PRAGMA table_info(integration)').all().map((c) => c.name));
  for (const [name, type, from] of INTEGRATION_COLUMNS) {
    if (have.has(name)) continue;
    db.exec(`ALTER TABLE integration ADD COLUMN ${name} ${type}`);
    if (from) db.exec(`UPDATE integration SET ${name} = ${from}`);
  }
}

/**
 * A custom record type's table as the project defines it now. Fields added since the account was made
 * become columns (as a redeploy adds them in NetSuite); fields removed stay, unused.
 */
function deployCustomRecordTable(db: Db, def: CustomRecordTypeDef): void {
  db.exec(customRecordTableSql(def));
  const table = def.scriptid.toLowerCase();
  const have = new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name));
  for (const [id, type] of customRecordColumns(def)) if (!have.has(id)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${id} ${type}`);
  db.exec(customRecordIndexSql(def));
}

export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM sb_settings WHERE key = ?').get(key);
  return row ? row.value : undefined;
}

export function setSetting(db: Db, key: string, value: string | number): void {
  db.prepare('INSERT INTO sb_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, String(value));
}

export function readAccountSettings(db: Db): AccountSettings {
  return {
    accountId: getSetting(db, 'account.id') || 'TSTDRV0000000',
    companyName: getSetting(db, 'account.name') || 'Sandbox Account',
    timeZone: getSetting(db, 'account.timeZone') || 'America/Los_Angeles',
    dateFormat: getSetting(db, 'account.dateFormat') || 'M/D/YYYY',
    concurrencyLimit: Number(getSetting(db, 'account.concurrencyLimit') || 10),
    suiteqlTimeoutMs: Number(getSetting(db, 'account.suiteqlTimeoutMs') || LIMITS.suiteqlMs),
  };
}

/**
 * A role reference as SDF, account files and the CLI write it (ADMINISTRATOR, customrole_x, [customrole_x],
 * [scriptid=customrole_x] or an internal id) → the role's internal id, or null.
 */
export function roleIdByRef(db: Db, ref: string | number): number | null {
  const key = String(ref).replace(/^\[(scriptid=)?|\]$/g, '').toLowerCase();
  const row = db.prepare<[string, string], { id: number }>('SELECT id FROM role WHERE scriptid = ? OR CAST(id AS TEXT) = ?').get(key, key);
  return row ? Number(row.id) : null;
}

