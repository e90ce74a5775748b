/**
 * SuiteQL's errors in NetSuite's words: what a script sees (N/query) and what the REST SuiteQL endpoint
 * answers, and the names the sandbox keeps to itself.
 */
import { SandboxError } from '../errors';

export const REST_DETAIL_PREFIX = 'Invalid search query. Detailed unprocessed description follows. ';

/**
 * A refused or failed SuiteQL query. `code`/`message` are what a script sees (N/query throws them as a
 * SuiteScriptError); `rest` is what the REST SuiteQL endpoint answers.
 */
export class SuiteQLError extends SandboxError {
  rest: { status: number, errorCode: string, detail: string, queryParam: string };

  constructor(code: string, message: string, rest: { status?: number, errorCode?: string, detail?: string, queryParam?: string } = {}) {
    super(code, message);
    // Callers tell it apart by name; `code` carries NetSuite's error code (scripts see it via realm.fromHost).
    this.name = 'SuiteQLError';
    this.rest = {
      status: rest.status || 400,
      errorCode: rest.errorCode || 'INVALID_PARAMETER',
      detail: rest.detail || message,
      queryParam: rest.queryParam || 'q',
    };
  }
}

// NetSuite's wording (recorded REST responses and script errors): N/query throws SSS_SEARCH_ERROR_OCCURRED
// with "Search error occurred: …"; REST answers 400 INVALID_PARAMETER with the detail prefixed by
// "Invalid search query. Detailed unprocessed description follows.". A hint, when given, says what to fix.
export function searchError(description: string, hint?: string): SuiteQLError {
  const text = `Search error occurred: ${description}${hint ? ` ${hint}` : ''}`;
  return new SuiteQLError('SSS_SEARCH_ERROR_OCCURRED', text, { detail: REST_DETAIL_PREFIX + text });
}

export const unsupported = (hint?: string): SuiteQLError => searchError('Invalid or unsupported search.', hint);

/** An unknown (or hidden) table. REST says "Invalid search type: x."; scripts see "Record 'x' was not found." */
export function recordNotFound(name: string): SuiteQLError {
  return new SuiteQLError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: Record '${name}' was not found.`,
    { detail: `${REST_DETAIL_PREFIX}Invalid search type: ${name}.` });
}

/** @param identifiers e.g. "{e=employee}" */
export const unknownIdentifier = (name: string, identifiers: string): SuiteQLError =>
  searchError(`Unknown identifier '${name}'. Available identifiers are: ${identifiers}.`);

/** Tables and names the sandbox keeps to itself. */
export const HIDDEN_NAME = /^(sb_|sqlite_|pragma_)/i;
