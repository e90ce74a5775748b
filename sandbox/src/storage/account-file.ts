/**
 * An account file (YAML or JSON) into a fresh database: settings, features, subsidiaries, departments,
 * locations, roles with permission levels, employees with roles, integrations, tokens, OAuth 2.0 client
 * credentials mappings, API secrets and custom record instances. Mistakes are refused with the path of the
 * bad entry and what to write instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as YAML from 'yaml';

import CATALOG from '../data/netsuite-permissions.json';
import { STANDARD_TYPES, type RecordTypeDef } from '../records/types';
import { toStored } from '../records/values';
import { maxValidUntil, readCertificateKey } from './certificates';
import { setSetting, type Db } from './db';
import { hashPassword } from './passwords';

type Flag = boolean | string | number | null;
type Id = number | string | null;

/** A subsidiary, department or location. */
export interface ListEntry { id?: Id, name?: string, isInactive?: Flag }
export interface RoleEntry {
  id?: Id, scriptid?: string, name?: string, isInactive?: Flag, webServicesOnly?: Flag,
  /** permission key → level (NONE … FULL or 0 … 4) */
  permissions?: Record<string, string | number>,
}
/** An employee: REST field names (entityId, firstName, hireDate …) besides these. */
export interface EmployeeEntry {
  id?: Id, entityId?: string, firstName?: string, lastName?: string, email?: string, giveAccess?: Flag, isInactive?: Flag,
  roles?: Array<string | number>, supervisor?: Id, password?: unknown, [field: string]: unknown,
}
/**
 * An integration record. consumerKey is also the OAuth 2.0 client id. oauth2 (OAuth 2.0 on) stands for the
 * authorization code grant when authorizationCodeGrant is not given; an integration with a grant and no
 * scopes gets rest_webservices and restlets.
 */
export interface IntegrationEntry {
  id?: Id, name?: string, consumerKey?: string, consumerSecret?: string, isInactive?: Flag, tokenBased?: Flag, oauth2?: Flag,
  /** Enabled (default) or Blocked */
  state?: string,
  authorizationCodeGrant?: Flag, clientCredentials?: Flag,
  /** rest_webservices, restlets, suite_analytics */
  scopes?: string[],
}
/**
 * An OAuth 2.0 Client Credentials (M2M) Setup mapping: an entity (employee id), one of its roles and an
 * integration with the client credentials grant, to the public part of a certificate (PEM). certificateId
 * is what the client puts in its JWT's kid (default: the key's SHA-256, base64url).
 */
export interface ClientCredentialsEntry {
  certificateId?: string, entity?: number | string, role?: string | number, integration?: number | string,
  certificate?: string, validUntil?: string, revoked?: Flag,
}
export interface TokenEntry {
  id?: Id, name?: string, kind?: string, tokenId?: string, tokenSecret?: string, accessToken?: string,
  user?: number | string, role?: string | number, integration?: number | string, inactive?: Flag, revoked?: Flag,
}
/**
 * An account file as written: readAccountFile hands it over unchecked (YAML and JSON say nothing of its
 * shape), loadAccount refuses what is wrong entry by entry.
 */
export interface AccountFile {
  account?: { id?: string | number, name?: string, timeZone?: string, dateFormat?: string, concurrencyLimit?: number | string, suiteqlTimeoutMs?: number | string },
  features?: string[] | Record<string, Flag>,
  subsidiaries?: ListEntry[], departments?: ListEntry[], locations?: ListEntry[],
  roles?: RoleEntry[], employees?: EmployeeEntry[], integrations?: IntegrationEntry[], tokens?: TokenEntry[],
  clientCredentials?: ClientCredentialsEntry[],
  secrets?: Record<string, unknown>,
  /** custom record type id → its records (field ids or REST names → values) */
  records?: Record<string, Array<Record<string, unknown>>>,
}

const PERMISSION_KEYS = new Set<string>();
export const PERMISSION_NAMES = new Map<string, string>();
for (const cat of Object.values(CATALOG.permissions)) {
  for (const p of cat.permissions) {
    PERMISSION_KEYS.add(p.id);
    if (!PERMISSION_NAMES.has(p.id)) PERMISSION_NAMES.set(p.id, p.name);
  }
}
/**
 * Where Oracle's catalog misnames a key (docs/netsuite-facts.md, permission keys): it labels ADMI_LOGIN_OAUTH
 * with the OAuth 2.0 name; two other tables and the UI call it "Log in using Access Tokens" (TBA).
 */
