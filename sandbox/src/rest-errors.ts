/**
 * NetSuite's REST web services error body (help section_156570709583):
 *   { type, title, status, "o:errorDetails": [{ detail, "o:errorCode", "o:errorPath"?, … }] }
 * with `type` pointing at the RFC 9110 section of the status, as NetSuite's live responses do
 * (recorded: 400 → #section-15.5.1, 401 → #section-15.5.2, 404 → #section-15.5.5; Oracle's help page
 * still shows the older rfc2616 links).
 *
 * Wording taken from recorded NetSuite responses: the 401 detail with its Login Audit Trail sentence,
 * the 401 WWW-Authenticate header for TBA (`OAuth realm="…", error="token_rejected", …`) and, from
 * Oracle's help (subsect_158521885412), the one for OAuth 2.0 (`Bearer realm="…", error="invalid_token"`),
 * "The record instance does not exist. Provide a valid record instance ID." (NONEXISTENT_ID), the
 * permission refusal (400 USER_ERROR), "Invalid search query. Detailed unprocessed description follows."
 * (INVALID_PARAMETER with o:errorQueryParam "q") for SuiteQL, and the content type with charset=UTF-8.
 * Assumed, coded here only: the 429 body's type link, title and detail (FIDELITY.md, Authentication: "429
 * body: CONCURRENCY_LIMIT_EXCEEDED"), the 405 code and detail, the 404 code for an unknown record type, and
 * INVALID_CONTENT's detail for a body that is not JSON (FIDELITY.md, REST Record API: "Collection takes GET,
 * POST", "Unknown record type → 404 NONEXISTENT_ID", "Body not JSON → 400 INVALID_CONTENT").
 */

export const CONTENT_TYPE = 'application/vnd.oracle.resource+json; type=error; charset=UTF-8';
const RFC9110 = 'https://www.rfc-editor.org/rfc/rfc9110.html#section-';

