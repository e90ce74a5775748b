/**
 * Every limit the sandbox's server keeps, in one place. Where NetSuite documents its own, the sandbox's is
 * that one or stricter, and the row in sandbox/FIDELITY.md says which; the rest are what a trusted server
 * keeps so that no client can hold it or fill it.
 */
export const LIMITS = {
  /** Whole request headers must arrive within this (Node's headersTimeout). */
  headersTimeoutMs: 10_000,
  /** A request body must arrive within this once its headers have (a slow upload is cut off with 408). */
  bodyTimeoutMs: 20_000,
  /**
   * REST and RESTlet bodies; larger ones are answered 413. NetSuite's own limit is not in the pages this
   * project holds: 10 MB is assumed (FIDELITY.md).
   */
  restBodyBytes: 10 * 1024 * 1024,
  /** Suitelet form posts (the UI). */
  uiBodyBytes: 1024 * 1024,
  /** The sign-in and role forms: a few short fields. */
  signInBodyBytes: 16 * 1024,
  /** An email address (RFC 5321's path limit) and a password typed into the sign-in form. */
  emailChars: 254,
  passwordChars: 256,
  /**
   * A SuiteQL request over REST. NetSuite times a REST request out after 15 minutes (Oracle
   * subsect_1559222360, Concurrency Governance and Session Management); the sandbox's limit is shorter
   * so that a runaway query gives its slot back quickly. Account setting `account.suiteqlTimeoutMs` overrides it; scripts' N/query has the same limit.
   */
  suiteqlMs: 30_000,
  /**
   * A statement stops itself at the SuiteQL limit (every row visits sb_deadline()); a REST SuiteQL process
   * still running this long after it is killed.
   */
  suiteqlKillGraceMs: 1_000,
  /** The SuiteQL text of one request. */
  suiteqlChars: 100_000,
  /**
   * One value in a SuiteQL result, in characters: NetSuite's longest text field (Long Text) holds
   * 1,000,000 characters (assumed from the custom field types' limits).
   */
  cellChars: 1_000_000,
  /** One REST SuiteQL page as JSON. */
  resultBytes: 50 * 1024 * 1024,
  /** A record id in a URL, an entity id, a name: NetSuite's ids are at most 18 digits. */
  idChars: 64,
  /** How deep a JSON body may nest (a record with sublists of objects needs a handful). */
  jsonDepth: 32,
  /** A line the sandbox writes to its own log and console. */
  noteChars: 2_000,
  /**
   * The Login Audit Trail (storage/login-audit.ts) keeps the rows of the last 30 days of account time, at most
   * this many; NetSuite's own retention is not in the pages this project holds (FIDELITY.md, Login Audit Trail: "Kept
   * for 30 days of account time").
   */
  loginAuditDays: 30,
  loginAuditRows: 10_000,
  /** A Login Audit Trail value taken from the client: the request URI, the user agent. */
  loginAuditChars: 1_000,
  /** The OAuth 2.0 token endpoint's form body (a signed JWT and two short parameters). */
  tokenBodyBytes: 16 * 1024,
  /** How long SIGTERM waits for running work before the process ends anyway. */
  stopMs: 4_000,
};

/**
 * Text safe for a log line and a console: control characters (newlines, ANSI escapes) are shown as
 * \\n, \\x1b … so that no client's input can forge or recolour a line; long text is cut.
 */
export function logSafe(text: string, max = LIMITS.noteChars): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return escaped.length > max ? `${escaped.slice(0, max)}… (${escaped.length - max} more characters)` : escaped;
}

/** How deep a parsed JSON value nests (arrays and objects). Stops counting past `max`. */
export function jsonDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > deepest) deepest = d;
    if (deepest > max) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return deepest;
}
