/**
 * "Explain this error": the text a client received, mapped to the permission or check it points to.
 */
import { permissionByLabel } from './catalog';

export interface Explanation {
  title: string;
  explanation: string;
  /** Check ids on the report that this error points to. */
  checks: string[];
}

interface Rule {
  test: RegExp;
  explain: (m: RegExpExecArray) => Explanation;
}

const TRANSPORT = ['feature.RESTWEBSERVICES', 'permission.ADMI_RESTWEBSERVICES', 'permission.ADMI_LOGIN_OAUTH', 'permission.ADMI_LOGIN_OAUTH2', 'permission.REPO_ANALYTICS'];

const RULES: Rule[] = [
  {
    test: /(?:Permission Violation:\s*)?You need\s+(?:a higher level of\s+)?the\s+'(?:(Setup|Lists|Transactions|Reports)\s*->\s*)?([^']+)' permission/i,
    explain: (m) => {
      const p = permissionByLabel(m[1] ?? '', m[2]);
      return {
        title: `Missing permission: ${m[1] ? `${m[1]} > ` : ''}${m[2]}${p ? ` (${p.key})` : ''}`,
        explanation: `The role lacks "${m[2]}" at the level the request needs. Add it on the role's Permissions > ${m[1] ?? 'matching'} subtab` +
          `${p ? '; it is the check below' : ''}, then retry with the same token: NetSuite checks the token's role at each request, so existing tokens need no regenerating.`,
        checks: p ? [`permission.${p.key}`] : [],
      };
    },
  },
  {
    test: /(does not have permission to perform this action|USER_ERROR)/i,
    explain: () => ({
      title: 'The role lacks a REST transport permission (USER_ERROR)',
      explanation: 'NetSuite answers HTTP 400 USER_ERROR "Your current role does not have permission to perform this action." ' +
        'before it looks at any record, when the REST Web Services feature is off or the role lacks REST Web Services, ' +
        'the log-in permission for the authentication method (Log in using Access Tokens for TBA, Log in using OAuth 2.0 Access Tokens for OAuth 2.0), ' +
        'or SuiteAnalytics Workbook. The failing check below is the one to fix; then retry with the same token (NetSuite checks the role at each request).',
      checks: TRANSPORT,
    }),
  },
  {
    // INVALID_LOGIN (REST) and INVALID_LOGIN_ATTEMPT (RESTlets) alike.
    test: /(INVALID_LOGIN|Invalid login attempt)/i,
    explain: () => ({
      title: 'The token was refused (INVALID_LOGIN)',
      explanation: 'NetSuite refuses the login before any permission check: a wrong consumer key, token id or secret, a bad signature, ' +
        'a wrong account id (realm), a clock more than a few minutes off, a revoked token, or a token whose owner is inactive, ' +
        'has no login access or no longer has the role. The Login Audit Trail recorded which: its failed logins are the evidence rows below, each with its fix.',
      checks: ['tokens.present', EVIDENCE],
    }),
  },
  {
    test: /(feature is not enabled|FEATURE_DISABLED|feature .* (?:is )?(?:disabled|not enabled))/i,
    explain: () => ({
      title: 'An account feature is off',
      explanation: 'The request needs a feature that is not enabled: see the feature checks below (Setup > Company > Enable Features).',
      checks: ['feature.RESTWEBSERVICES', 'feature.TBA', 'feature.OAUTH2'],
    }),
  },
  {
    test: /(HTTP\s*429|Too Many Requests|CONCURRENCY_LIMIT_EXCEEDED|concurrency)/i,
    explain: () => ({
      title: 'Concurrency limit reached (HTTP 429)',
      explanation: 'Not a permission problem: the account already runs as many web service requests as its concurrency limit allows. ' +
        'Retry with backoff, or lower the client\'s parallelism (Setup > Integration > Integration Management > Integration Governance shows the limits).',
      checks: [],
    }),
  },
];

export const MAX_ERROR_TEXT = 4000;

/** The explanation of an error text, or null when no rule matches. */
/** Stands for every evidence check the report has (the Login Audit Trail's failed logins): see pointsTo. */
export const EVIDENCE = 'evidence.*';

/** The check ids an explanation points to on a report, EVIDENCE expanded to the report's evidence checks. */
export function pointsTo(e: Explanation, checkIds: string[]): string[] {
  return e.checks.flatMap((id) => (id === EVIDENCE ? checkIds.filter((c) => c.startsWith('evidence.') && c !== 'evidence.readable') : [id]));
}

export function explainError(text: string): Explanation | null {
  const t = text.slice(0, MAX_ERROR_TEXT);
  for (const rule of RULES) {
    const m = rule.test.exec(t);
    if (m) return rule.explain(m);
  }
  return null;
}
