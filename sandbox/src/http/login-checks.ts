/**
 * What every login checks of the account's state, whatever the credentials (TBA, an OAuth 2.0 bearer, a
 * client credentials assertion): features, the integration record, the entity and its role, a role's
 * permission levels. And the Detail codes of the Login Audit Trail, in one place.
 */
import type { Database } from 'better-sqlite3';

/**
 * Detail codes of failed logins. Oracle lists AccessTokenExpired, EntityOrRoleDisabled, InvalidSignature,
 * TokenRejected, InvalidIntegration and ScopeMismatched for RESTlets and REST web services
 * (subsect_158324637123), InvalidScope and ClientAuthenticationFailed for token endpoint requests
 * (subsect_161252550131, subsect_158711892221), and for TBA FeatureDisabled, consumer_key_refused,
 * consumer_key_unknown, MissingTokenPassportRequiredFields, nonce_rejected and nonce_used
 * (subsect_156935170194) and InvalidTimestamp (subsect_156934879823). Which refusal gets which code where
 * Oracle names none is assumed (FIDELITY.md, Login Audit Trail: "Which Detail code each refusal gets").
 */
export const DETAIL = {
  accessTokenExpired: 'AccessTokenExpired',
  entityOrRoleDisabled: 'EntityOrRoleDisabled',
  invalidSignature: 'InvalidSignature',
  tokenRejected: 'TokenRejected',
  invalidIntegration: 'InvalidIntegration',
  scopeMismatched: 'ScopeMismatched',
  invalidScope: 'InvalidScope',
  clientAuthenticationFailed: 'ClientAuthenticationFailed',
  featureDisabled: 'FeatureDisabled',
  consumerKeyRefused: 'consumer_key_refused',
  consumerKeyUnknown: 'consumer_key_unknown',
  missingFields: 'MissingTokenPassportRequiredFields',
  invalidTimestamp: 'InvalidTimestamp',
  nonceRejected: 'nonce_rejected',
  nonceUsed: 'nonce_used',
} as const;
export type DetailCode = typeof DETAIL[keyof typeof DETAIL];

type Flag = 'T' | 'F';
export interface IntegrationRow {
  id: number, name: string, isinactive: Flag, state: string, tokenbasedauth: Flag, authcodegrant: Flag, clientcredentials: Flag,
  scoperestwebservices: Flag, scoperestlets: Flag, scopesuiteanalytics: Flag, clientId: string,
}

/** The scope a surface needs of an OAuth 2.0 token, and the integration column that enables it. */
export const SURFACE_SCOPE = {
  rest: { scope: 'rest_webservices', column: 'scoperestwebservices' },
  restlet: { scope: 'restlets', column: 'scoperestlets' },
} as const;

export function loginChecks(db: Database) {
  const q = {
    user: db.prepare<[number], { isinactive: Flag, giveaccess: Flag }>('SELECT isinactive, giveaccess FROM employee WHERE id = ?'),
    hasRole: db.prepare<[number, number], unknown>('SELECT 1 FROM employeerolesforsearch WHERE entity = ? AND role = ?'),
    role: db.prepare<[number], { scriptid: string, isinactive: Flag }>('SELECT scriptid, isinactive FROM role WHERE id = ?'),
    perm: db.prepare<[number, string], { permlevel: number }>('SELECT permlevel FROM rolepermissions WHERE role = ? AND permkey = ?'),
    feature: db.prepare<[string], { enabled: Flag }>('SELECT enabled FROM feature WHERE id = ?'),
    integration: db.prepare<[number], IntegrationRow>(`SELECT i.id, i.name, i.isinactive, i.state, i.tokenbasedauth, i.authcodegrant, i.clientcredentials,
      i.scoperestwebservices, i.scoperestlets, i.scopesuiteanalytics, c.consumer_key AS clientId
      FROM integration i JOIN sb_integration_credential c ON c.integration = i.id WHERE i.id = ?`),
  };
  return {
    feature: (id: string): boolean => q.feature.get(id)?.enabled === 'T',
    /** A role's level of a permission (0 … 4); the Administrator role has every permission at Full. */
    level: (role: number, key: string): number => {
      const r = q.role.get(role);
      if (r && r.scriptid === 'administrator') return 4;
      return q.perm.get(role, key)?.permlevel ?? 0;
    },
    integration: (id: number): IntegrationRow | undefined => q.integration.get(id),
    /** Why this employee cannot log in with this role (EntityOrRoleDisabled), or null. */
    entityRole: (user: number, role: number): string | null => {
      const u = q.user.get(user);
      if (!u || u.isinactive === 'T') return `user ${user} is inactive`;
      if (u.giveaccess !== 'T') return `user ${user} has no login access (Give Access is off)`;
      const r = q.role.get(role);
      if (!r || r.isinactive === 'T') return `role ${role} is inactive`;
      if (!q.hasRole.get(user, role)) return `user ${user} no longer has the role ${role}`;
      return null;
    },
  };
}
export type LoginChecks = ReturnType<typeof loginChecks>;
