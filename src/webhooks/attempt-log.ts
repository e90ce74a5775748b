/**
 * The attempts of one delivery, kept on its record for the admin to read: what was tried, when, what
 * came back and how long it took. The newest MAX_ENTRIES are kept (replays add attempts).
 */

export interface Attempt {
  at: string;
  code: number | null;
  ms: number;
  error: string | null;
  retryAfter: string | null;
  response: string | null;
}

export const MAX_ENTRIES = 50;

/** The log as stored (JSON text; empty or unreadable is an empty log) with one attempt added. */
export function appendAttempt(stored: string, attempt: Attempt): string {
  let log: Attempt[] = [];
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : [];
    if (Array.isArray(parsed)) log = parsed as Attempt[];
  } catch {
    log = [];
  }
  return JSON.stringify([...log, attempt].slice(-MAX_ENTRIES));
}