const CATALOG_CORRECTIONS: Record<string, string> = { ADMI_LOGIN_OAUTH: 'Log in using Access Tokens' };
for (const [key, name] of Object.entries(CATALOG_CORRECTIONS)) PERMISSION_NAMES.set(key, name);
export const LEVELS: Record<string, number> = { NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 };
/** The OAuth 2.0 scopes of an integration record and their integration columns. */
export const SCOPES: Record<string, string> = { rest_webservices: 'scoperestwebservices', restlets: 'scoperestlets', suite_analytics: 'scopesuiteanalytics' };

export class AccountFileError extends Error {}

export function readAccountFile(file: string): AccountFile {
  if (!fs.existsSync(file)) throw new AccountFileError(`${file}: no such account file.`);
  const text = fs.readFileSync(file, 'utf8');
  try {
    return (/\.ya?ml$/i.test(file) ? YAML.parse(text) : JSON.parse(text)) as AccountFile;
  } catch (e) {
    throw new AccountFileError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}

/** account: the parsed account file. */
export function loadAccount(db: Db, account: unknown, o: { source?: string, types: Record<string, RecordTypeDef>, nowIso: string }): void {
  const where = o.source ? path.basename(o.source) : 'account';
  const fail: (at: string, msg: string) => never = (at, msg) => { throw new AccountFileError(`${where}: ${at}: ${msg}`); };
  if (!account || typeof account !== 'object') fail('(top)', 'an account file is a YAML or JSON object');
  const known = ['account', 'features', 'subsidiaries', 'departments', 'locations', 'roles', 'employees', 'integrations', 'tokens', 'clientCredentials', 'secrets', 'records'];
  for (const k of Object.keys(account)) if (!known.includes(k)) fail(k, `unknown section; the sections are ${known.join(', ')}`);
  const file = account as AccountFile;

  db.transaction(() => {
    const a = file.account || {};
    if (a.id) setSetting(db, 'account.id', String(a.id));
    if (a.name) setSetting(db, 'account.name', String(a.name));
    if (a.timeZone) setSetting(db, 'account.timeZone', String(a.timeZone));
    if (a.dateFormat) setSetting(db, 'account.dateFormat', String(a.dateFormat));
    if (a.concurrencyLimit) setSetting(db, 'account.concurrencyLimit', Number(a.concurrencyLimit));
    if (a.suiteqlTimeoutMs) setSetting(db, 'account.suiteqlTimeoutMs', Number(a.suiteqlTimeoutMs));

    const features = Array.isArray(file.features) ? Object.fromEntries(file.features.map((f) => [f, true])) : file.features || {};
    const insFeature = db.prepare<[string, string]>('INSERT OR REPLACE INTO feature (id, enabled) VALUES (?, ?)');
    for (const [id, on] of Object.entries(features)) insFeature.run(String(id).toUpperCase(), on ? 'T' : 'F');

    const lists: Array<[string, ListEntry[] | undefined]> = [['subsidiary', file.subsidiaries], ['department', file.departments], ['location', file.locations]];
    for (const [table, entries] of lists) {
      const list = entries || [];
      const ins = db.prepare<[Id, string, string]>(`INSERT INTO ${table} (id, name, isinactive) VALUES (?, ?, ?)`);
      list.forEach((r, i) => {
        if (!r.name) fail(`${table}[${i}]`, 'needs a name');
        ins.run(r.id ?? null, r.name, r.isInactive ? 'T' : 'F');
      });
    }

    const roleIds = new Map<string, number>();
    const insRole = db.prepare<[Id, string, string, string, string]>('INSERT INTO role (id, scriptid, name, isinactive, iswebserviceonlyrole) VALUES (?, ?, ?, ?, ?)');
    const insPerm = db.prepare<[number, string, string, number]>('INSERT INTO rolepermissions (role, permkey, name, permlevel) VALUES (?, ?, ?, ?)');
    (file.roles || []).forEach((r, i) => {
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
    const findRole = db.prepare<[number, string], { id: number }>('SELECT id FROM role WHERE id = ? OR scriptid = ?');
    const role = (ref: string | number, at: string): number => {
      const id = roleIds.get(String(ref).toLowerCase()) ?? findRole.get(Number(ref) || -1, String(ref).toLowerCase())?.id;
      if (id == null) fail(at, `unknown role ${ref}: list it under roles first`);
      return id;
    };

    const emp = STANDARD_TYPES.employee;
    const byRest = new Map(Object.values(emp.fields).filter((f) => f.stored !== false).map((f) => [f.rest.toLowerCase(), f]));
    const insRoleLine = db.prepare<[number, number]>('INSERT INTO employeerolesforsearch (entity, role) VALUES (?, ?)');
    const insPassword = db.prepare<[number, string]>('INSERT INTO sb_password (entity, hash) VALUES (?, ?)');
    const employees = file.employees || [];
    // Supervisors may point forward in the list: insert everyone first, then set supervisors.
    const supervisors: Array<[number, number]> = [];
    const insEmp = db.prepare<[Record<string, string | number | null>]>('INSERT INTO employee (id, entityid, firstname, lastname, email, title, isinactive, giveaccess, releasedate, hiredate, subsidiary, department, location, datecreated, lastmodifieddate) VALUES (@id, @entityid, @firstname, @lastname, @email, @title, @isinactive, @giveaccess, @releasedate, @hiredate, @subsidiary, @department, @location, @now, @now)');
    employees.forEach((e, i) => {
      const at = `employees[${i}] (${e.entityId || [e.firstName, e.lastName].join(' ')})`;
      const row: Record<string, string | number | null> = { id: e.id ?? null, entityid: null, firstname: null, lastname: null, email: null, title: null, isinactive: 'F', giveaccess: 'F', releasedate: null, hiredate: null, subsidiary: null, department: null, location: null, now: o.nowIso };
      for (const [k, v] of Object.entries(e)) {
        if (k === 'id' || k === 'roles' || k === 'supervisor' || k === 'password') continue;
        const f = byRest.get(k.toLowerCase());
        if (!f || f.readonly) return fail(`${at}.${k}`, `unknown employee field; use REST names: ${[...byRest.values()].filter((x) => !x.readonly).map((x) => x.rest).join(', ')}`);
        try {
          row[f.id] = f.kind === 'date' ? dateOnly(v) : toStored(f, f.kind === 'select' ? String(v) : v);
        } catch (err) {
          fail(`${at}.${k}`, (err as Error).message);
        }
      }
      if (!row.firstname || !row.lastname) fail(at, 'an employee needs firstName and lastName');
      row.entityid = row.entityid || `${row.firstname} ${row.lastname}`;
      let id: number;
      try {
        id = Number(insEmp.run(row).lastInsertRowid);
      } catch (err) {
        fail(at, `${(err as Error).message} (do its subsidiary, department and location exist?)`);
      }
      for (const r of e.roles || []) insRoleLine.run(id, role(r, `${at}.roles`));
      // The sandbox's UI sign-in password (Access subtab > Password); kept only as a scrypt hash.
      if (e.password != null) {
        if (typeof e.password !== 'string' || e.password.length < 8) fail(`${at}.password`, 'a password is a string of at least 8 characters');
        insPassword.run(id, hashPassword(e.password));
      }
      if (e.supervisor != null) supervisors.push([Number(e.supervisor), id]);
    });
    const setSup = db.prepare<[number, number]>('UPDATE employee SET supervisor = ? WHERE id = ?');
    for (const [sup, id] of supervisors) setSup.run(sup, id);

    const insInt = db.prepare<[Record<string, string | number | null>]>(`INSERT INTO integration (id, name, isinactive, tokenbasedauth, oauth2, state,
      authcodegrant, clientcredentials, scoperestwebservices, scoperestlets, scopesuiteanalytics) VALUES (@id, @name, @isinactive, @tokenbasedauth,
      @oauth2, @state, @authcodegrant, @clientcredentials, @scoperestwebservices, @scoperestlets, @scopesuiteanalytics)`);
    const insCred = db.prepare<[number, string, string]>('INSERT INTO sb_integration_credential (integration, consumer_key, consumer_secret) VALUES (?, ?, ?)');
    const appNames = new Map<number, string>();
    const withClientCredentials = new Set<number>();
    const flag = (v: unknown): 'T' | 'F' => (v ? 'T' : 'F');
    (file.integrations || []).forEach((it, i) => {
      const at = `integrations[${i}] (${it.name || '?'})`;
      if (!it.name || !it.consumerKey || !it.consumerSecret) fail(at, 'an integration needs name, consumerKey and consumerSecret');
      const state = String(it.state ?? 'Enabled').toLowerCase();
      if (state !== 'enabled' && state !== 'blocked') fail(`${at}.state`, `the State is Enabled or Blocked, not ${String(it.state)}`);
      const authCode = it.authorizationCodeGrant ?? it.oauth2;
      const oauth2 = !!(authCode || it.clientCredentials);
      if (it.scopes !== undefined && !Array.isArray(it.scopes)) fail(`${at}.scopes`, `a list of OAuth 2.0 scopes: ${Object.keys(SCOPES).join(', ')}`);
      const scopes = it.scopes ?? (oauth2 ? ['rest_webservices', 'restlets'] : []);
      for (const sc of scopes) if (!Object.prototype.hasOwnProperty.call(SCOPES, String(sc).toLowerCase())) fail(`${at}.scopes`, `unknown scope ${String(sc)}; the scopes are ${Object.keys(SCOPES).join(', ')}`);
      // Oracle (subsect_158711892221, ScopeMismatched): an OAuth 2.0 integration needs at least one scope box checked.
      if (oauth2 && !scopes.length) fail(`${at}.scopes`, 'an integration with an OAuth 2.0 grant needs at least one scope (rest_webservices, restlets, suite_analytics)');
      const scopeSet = new Set(scopes.map((sc) => String(sc).toLowerCase()));
      const id = Number(insInt.run({
        id: it.id ?? null, name: it.name, isinactive: flag(it.isInactive), tokenbasedauth: it.tokenBased === false ? 'F' : 'T', oauth2: flag(oauth2),
        state: state === 'blocked' ? 'Blocked' : 'Enabled', authcodegrant: flag(authCode), clientcredentials: flag(it.clientCredentials),
        ...Object.fromEntries(Object.entries(SCOPES).map(([sc, column]) => [column, flag(scopeSet.has(sc))])),
      }).lastInsertRowid);
      insCred.run(id, it.consumerKey, it.consumerSecret);
      appNames.set(id, it.name);
      if (it.clientCredentials) withClientCredentials.add(id);
    });

    const insTok = db.prepare<[Id, string, number | string, number, string | undefined, number, string, string, string, number | string]>('INSERT INTO oauthtoken (id, tba_token_name, entity_name, role_name, tba_app_name, integration, binactive, brevoked, dcreated, createdby) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insTokCred = db.prepare<[number, string, string | undefined, string | null | undefined]>('INSERT INTO sb_token_credential (token, kind, token_id, token_secret) VALUES (?, ?, ?, ?)');
    const findUser = db.prepare<[number | string], { 1: number }>('SELECT 1 FROM employee WHERE id = ?');
    (file.tokens || []).forEach((t, i) => {
      const at = `tokens[${i}] (${t.name || '?'})`;
      const kind = t.kind || 'tba';
      if (kind !== 'tba' && kind !== 'oauth2') fail(at, "kind is 'tba' (token-based authentication) or 'oauth2'");
      if (kind === 'tba' && (!t.tokenId || !t.tokenSecret)) fail(at, 'a TBA token needs tokenId and tokenSecret');
      if (kind === 'oauth2' && !t.accessToken) fail(at, 'an OAuth 2.0 token needs accessToken');
      if (t.user == null || t.role == null || t.integration == null) fail(at, 'a token needs user (employee id), role and integration');
      if (!appNames.has(Number(t.integration))) fail(at, `unknown integration ${t.integration}`);
      if (!findUser.get(t.user)) fail(at, `unknown user (employee id) ${t.user}`);
      const id = Number(insTok.run(t.id ?? null, t.name || `${appNames.get(Number(t.integration))} token`, t.user, role(t.role, `${at}.role`),
        appNames.get(Number(t.integration)), Number(t.integration), t.inactive ? 'T' : 'F', t.revoked ? 'T' : 'F', o.nowIso, t.user).lastInsertRowid);
      insTokCred.run(id, kind, kind === 'tba' ? t.tokenId : t.accessToken, kind === 'tba' ? t.tokenSecret : null);
    });

    const insMapping = db.prepare<[string, number, number, number, string, string, string, string, string]>(`INSERT INTO sb_oauth2_certificate
      (certificate_id, integration, entity, role, public_key, key_type, valid_until, revoked, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const hasRole = db.prepare<[number, number], { 1: number }>('SELECT 1 FROM employeerolesforsearch WHERE entity = ? AND role = ?');
    const certificates = new Map<string, string>();
    const created = new Date(o.nowIso);
    (file.clientCredentials || []).forEach((m, i) => {
      const at = `clientCredentials[${i}] (${m.certificateId || '?'})`;
      if (m.entity == null || m.role == null || m.integration == null || !m.certificate) fail(at, 'a client credentials mapping needs entity (employee id), role, integration and certificate (the PEM of its public part)');
      if (!findUser.get(m.entity)) fail(`${at}.entity`, `unknown entity (employee id) ${m.entity}`);
      const roleId = role(m.role, `${at}.role`);
      if (!hasRole.get(Number(m.entity), roleId)) fail(`${at}.role`, `employee ${m.entity} does not have the role ${m.role}: give it under employees[].roles`);
      if (!appNames.has(Number(m.integration))) fail(`${at}.integration`, `unknown integration ${m.integration}`);
      // Oracle (section_162686838198): only an integration with the client credentials grant can be mapped.
      if (!withClientCredentials.has(Number(m.integration))) fail(`${at}.integration`, `integration ${m.integration} does not have the client credentials grant: set clientCredentials: true on it`);
      let key: ReturnType<typeof readCertificateKey>;
      try {
        key = readCertificateKey(m.certificate);
      } catch (e) {
        return fail(`${at}.certificate`, (e as Error).message);
      }
      // Oracle (subsect_162755332391): one certificate for one combination of integration, role and entity.
      const other = certificates.get(key.spki);
      if (other) fail(`${at}.certificate`, `the same certificate is already mapped (${other}): each entity, role and integration needs a certificate of its own`);
      const id = String(m.certificateId ?? key.fingerprint);
      if (!/^[A-Za-z0-9._~-]{1,128}$/.test(id)) fail(`${at}.certificateId`, 'a certificate id is 1 to 128 letters, digits and . _ ~ -');
      if ([...certificates.values()].includes(id)) fail(`${at}.certificateId`, `certificate id ${id} is used twice`);
      certificates.set(key.spki, id);
      let until = key.notAfter ?? maxValidUntil(created);
      if (m.validUntil != null) {
        const given = new Date(String(m.validUntil));
        if (Number.isNaN(given.getTime())) fail(`${at}.validUntil`, `a date is written "YYYY-MM-DD" or as an ISO date and time, not ${JSON.stringify(m.validUntil)}`);
        until = given < until ? given : until;
      }
      // A longer validity is shortened to two years (subsect_162755332391).
      if (until > maxValidUntil(created)) until = maxValidUntil(created);
      insMapping.run(id, Number(m.integration), Number(m.entity), roleId, key.spki, key.keyType, until.toISOString(), flag(m.revoked), o.nowIso);
    });

    const insSecret = db.prepare<[string, string]>('INSERT OR REPLACE INTO sb_secret (scriptid, value) VALUES (?, ?)');
    for (const [id, value] of Object.entries(file.secrets || {})) {
      if (!/^custsecret/i.test(id)) fail(`secrets.${id}`, 'API secret ids start with custsecret');
      insSecret.run(id.toLowerCase(), String(value));
    }

    for (const [typeId, rows] of Object.entries(file.records || {})) {
      const t = o.types[typeId.toLowerCase()];
      if (!t || t.kind !== 'custom') fail(`records.${typeId}`, 'not a custom record type of this project (is its Objects/*.xml there?)');
      rows.forEach((r, i) => {
        const at = `records.${typeId}[${i}]`;
        const row: Record<string, unknown> = { created: o.nowIso, lastmodified: o.nowIso };
        if (r.id != null) row.id = r.id;
        for (const [k, v] of Object.entries(r)) {
          if (k === 'id') continue;
          const f = t.fields[k.toLowerCase()] || Object.values(t.fields).find((x) => x.rest.toLowerCase() === k.toLowerCase());
          if (!f) fail(`${at}.${k}`, `unknown field; ${t.id} has ${Object.keys(t.fields).join(', ')}`);
          try {
            row[f.id] = f.kind === 'date' ? dateOnly(v) : toStored(f, v);
          } catch (err) {
            fail(`${at}.${k}`, (err as Error).message);
          }
        }
        const names = Object.keys(row);
        db.prepare<unknown[]>(`INSERT INTO ${t.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
      });
    }
  })();
}

function dateOnly(v: unknown): string | null {
  if (v == null || v === '') return null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`a date is written "YYYY-MM-DD", not ${JSON.stringify(v)}`);
  return v;
}
