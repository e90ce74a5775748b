// @ts-check
'use strict';
/**
 * An account file (YAML or JSON) into a fresh database: settings, features, subsidiaries, departments,
 * locations, roles with permission levels, employees with roles, integrations, tokens, API secrets and
 * custom record instances. Mistakes are refused with the path of the bad entry and what to write instead.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { setSetting } = require('./db');
const { STANDARD_TYPES } = require('../records/types');
const { toStored } = require('../records/values');
const { hashPassword } = require('./passwords');

const CATALOG = require('../data/netsuite-permissions.json');
/** @type {Set<string>} */
const PERMISSION_KEYS = new Set();
/** @type {Map<string, string>} */
const PERMISSION_NAMES = new Map();
for (const cat of Object.values(CATALOG.permissions)) {
  for (const p of /** @type {{ permissions: Array<{ id: string, name: string }> }} */ (cat).permissions) {
    PERMISSION_KEYS.add(p.id);
    if (!PERMISSION_NAMES.has(p.id)) PERMISSION_NAMES.set(p.id, p.name);
  }
}
const LEVELS = /** @type {Record<string, number>} */ ({ NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 });

class AccountFileError extends Error {}

/** @param {string} file @returns {any} */
function readAccountFile(file) {
  if (!fs.existsSync(file)) throw new AccountFileError(`${file}: no such account file.`);
  const text = fs.readFileSync(file, 'utf8');
  try {
    return /\.ya?ml$/i.test(file) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw new AccountFileError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${/** @type {Error} */ (e).message}`);
  }
}

/**
 * @param {import('better-sqlite3').Database} db
 * @param {any} account the parsed account file
 * @param {{ source?: string, types: Record<string, import('../records/types').RecordTypeDef>, nowIso: string }} o
 */
function loadAccount(db, account, o) {
  const where = o.source ? path.basename(o.source) : 'account';
  /** @type {(at: string, msg: string) => never} */
  const fail = (at, msg) => { throw new AccountFileError(`${where}: ${at}: ${msg}`); };
  if (!account || typeof account !== 'object') fail('(top)', 'an account file is a YAML or JSON object');
  const known = ['account', 'features', 'subsidiaries', 'departments', 'locations', 'roles', 'employees', 'integrations', 'tokens', 'secrets', 'records'];
  for (const k of Object.keys(account)) if (!known.includes(k)) fail(k, `unknown section; the sections are ${known.join(', ')}`);

  db.transaction(() => {
    const a = account.account || {};
    if (a.id) setSetting(db, 'account.id', String(a.id));
    if (a.name) setSetting(db, 'account.name', String(a.name));
    if (a.timeZone) setSetting(db, 'account.timeZone', String(a.timeZone));
    if (a.dateFormat) setSetting(db, 'account.dateFormat', String(a.dateFormat));
    if (a.concurrencyLimit) setSetting(db, 'account.concurrencyLimit', Number(a.concurrencyLimit));

    const features = Array.isArray(account.features) ? Object.fromEntries(account.features.map((/** @type {string} */ f) => [f, true])) : account.features || {};
    const insFeature = db.prepare('INSERT OR REPLACE INTO feature (id, enabled) VALUES (?, ?)');
    for (const [id, on] of Object.entries(features)) insFeature.run(String(id).toUpperCase(), on ? 'T' : 'F');

    for (const table of ['subsidiary', 'department', 'location']) {
      const list = account[`${table === 'subsidiary' ? 'subsidiaries' : `${table}s`}`] || [];
      const ins = db.prepare(`INSERT INTO ${table} (id, name, isinactive) VALUES (?, ?, ?)`);
      list.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
        if (!r.name) fail(`${table}[${i}]`, 'needs a name');
        ins.run(r.id ?? null, r.name, r.isInactive ? 'T' : 'F');
      });
    }

    /** @type {Map<string, number>} */
    const roleIds = new Map();
    const insRole = db.prepare('INSERT INTO role (id, scriptid, name, isinactive, iswebserviceonlyrole) VALUES (?, ?, ?, ?, ?)');
    const insPerm = db.prepare('INSERT INTO rolepermissions (role, permkey, name, permlevel) VALUES (?, ?, ?, ?)');
    (account.roles || []).forEach((/** @type {any} */ r, /** @type {number} */ i) => {
      const at = `roles[${i}] (${r.name || r.scriptid || '?'})`;
      if (!r.name || !r.scriptid) fail(at, 'a role needs a name and a scriptid (e.g. customrole_el_integration)');
      const id = Number(insRole.run(r.id ?? null, String(r.scriptid).toLowerCase(), r.name, r.isInactive ? 'T' : 'F', r.webServicesOnly ? 'T' : 'F').lastInsertRowid);
      roleIds.set(String(r.scriptid).toLowerCase(), id);
      roleIds.set(String(id), id);
      for (const [key, lv] of Object.entries(r.permissions || {})) {
        const k = key.toUpperCase();
        if (!PERMISSION_KEYS.has(k)) fail(`${at}.permissions.${key}`, 'not a NetSuite permission key (see sandbox/src/data/netsuite-permissions.json), e.g. ADMI_RESTWEBSERVICES, LIST_EMPLOYEE');
        const level = typeof lv === 'number' ? lv : LEVELS[String(lv).toUpperCase()];
        if (!Number.isInteger(level) || level < 0 || level > 4) fail(`${at}.permissions.${key}`, `level ${lv} is not NONE, VIEW, CREATE, EDIT or FULL`);
        if (level > 0) insPerm.run(id, k, PERMISSION_NAMES.get(k) || k, level);
      }
    });
    /** @param {any} ref @param {string} at */
    const role = (ref, at) => {
      const id = roleIds.get(String(ref).toLowerCase()) ?? /** @type {any} */ (db.prepare('SELECT id FROM role WHERE id = ? OR scriptid = ?').get(Number(ref) || -1, String(ref).toLowerCase()))?.id;
      if (id == null) fail(at, `unknown role ${ref}: list it under roles first`);
      return /** @type {number} */ (id);
    };

    const emp = STANDARD_TYPES.employee;
    const byRest = new Map(Object.values(emp.fields).filter((f) => f.stored !== false).map((f) => [f.rest.toLowerCase(), f]));
    const insRoleLine = db.prepare('INSERT INTO employeerolesforsearch (entity, role) VALUES (?, ?)');
    const insPassword = db.prepare('INSERT INTO sb_password (entity, hash) VALUES (?, ?)');
    const employees = account.employees || [];
    // Supervisors may point forward in the list: insert everyone first, then set supervisors.
    /** @type {Array<[number, number]>} */
    const supervisors = [];
    const insEmp = db.prepare('INSERT INTO employee (id, entityid, firstname, lastname, email, title, isinactive, giveaccess, releasedate, hiredate, subsidiary, department, location, datecreated, lastmodifieddate) VALUES (@id, @entityid, @firstname, @lastname, @email, @title, @isinactive, @giveaccess, @releasedate, @hiredate, @subsidiary, @department, @location, @now, @now)');
    employees.forEach((/** @type {any} */ e, /** @type {number} */ i) => {
      const at = `employees[${i}] (${e.entityId || [e.firstName, e.lastName].join(' ')})`;
      /** @type {Record<string, any>} */
      const row = { id: e.id ?? null, entityid: null, firstname: null, lastname: null, email: null, title: null, isinactive: 'F', giveaccess: 'F', releasedate: null, hiredate: null, subsidiary: null, department: null, location: null, now: o.nowIso };
      for (const [k, v] of Object.entries(e)) {
        if (k === 'id' || k === 'roles' || k === 'supervisor' || k === 'password') continue;
        const f = byRest.get(k.toLowerCase());
        if (!f || f.readonly) return fail(`${at}.${k}`, `unknown employee field; use REST names: ${[...byRest.values()].filter((x) => !x.readonly).map((x) => x.rest).join(', ')}`);
        try {
          row[f.id] = f.kind === 'date' ? dateOnly(v) : toStored(f, f.kind === 'select' ? String(v) : v);
        } catch (err) {
          fail(`${at}.${k}`, /** @type {Error} */ (err).message);
        }
      }
      if (!row.firstname || !row.lastname) fail(at, 'an employee needs firstName and lastName');
      row.entityid = row.entityid || `${row.firstname} ${row.lastname}`;
      let id;
      try {
        id = Number(insEmp.run(row).lastInsertRowid);
      } catch (err) {
        fail(at, `${/** @type {Error} */ (err).message} (do its subsidiary, department and location exist?)`);
      }
      for (const r of e.roles || []) insRoleLine.run(id, role(r, `${at}.roles`));
      // The sandbox's UI sign-in password (Access subtab > Password); kept only as a scrypt hash.
      if (e.password != null) {
        if (typeof e.password !== 'string' || e.password.length < 8) fail(`${at}.password`, 'a password is a string of at least 8 characters');
        insPassword.run(id, hashPassword(e.password));
      }
      if (e.supervisor != null) supervisors.push([Number(e.supervisor), /** @type {number} */ (id)]);
    });
    const setSup = db.prepare('UPDATE employee SET supervisor = ? WHERE id = ?');
    for (const [sup, id] of supervisors) setSup.run(sup, id);

    const insInt = db.prepare('INSERT INTO integration (id, name, isinactive, tokenbasedauth, oauth2) VALUES (?, ?, ?, ?, ?)');
    const insCred = db.prepare('INSERT INTO sb_integration_credential (integration, consumer_key, consumer_secret) VALUES (?, ?, ?)');
    /** @type {Map<number, string>} */
    const appNames = new Map();
    (account.integrations || []).forEach((/** @type {any} */ it, /** @type {number} */ i) => {
      const at = `integrations[${i}] (${it.name || '?'})`;
      if (!it.name || !it.consumerKey || !it.consumerSecret) fail(at, 'an integration needs name, consumerKey and consumerSecret');
      const id = Number(insInt.run(it.id ?? null, it.name, it.isInactive ? 'T' : 'F', it.tokenBased === false ? 'F' : 'T', it.oauth2 ? 'T' : 'F').lastInsertRowid);
      insCred.run(id, it.consumerKey, it.consumerSecret);
      appNames.set(id, it.name);
    });

    const insTok = db.prepare('INSERT INTO oauthtoken (id, tba_token_name, entity_name, role_name, tba_app_name, integration, binactive, brevoked, dcreated, createdby) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insTokCred = db.prepare('INSERT INTO sb_token_credential (token, kind, token_id, token_secret) VALUES (?, ?, ?, ?)');
    (account.tokens || []).forEach((/** @type {any} */ t, /** @type {number} */ i) => {
      const at = `tokens[${i}] (${t.name || '?'})`;
      const kind = t.kind || 'tba';
      if (kind !== 'tba' && kind !== 'oauth2') fail(at, "kind is 'tba' (token-based authentication) or 'oauth2'");
      if (kind === 'tba' && (!t.tokenId || !t.tokenSecret)) fail(at, 'a TBA token needs tokenId and tokenSecret');
      if (kind === 'oauth2' && !t.accessToken) fail(at, 'an OAuth 2.0 token needs accessToken');
      if (t.user == null || t.role == null || t.integration == null) fail(at, 'a token needs user (employee id), role and integration');
      if (!appNames.has(Number(t.integration))) fail(at, `unknown integration ${t.integration}`);
      if (!db.prepare('SELECT 1 FROM employee WHERE id = ?').get(t.user)) fail(at, `unknown user (employee id) ${t.user}`);
      const id = Number(insTok.run(t.id ?? null, t.name || `${appNames.get(Number(t.integration))} token`, t.user, role(t.role, `${at}.role`),
        appNames.get(Number(t.integration)), Number(t.integration), t.inactive ? 'T' : 'F', t.revoked ? 'T' : 'F', o.nowIso, t.user).lastInsertRowid);
      insTokCred.run(id, kind, kind === 'tba' ? t.tokenId : t.accessToken, kind === 'tba' ? t.tokenSecret : null);
    });

    const insSecret = db.prepare('INSERT OR REPLACE INTO sb_secret (scriptid, value) VALUES (?, ?)');
    for (const [id, value] of Object.entries(account.secrets || {})) {
      if (!/^custsecret/i.test(id)) fail(`secrets.${id}`, 'API secret ids start with custsecret');
      insSecret.run(id.toLowerCase(), String(value));
    }

    for (const [typeId, rows] of Object.entries(account.records || {})) {
      const t = o.types[typeId.toLowerCase()];
      if (!t || t.kind !== 'custom') fail(`records.${typeId}`, 'not a custom record type of this project (is its Objects/*.xml there?)');
      (/** @type {any[]} */ (rows)).forEach((r, i) => {
        const at = `records.${typeId}[${i}]`;
        /** @type {Record<string, any>} */
        const row = { created: o.nowIso, lastmodified: o.nowIso };
        if (r.id != null) row.id = r.id;
        for (const [k, v] of Object.entries(r)) {
          if (k === 'id') continue;
          const f = t.fields[k.toLowerCase()] || Object.values(t.fields).find((x) => x.rest.toLowerCase() === k.toLowerCase());
          if (!f) fail(`${at}.${k}`, `unknown field; ${t.id} has ${Object.keys(t.fields).join(', ')}`);
          try {
            row[f.id] = f.kind === 'date' ? dateOnly(v) : toStored(f, v);
          } catch (err) {
            fail(`${at}.${k}`, /** @type {Error} */ (err).message);
          }
        }
        const names = Object.keys(row);
        db.prepare(`INSERT INTO ${t.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
      });
    }
  })();
}

/** @param {unknown} v */
function dateOnly(v) {
  if (v == null || v === '') return null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`a date is written "YYYY-MM-DD", not ${JSON.stringify(v)}`);
  return v;
}

module.exports = { readAccountFile, loadAccount, AccountFileError, PERMISSION_NAMES, LEVELS };
