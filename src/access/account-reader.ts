/**
 * Reads what the self-check compares against: roles, a role's permissions, account features and the
 * access tokens bound to a role. SuiteQL is wrapped here; every read that can be refused says why.
 */
import * as query from 'N/query';
import * as runtime from 'N/runtime';
import { FEATURES, PERMISSIONS } from './catalog';
import { AUDIT_DAYS, type LoginFailure } from './evidence';
import type { AccountSnapshot, RoleInfo, TokenInfo } from './evaluate';
import { ADMINISTRATOR } from './evaluate';

export interface RoleOption {
  id: number;
  name: string;
}

type Row = Record<string, string | number | boolean | null>;

function rows(sql: string, params: Array<string | number> = []): Row[] {
  return query.runSuiteQL({ query: sql, params }).asMappedResults() as Row[];
}

function message(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return err && err.message ? `${err.name ? `${err.name}: ` : ''}${err.message}` : String(e);
}

/** Active roles for the role picker; null when this role cannot list roles. */
export function listRoles(): RoleOption[] | null {
  try {
    return rows("SELECT id, name FROM role WHERE isinactive = 'F' ORDER BY name, id").map((r) => ({ id: Number(r.id), name: String(r.name) }));
  } catch {
    return null;
  }
}

interface RoleWithPermissions {
  role: RoleInfo;
  permissions: Record<string, number>;
}

/** A role and its stored permissions in one query (one SuiteQL call: 10 units). */
function readRole(id: number): RoleWithPermissions | null {
  const found = rows(
    `SELECT r.id, r.name, r.scriptid, r.isinactive, p.permkey, p.permlevel
       FROM role r LEFT JOIN rolepermissions p ON p.role = r.id
      WHERE r.id = ?
      ORDER BY p.permkey`,
    [id],
  );
  if (!found.length) return null;
  const r = found[0];
  const role: RoleInfo = { id: Number(r.id), name: String(r.name), scriptId: String(r.scriptid ?? '').toLowerCase(), isInactive: r.isinactive === 'T' };
  // The Administrator role holds every permission at Full whatever rolepermissions lists.
  if (role.scriptId === ADMINISTRATOR) return { role, permissions: allFull() };
  const permissions: Record<string, number> = {};
  for (const row of found) if (row.permkey) permissions[String(row.permkey).toUpperCase()] = Number(row.permlevel);
  return { role, permissions };
}

function allFull(): Record<string, number> {
  return Object.fromEntries(Object.keys(PERMISSIONS).map((k) => [k, 4]));
}

/** The current role from runtime: its permissions through getPermission, which needs no read access. */
function currentRole(): RoleWithPermissions {
  const user = runtime.getCurrentUser();
  const scriptId = String(user.roleId).toLowerCase();
  let name = scriptId === ADMINISTRATOR ? 'Administrator' : String(user.roleId);
  try {
    const found = rows('SELECT name FROM role WHERE id = ?', [Number(user.role)])[0];
    if (found) name = String(found.name);
  } catch {
    // The role table is not readable for this role: keep the name runtime gives.
  }
  const role: RoleInfo = { id: Number(user.role), name, scriptId, isInactive: false };
  const permissions = scriptId === ADMINISTRATOR ? allFull()
    : Object.fromEntries(Object.keys(PERMISSIONS).map((key) => [key, Number(user.getPermission({ name: key }))]));
  return { role, permissions };
}

function features(): Record<string, boolean | null> {
  const out: Record<string, boolean | null> = {};
  for (const id of Object.keys(FEATURES)) {
    try {
      // Feature ids are checked against the catalog, not the typings' list (which lacks some ids).
      out[id] = runtime.isFeatureInEffect({ feature: id as Parameters<typeof runtime.isFeatureInEffect>[0]['feature'] });
    } catch {
      out[id] = null;
    }
  }
  return out;
}

function tokens(roleId: number): Pick<AccountSnapshot, 'tokens' | 'tokensError'> {
  try {
    const list: TokenInfo[] = rows(
      `SELECT t.id, t.tba_token_name AS name, t.tba_app_name AS app, t.entity_name AS owner, BUILTIN.DF(t.entity_name) AS ownername,
              t.binactive, t.brevoked, e.isinactive, e.giveaccess, r.role AS hasrole
         FROM oauthtoken t
         JOIN employee e ON e.id = t.entity_name
         LEFT JOIN employeerolesforsearch r ON r.entity = t.entity_name AND r.role = t.role_name
        WHERE t.role_name = ?
        ORDER BY t.id`,
      [roleId],
    ).map((r) => ({
      id: String(r.id), name: String(r.name ?? ''), application: String(r.app ?? ''), ownerId: String(r.owner), ownerName: String(r.ownername ?? r.owner),
      ownerInactive: r.isinactive === 'T', ownerHasAccess: r.giveaccess === 'T', ownerHasRole: r.hasrole !== null && r.hasrole !== undefined,
      revoked: r.brevoked === 'T', inactive: r.binactive === 'T',
    }));
    return { tokens: list };
  } catch (e) {
    return { tokens: null, tokensError: message(e) };
  }
}

/** The role's failed logins of the last AUDIT_DAYS days by Detail code (one query, 10 units). */
function loginFailures(roleId: number): Pick<AccountSnapshot, 'loginFailures' | 'loginFailuresError'> {
  try {
    const list: LoginFailure[] = rows(
      `SELECT a.detail, COUNT(*) AS n, TO_CHAR(MAX(a.date), 'YYYY-MM-DD HH24:MI') AS lastat, MAX(a.oauthaccesstokenname) AS token, MAX(a.oauthappname) AS app
         FROM LoginAudit a
        WHERE a.role = ? AND a.status = 'Failure' AND a.date >= SYSDATE - ${AUDIT_DAYS}
        GROUP BY a.detail ORDER BY COUNT(*) DESC, a.detail`,
      [roleId],
    ).map((r) => ({
      detail: String(r.detail ?? 'unknown'), count: Number(r.n), last: String(r.lastat ?? ''),
      token: typeof r.token === 'string' && r.token ? r.token : null, application: typeof r.app === 'string' && r.app ? r.app : null,
    }));
    return { loginFailures: list };
  } catch (e) {
    return { loginFailures: null, loginFailuresError: message(e) };
  }
}

export class UnknownRoleError extends Error {}

/**
 * Everything the checks need for a role (null: the current role). Another role's permissions come
 * from SuiteQL rolepermissions; when the running role cannot read them, the current role is checked instead.
 */
export function readSnapshot(roleId: number | null): AccountSnapshot {
  const currentId = Number(runtime.getCurrentUser().role);
  let chosen: RoleWithPermissions | null = null;
  let permissionsFallback: AccountSnapshot['permissionsFallback'];
  if (roleId !== null && roleId !== currentId) {
    try {
      chosen = readRole(roleId);
    } catch (e) {
      permissionsFallback = { requestedRole: `role ${roleId}`, reason: message(e) };
    }
    if (!chosen && !permissionsFallback) throw new UnknownRoleError(`There is no role with internal id ${roleId}: pick one from the list.`);
  }
  const { role, permissions } = chosen ?? currentRole();
  return { role, features: features(), permissions, permissionsFallback, ...tokens(role.id), ...loginFailures(role.id) };
}
