/**
 * The evidence: what the Login Audit Trail recorded of this role's failed logins in the last days, each
 * Detail code with its cause and fix. Detail codes and their meaning: Oracle's Login Audit Trail pages
 * (subsect_158324637123 for REST and RESTlets, subsect_161252550131 and subsect_158711892221 for the token
 * endpoint, subsect_156935170194 and subsect_156934879823 for TBA).
 */
import type { Check } from './evaluate';

export const AUDIT_DAYS = 7;
const AUDIT_PATH = 'Setup > Users/Roles > View Login Audit Trail';

export interface LoginFailure {
  detail: string;
  count: number;
  /** account time, YYYY-MM-DD HH:MM */
  last: string;
  token: string | null;
  application: string | null;
}

const FIX: Record<string, string> = {
  InvalidSignature: 'The client signs wrongly: check the consumer key and secret, the token id and secret, the realm (the account id as 1234567_SB1), HMAC-SHA256, and that the signed URL is the one requested, query included.',
  TokenRejected: 'The token is unknown, revoked or inactive, or from another account: create a new one at Setup > Users/Roles > Access Tokens > New and put its id and secret in the client.',
  EntityOrRoleDisabled: 'The token\'s user is inactive, has no login access or no longer has the role, or the role lost its log-in permission: fix the employee\'s Access subtab or the role (the checks above).',
  AccessTokenExpired: 'The OAuth 2.0 access token is older than its 60 minutes: the client must get a new one before it expires (client credentials: a new assertion; authorization code: the refresh token).',
  InvalidIntegration: 'The integration record is blocked or inactive, or does not allow this grant: Setup > Integration > Manage Integrations > the record: State Enabled and the grant checked.',
  ScopeMismatched: 'The token\'s scope does not cover what was called: check rest_webservices (REST) or restlets (RESTlets) on the integration record and in the client\'s token request.',
  InvalidScope: 'The token request asked for a scope the integration record does not allow: match the scope parameter to the record\'s scopes.',
  ClientAuthenticationFailed: 'The token request was refused: check the assertion (kid = certificate id, iss = client id, aud = the token endpoint, exp at most 60 minutes after iat), the certificate mapping and its expiry.',
  FeatureDisabled: 'Token-based Authentication or OAuth 2.0 is off: Setup > Company > Enable Features > SuiteCloud.',
  InvalidTimestamp: 'The client\'s clock is more than five minutes off: synchronize it (NTP).',
  nonce_used: 'The client sent a nonce again with the same timestamp: a fresh random nonce per request.',
  nonce_rejected: 'The client\'s nonce is too short: at least six random characters per request.',
  consumer_key_unknown: 'The consumer key is unknown: copy it again from the integration record (it is shown once, at creation; reset it there if lost).',
  consumer_key_refused: 'The integration record of this consumer key is blocked or inactive, or does not allow token-based authentication.',
  MissingTokenPassportRequiredFields: 'The OAuth header lacks fields: send realm, oauth_consumer_key, oauth_token, oauth_nonce, oauth_timestamp, oauth_signature_method, oauth_version and oauth_signature.',
};

/** One check per Detail code seen, most frequent first; or one saying the trail could not be read. */
export function evidenceChecks(failures: LoginFailure[] | null, error: string | undefined): Check[] {
  if (failures === null) {
    return [{
      id: 'evidence.readable', group: 'evidence', title: 'Login Audit Trail of this role', status: 'warn',
      required: 'The role running this check can read the Login Audit Trail (View Login Audit Trail)',
      actual: `Not readable: ${error ?? 'unknown error'}`, fix: `Read it by hand at ${AUDIT_PATH}, or run this check as an administrator.`,
    }];
  }
  return failures.map((f) => ({
    id: `evidence.${f.detail}`, group: 'evidence', title: `Failed logins: ${f.detail}`, status: 'warn',
    required: `No failed logins in the last ${AUDIT_DAYS} days`,
    actual: `${f.count} in the last ${AUDIT_DAYS} days, the last at ${f.last}${f.token ? ` with token "${f.token}"` : ''}${f.application ? ` of ${f.application}` : ''}`,
    fix: FIX[f.detail] ?? `See ${AUDIT_PATH} for the rows with Detail ${f.detail}.`,
  }));
}
