/**
 * The self-check itself: requirements against what the account and the role have, as a list of checks
 * an admin can act on. Plain values in, plain values out.
 */
import { feature, levelName, permission, permissionSubtab } from './catalog';
import type { AuthMethod, Need, ProfileId } from './requirements';
import { METHODS, PROFILES, transportNeeds } from './requirements';
import { evidenceChecks, type LoginFailure } from './evidence';

export type Status = 'pass' | 'fail' | 'warn';

export interface Check {
  id: string;
  group: 'role' | 'feature' | 'transport' | 'profile' | 'token' | 'evidence';
  title: string;
  status: Status;
  required: string;
  actual: string;
  fix: string;
}

export interface RoleInfo {
  id: number;
  name: string;
  scriptId: string;
  isInactive: boolean;
}

export interface TokenInfo {
  id: string;
  name: string;
  application: string;
  ownerId: string;
  ownerName: string;
  ownerInactive: boolean;
  ownerHasAccess: boolean;
  ownerHasRole: boolean;
  revoked: boolean;
  inactive: boolean;
}

export interface AccountSnapshot {
  role: RoleInfo;
  /** true / false, or null when the account cannot tell (an unknown feature id). */
  features: Record<string, boolean | null>;
  /** Levels 0..4 by permission key. */
  permissions: Record<string, number>;
  /** Set when another role was asked for and its permissions could not be read: the checks are of the current role. */
  permissionsFallback?: { requestedRole: string; reason: string };
  /** null when the tokens could not be read (tokensError says why). */
  tokens: TokenInfo[] | null;
  tokensError?: string;
  /** The role's failed logins in the Login Audit Trail by Detail code; null when unreadable; absent when not read. */
  loginFailures?: LoginFailure[] | null;
  loginFailuresError?: string;
}

export interface Report {
  role: { id: number; name: string };
  method: AuthMethod;
  profile: ProfileId;
  counts: Record<Status, number>;
  checks: Check[];
}

/** The standard Administrator role's script id (role internal id 3). */
export const ADMINISTRATOR = 'administrator';

const ROLE_PATH = (role: RoleInfo) => `Setup > Users/Roles > Manage Roles > ${role.name} > Edit > Permissions`;
const TOKENS_PATH = 'Setup > Users/Roles > Access Tokens';

export function runChecks(snapshot: AccountSnapshot, method: AuthMethod, profileId: ProfileId): Report {
  const role = snapshot.role;
  const checks: Check[] = [...roleChecks(snapshot)];
  for (const need of transportNeeds(method)) checks.push(...needCheck(need, snapshot, 'transport'));
  for (const need of PROFILES[profileId].needs) checks.push(...needCheck(need, snapshot, 'profile'));
  if (method === 'tba') checks.push(tbaSunset(), ...tokenChecks(snapshot));
  else checks.push(oauth2TokenNote());
  if (snapshot.loginFailures !== undefined) checks.push(...evidenceChecks(snapshot.loginFailures, snapshot.loginFailuresError));
  const unique = dedupe(checks);
  return { role: { id: role.id, name: role.name }, method, profile: profileId, counts: countStatuses(unique), checks: unique };
}

function roleChecks(s: AccountSnapshot): Check[] {
  const out: Check[] = [];
  if (s.permissionsFallback) {
    out.push({
      id: 'role.permissions_readable', group: 'role', title: `Permissions of ${s.permissionsFallback.requestedRole}`, status: 'warn',
      required: 'The role running this page can read other roles\' permissions (SuiteQL rolepermissions)',
      actual: `Not readable (${s.permissionsFallback.reason.replace(/\.$/, '')}). The checks below are of your current role, ${s.role.name}.`,
      fix: 'Open this page as an administrator, or switch to the role you want to check and open it again.',
    });
  }
  if (s.role.isInactive) {
    out.push({
      id: 'role.active', group: 'role', title: 'Role is active', status: 'fail', required: 'Active', actual: 'Inactive',
      fix: `Setup > Users/Roles > Manage Roles > ${s.role.name} > Edit: clear Inactive and save.`,
    });
  }
  const admin = s.role.scriptId === ADMINISTRATOR;
  out.push({
    id: 'role.not_administrator', group: 'role', title: 'Integration role is not Administrator', status: admin ? 'warn' : 'pass',
    required: 'A dedicated role with only what the integration needs (Oracle: using Administrator for integrations is not recommended)',
    actual: admin ? 'Administrator' : s.role.name,
    fix: admin ? 'Setup > Users/Roles > Manage Roles > New: create an integration role with the permissions below, assign it to the integration user and issue its tokens for that role.' : '',
  });
  return out;
}

function needCheck(need: Need, s: AccountSnapshot, group: 'transport' | 'profile'): Check[] {
  if (need.kind === 'feature') {
    const f = feature(need.id);
    const on = s.features[need.id];
    const status: Status = on === true ? 'pass' : on === null ? 'warn' : need.severity;
    return [{
      id: `feature.${need.id}`, group: 'feature', title: `Feature: ${f.label}`, status,
      required: `Enabled (${need.why})`,
      actual: on === true ? 'Enabled' : on === null ? 'Cannot tell: the account does not know this feature id' : 'Disabled',
      fix: status === 'pass' ? '' : `Setup > Company > Enable Features > ${f.place}: check "${f.label}" and save (accept the SuiteCloud Terms of Service if asked).`,
    }];
  }
  if (need.whenFeature && s.features[need.whenFeature] !== true) return [];
  if (need.unlessFeature && s.features[need.unlessFeature] === true) return [];
  const p = permission(need.key);
  const has = s.permissions[need.key] ?? 0;
  const status: Status = has >= need.level ? 'pass' : need.severity;
  const subtab = permissionSubtab(need.key);
  const verb = has > 0 ? `raise "${p.label}" from ${levelName(has)} to ${levelName(need.level)}` : `add "${p.label}" at level ${levelName(need.level)}`;
  return [{
    id: `permission.${need.key}`, group, title: `Permission: ${p.label} (${need.key})`, status,
    required: `${levelName(need.level)} or higher: ${need.why}`,
    actual: has > 0 ? levelName(has) : 'None',
    fix: status === 'pass' ? '' : `${ROLE_PATH(s.role)} > ${subtab} subtab: ${verb}, then save.`,
  }];
}

