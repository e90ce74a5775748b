/**
 * The self-check's parameters: from the form (custpage_*) or the URL (role, method, profile, error,
 * format). Bad input becomes a list of messages that say what to fix; nothing here throws.
 */
import { MAX_ERROR_TEXT } from './explain';
import type { AuthMethod, ProfileId } from './requirements';
import { METHODS, PROFILES, isMethod, isProfile } from './requirements';

export interface SelfCheckRequest {
  /** null: the current role. */
  role: number | null;
  method: AuthMethod;
  profile: ProfileId;
  errorText: string;
  format: 'html' | 'json';
}

export interface Parsed {
  request: SelfCheckRequest;
  problems: string[];
}

export const FIELDS = {
  role: 'custpage_role',
  method: 'custpage_method',
  profile: 'custpage_profile',
  error: 'custpage_error',
} as const;

/** Parameters NetSuite itself adds to a Suitelet request (URL and form posts). */
const PLATFORM_PARAMS = new Set(['script', 'deploy', 'compid', 'whence', 'ns-at', 'h', 'submitter', 'submitted', '_button', '_eml_nkey_', 'nsbrowserenv', 'wfinstances', 'type', 'entryformquerystring', 'customwhence', '_multibtnstate_', 'selectedtab', 'nluser', 'nlrole', 'nldept', 'nlloc', 'nlsub']);
const OURS = new Set(['role', 'method', 'profile', 'error', 'format', ...Object.values(FIELDS)]);

export function parseRequest(params: Record<string, string | undefined>): Parsed {
  const problems: string[] = [];
  const get = (short: keyof typeof FIELDS): string => String(params[FIELDS[short]] ?? params[short] ?? '').trim();

  let role: number | null = null;
  const roleText = get('role');
  if (roleText) {
    if (/^\d{1,9}$/.test(roleText) && Number(roleText) > 0) role = Number(roleText);
    else problems.push(`Role "${roleText}" is not a role's internal id: pick a role from the list, or pass its number (role=1001).`);
  }

  let method: AuthMethod = 'tba';
  const methodText = get('method').toLowerCase();
  if (methodText) {
    if (isMethod(methodText)) method = methodText;
    else problems.push(`Authentication method "${get('method')}" is unknown: use ${Object.keys(METHODS).map((m) => `"${m}"`).join(' or ')}.`);
  }

  let profile: ProfileId = 'reporting';
  const profileText = get('profile').toLowerCase();
  if (profileText) {
    if (isProfile(profileText)) profile = profileText;
    else problems.push(`Integration profile "${get('profile')}" is unknown: use one of ${Object.keys(PROFILES).map((p) => `"${p}"`).join(', ')}.`);
  }

  const formatText = String(params.format ?? '').trim().toLowerCase();
  let format: 'html' | 'json' = 'html';
  if (formatText === 'json') format = 'json';
  else if (formatText && formatText !== 'html') problems.push(`Format "${String(params.format)}" is unknown: use format=json, or leave it out for the page.`);

  const errorText = get('error');
  if (errorText.length > MAX_ERROR_TEXT) problems.push(`The error text is ${errorText.length} characters long: paste at most ${MAX_ERROR_TEXT} (the first lines are enough).`);

  for (const name of Object.keys(params)) {
    const n = name.toLowerCase();
    if (OURS.has(n) || PLATFORM_PARAMS.has(n) || n.startsWith('_') || n.startsWith('ns')) continue;
    problems.push(`Parameter "${name}" is not one this page takes (role, method, profile, error, format).`);
  }
  return { request: { role, method, profile, errorText: errorText.slice(0, MAX_ERROR_TEXT), format }, problems };
}