/** status → [title, type link] */
const STATUSES: Record<number, [string, string]> = {
  400: ['Bad Request', `${RFC9110}15.5.1`],
  401: ['Unauthorized', `${RFC9110}15.5.2`],
  403: ['Forbidden', `${RFC9110}15.5.4`],
  404: ['Not Found', `${RFC9110}15.5.5`],
  405: ['Method Not Allowed', `${RFC9110}15.5.6`],
  406: ['Not Acceptable', `${RFC9110}15.5.7`],
  408: ['Request Timeout', `${RFC9110}15.5.9`],
  409: ['Conflict', `${RFC9110}15.5.10`],
  412: ['Precondition Failed', `${RFC9110}15.5.13`],
  413: ['Content Too Large', `${RFC9110}15.5.14`],
  415: ['Unsupported Media Type', `${RFC9110}15.5.16`],
  // 429 is not in RFC 9110; RFC 6585 defines it. Assumed (FIDELITY.md, Authentication: "429 body: CONCURRENCY_LIMIT_EXCEEDED").
  429: ['Too Many Requests', 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4'],
  500: ['Internal Server Error', `${RFC9110}15.6.1`],
  503: ['Service Unavailable', `${RFC9110}15.6.4`],
};

const INVALID_LOGIN_DETAIL = 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at '
  + 'Setup > Users/Roles > User Management > View Login Audit Trail.';
const NO_PERMISSION_DETAIL = 'Your current role does not have permission to perform this action. '
  + 'Please contact your account administrator.';

export interface RestError {
  status: number;
  headers: Record<string, string>;
  body: { type: string; title: string; status: number; 'o:errorDetails': Array<Record<string, string>> };
}

/** The optional o:* locators of an error detail, and extra response headers. */
export interface RestErrorOptions {
  title?: string;
  errorPath?: string;
  errorQueryParam?: string;
  errorHeader?: string;
  urlPath?: string;
  headers?: Record<string, string>;
}

/** One NetSuite REST error response: HTTP status, o:errorCode and the human-readable detail. */
export function restError(status: number, code: string, detail: string, options: RestErrorOptions = {}): RestError {
  const known = STATUSES[status];
  if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error(`restError needs a 4xx or 5xx status, got ${status}.`);
  if (!code || !detail) throw new Error('restError needs an o:errorCode and a detail.');
  const d: Record<string, string> = { detail };
  if (options.errorPath !== undefined) d['o:errorPath'] = options.errorPath;
  if (options.errorQueryParam !== undefined) d['o:errorQueryParam'] = options.errorQueryParam;
  if (options.errorHeader !== undefined) d['o:errorHeader'] = options.errorHeader;
  if (options.urlPath !== undefined) d['o:urlPath'] = options.urlPath;
  d['o:errorCode'] = code;
  return {
    status,
    headers: { 'Content-Type': CONTENT_TYPE, ...options.headers },
    body: {
      type: known ? known[1] : `${RFC9110}${status < 500 ? '15.5' : '15.6'}`,
      title: options.title || (known ? known[0] : status < 500 ? 'Client Error' : 'Server Error'),
      status,
      'o:errorDetails': [d],
    },
  };
}

/**
 * 401 for every refused login (bad signature, unknown token, expired timestamp …): NetSuite tells the
 * client nothing more. With `realm` (the account id as clients write it, e.g. 1234567_SB1) it adds the
 * WWW-Authenticate challenge NetSuite sends.
 */
export function invalidLogin(challenge: { scheme?: 'OAuth' | 'Bearer'; realm?: string } = {}): RestError {
  const headers: Record<string, string> = {};
  if (challenge.realm) {
    const bearer = challenge.scheme === 'Bearer';
    headers['WWW-Authenticate'] = `${bearer ? 'Bearer' : 'OAuth'} realm="${challenge.realm}", `
      + `error="${bearer ? 'invalid_token' : 'token_rejected'}", error_description="Invalid login attempt."`;
  }
  return restError(401, 'INVALID_LOGIN', INVALID_LOGIN_DETAIL, { headers });
}

/** 400 for a role without the REST transport permissions (NetSuite uses 400, not 403). */
export const noPermission = (): RestError => restError(400, 'USER_ERROR', NO_PERMISSION_DETAIL);

/**
 * 404 for a record id that does not exist. NetSuite's detail names neither type nor id; the sandbox
 * adds them in o:urlPath so a test can see which lookup failed.
 */
export const notFound = (type: string, id: string | number): RestError => restError(404, 'NONEXISTENT_ID',
  'The record instance does not exist. Provide a valid record instance ID.', { urlPath: `${type}/${id}` });

/** 404 for a record type the account does not have. */
export const unknownRecordType = (type: string): RestError => restError(404, 'NONEXISTENT_ID', `Record type '${type}' does not exist.`);

/** 429 when the account's concurrency limit is reached. NetSuite sends no Retry-After. */
export const tooManyRequests = (): RestError => restError(429, 'CONCURRENCY_LIMIT_EXCEEDED',
  'Concurrent request limit exceeded. Request blocked.');

/**
 * 400 for a body that is not valid JSON or a field value the record refuses; errorPath is the JSON path
 * of the offending value, e.g. "item.items[0].item".
 */
export const invalidContent = (detail = 'Invalid content in the request body.', errorPath?: string): RestError =>
  restError(400, 'INVALID_CONTENT', detail, errorPath === undefined ? {} : { errorPath });

/** 405 with the Allow header RFC 9110 §15.5.6 requires. */
export const methodNotAllowed = (method: string, allowed: string[]): RestError => restError(405, 'METHOD_NOT_ALLOWED',
  `The HTTP method ${method.toUpperCase()} is not allowed on this resource. Allowed: ${allowed.join(', ')}.`,
  { headers: { Allow: allowed.join(', ') } });

/** 400 for a SuiteQL query NetSuite cannot run; detail says what is wrong, e.g. "Search error occurred: Unknown identifier 'x'." */
export const suiteqlError = (detail: string): RestError => restError(400, 'INVALID_PARAMETER',
  `Invalid search query. Detailed unprocessed description follows. ${detail}`, { errorQueryParam: 'q' });

/**
 * RESTlet errors have their own shape, `{"error":{"code":…,"message":…}}`, as recorded RESTlet responses show
 * (NetSuite pads it as `{"error" : {"code" : …}}`; the same JSON). Statuses from Oracle's "SuiteScript 2.x
 * RESTlet Error Handling" (section_4634920277): 400 an uncaught script error, 401 no valid login, 404 no
 * RESTlet at the URL, 405 a method that is not valid, 415 an unsupported Content-Type. Codes seen in
 * recorded responses: INVALID_LOGIN_ATTEMPT (a refused login), SSS_INVALID_SCRIPTLET_ID (an unknown
 * script or deployment), SSS_REQUEST_LIMIT_EXCEEDED (over the concurrency limit), INVALID_RETURN_DATA_FORMAT
 * ("Invalid data format. You should return TEXT.": an object returned to a request that is not JSON).
 * Assumed, coded in RESTLET_ERRORS only: every message except the login one, the 429 status, and the
 * codes for a method without an entry point, a refused audience, an unsupported Content-Type and a JSON
 * body that does not parse (FIDELITY.md, RESTlets: "Messages of every RESTlet error except the login one",
 * "Over the concurrency limit → 429", "A method without its entry point → 405", "Role outside the audience
 * → 403", "Content-Type other than application/json or text/plain → 415", "A JSON body that does not parse").
 */
export const RESTLET_CONTENT_TYPE = 'application/json; charset=utf-8';
const RESTLET_ERRORS = {
  invalidLogin: [401, 'INVALID_LOGIN_ATTEMPT', 'Invalid login attempt.'],
  notFound: [404, 'SSS_INVALID_SCRIPTLET_ID', 'That RESTlet is invalid, disabled, or no longer exists.'],
  forbidden: [403, 'INSUFFICIENT_PERMISSION', 'You do not have privileges to call this RESTlet.'],
  methodNotAllowed: [405, 'METHOD_NOT_ALLOWED', 'This RESTlet has no %s entry point.'],
  unsupportedMediaType: [415, 'INVALID_CONTENT_TYPE', 'Content-Type %s is not supported: use application/json or text/plain.'],
  badJson: [400, 'SYNTAX_ERROR', 'The request body is not valid JSON: %s'],
  returnFormat: [400, 'INVALID_RETURN_DATA_FORMAT', 'Invalid data format. You should return TEXT.'],
  tooManyRequests: [429, 'SSS_REQUEST_LIMIT_EXCEEDED', 'Request limit exceeded. Request blocked.'],
} satisfies Record<string, [number, string, string]>;

export type RestletErrorName = keyof typeof RESTLET_ERRORS;

export interface RestletError {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string } };
}

/** One RESTlet error response. */
export const restletError = (status: number, code: string, message: string): RestletError =>
  ({ status, headers: { 'Content-Type': RESTLET_CONTENT_TYPE }, body: { error: { code, message } } });

/** A RESTlet error by its name in RESTLET_ERRORS, with %s filled in. */
export function restletFailure(name: RestletErrorName, detail = ''): RestletError {
  const [status, code, message] = RESTLET_ERRORS[name];
  return restletError(status, code, message.replace('%s', detail));
}

/** 401 for every refused RESTlet login. */
export const restletInvalidLogin = (): RestletError => restletFailure('invalidLogin');