/**
 * No "regenerate after a permission change" advice: Oracle binds a token to an application, a user and a
 * role (bridgehead_4254081947), not to the role's permissions of the day (README, "Tokens and permission changes").
 */
function tokenChecks(s: AccountSnapshot): Check[] {
  if (s.tokens === null) {
    return [{
      id: 'tokens.readable', group: 'token', title: 'Access tokens of this role', status: 'warn',
      required: 'The role running this page can read access tokens and their owners (SuiteQL OAuthToken, employee: Access Token Management and Employees, View)',
      actual: `Not readable: ${s.tokensError ?? 'unknown error'}`, fix: `Check the tokens by hand at ${TOKENS_PATH}, or open this page as an administrator.`,
    }];
  }
  const out: Check[] = [];
  const live = s.tokens.filter((t) => !t.revoked && !t.inactive);
  if (!live.length) {
    out.push({
      id: 'tokens.present', group: 'token', title: 'An access token exists for this role', status: 'warn',
      required: 'At least one active access token bound to this role', actual: 'None',
      fix: `${TOKENS_PATH} > New: choose the integration record, the integration user and this role.`,
    });
  }
  for (const t of live) out.push(tokenOwnerCheck(t, s.role));
  for (const t of s.tokens.filter((x) => x.revoked || x.inactive)) {
    out.push({
      id: `token.${t.id}.configured`, group: 'token', title: `Token "${t.name}" (${t.application || 'no application'})`, status: 'warn',
      required: 'Revoked or inactive tokens are removed from the integrations that used them',
      actual: `${t.revoked ? 'Revoked' : 'Inactive'}, still configured`,
      fix: `${TOKENS_PATH}: delete "${t.name}" once no integration sends it; a client still using it gets INVALID_LOGIN.`,
    });
  }
  return out;
}

function tokenOwnerCheck(t: TokenInfo, role: RoleInfo): Check {
  const problems: string[] = [];
  const fixes: string[] = [];
  const employee = `Lists > Employees > ${t.ownerName} > Edit`;
  if (t.ownerInactive) {
    problems.push('the owner is inactive');
    fixes.push(`${employee}: clear Inactive`);
  }
  if (!t.ownerHasAccess) {
    problems.push('the owner has no login access');
    fixes.push(`${employee} > Access subtab: check Give Access`);
  }
  if (!t.ownerHasRole) {
    problems.push(`the owner no longer has the role ${role.name}`);
    fixes.push(`${employee} > Access subtab > Roles: add ${role.name}`);
  }
  const bad = problems.length > 0;
  return {
    id: `token.${t.id}.owner`, group: 'token', title: `Token "${t.name}" (${t.application || 'no application'}) owned by ${t.ownerName}`,
    status: bad ? 'fail' : 'pass',
    required: `Owner is active, has login access and has the role ${role.name}`,
    actual: bad ? `Requests with this token fail with INVALID_LOGIN: ${problems.join('; ')}` : 'Active, with login access and the role',
    fix: bad ? `${fixes.join('; ')}, or issue a new token to an active integration user at ${TOKENS_PATH} > New and update the integration.` : '',
  };
}

/**
 * Oracle recommends OAuth 2.0 for every new integration (chapter_4247329078) and has announced that from
 * NetSuite 2027.1 no new integration can use TBA (issue 16; Oracle's 2026.2 release note): a TBA integration
 * keeps working, but the next one cannot be made the same way.
 */
function tbaSunset(): Check {
  return {
    id: 'method.tba_sunset', group: 'transport', title: 'Token-based authentication: no new TBA integrations from NetSuite 2027.1', status: 'warn',
    required: 'New integrations use OAuth 2.0, as Oracle recommends for all new integrations',
    actual: 'This integration authenticates with TBA; existing TBA integrations keep working until Oracle ends support',
    fix: 'Plan the move to OAuth 2.0: the client credentials (M2M) grant for a server-to-server integration (Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup: map a certificate to the integration user, role and integration record), '
      + 'or the authorization code grant with PKCE for one a person signs in to; give the role "Log in using OAuth 2.0 Access Tokens", then run this check with the OAuth 2.0 method.',
  };
}

function oauth2TokenNote(): Check {
  return {
    id: 'tokens.oauth2', group: 'token', title: 'OAuth 2.0 access tokens', status: 'pass',
    required: `${METHODS.oauth2} tokens are issued per authorization and expire on their own`,
    actual: 'Nothing to check here: the role must allow the log-in permission above',
    fix: '',
  };
}

function countStatuses(checks: Check[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0 };
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** A need shared by transport and profile (Server SuiteScript, say) is shown once. */
function dedupe(checks: Check[]): Check[] {
  const seen = new Set<string>();
  return checks.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
