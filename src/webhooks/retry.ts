/**
 * The retry schedule of Standard Webhooks / Svix: the first attempt at once, then after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h. After the eighth failed attempt a delivery is dead.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Wait before attempt n+2, after attempt n+1 failed. */
export const RETRY_DELAYS_MS: readonly number[] = [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint that has failed without a success for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * H;

export type Outcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: number }
  | { kind: 'dead' }
  | { kind: 'gone' };

/**
 * What to do after an attempt.
 * @param attempts attempts made so far, this one included
 * @param code the HTTP status, or null when no response came (time-out, refused, reset)
 */
export function afterAttempt(attempts: number, code: number | null, now: number): Outcome {
  if (code !== null && code >= 200 && code < 300) return { kind: 'delivered' };
  if (code === 410) return { kind: 'gone' };
  if (attempts >= MAX_ATTEMPTS) return { kind: 'dead' };
  return { kind: 'retry', at: now + RETRY_DELAYS_MS[attempts - 1] };
}
