/**
 * The retry schedule of Standard Webhooks / Svix: the first attempt at once, then after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h. After the eighth failed attempt a delivery is dead. A receiver that
 * answers 429 or 503 with Retry-After sets the wait before the next attempt itself (bounded).
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Wait before attempt n+2, after attempt n+1 failed. */
export const RETRY_DELAYS_MS: readonly number[] = [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * An endpoint that has failed without a success for this long is disabled: Svix's 5 days, longer than
 * the whole retry schedule (32 h 35 min 5 s), so every delivery behind the failure has run its schedule
 * (and is dead, for replay) before the endpoint stops.
 */
export const DISABLE_AFTER_MS = 5 * 24 * H;

/** Retry-After is honoured between these bounds: a receiver may not ask for a storm, nor park a delivery for good. */
export const RETRY_AFTER_MIN_MS = 1 * S;
export const RETRY_AFTER_MAX_MS = 24 * H;

/**
 * Retry-After as ms from now: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or
 * unreadable.
 */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  const v = String(value ?? '').trim();
  if (!v) return null;
  const ms = /^\d+$/.test(v) ? Number(v) * S : Date.parse(v) - now;
  return Number.isFinite(ms) ? Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, ms)) : null;
}

export type Outcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: number }
  | { kind: 'dead' }
  | { kind: 'gone' };

/**
 * What to do after an attempt.
 * @param attempts attempts made so far, this one included
 * @param code the HTTP status, or null when no response came (time-out, refused, reset)
 * @param retryAfter the receiver's Retry-After in ms (retryAfterMs), used on 429 and 503 only
 */
export function afterAttempt(attempts: number, code: number | null, now: number, retryAfter: number | null = null): Outcome {
  if (code !== null && code >= 200 && code < 300) return { kind: 'delivered' };
  if (code === 410) return { kind: 'gone' };
  if (attempts >= MAX_ATTEMPTS) return { kind: 'dead' };
  const steered = (code === 429 || code === 503) && retryAfter !== null;
  return { kind: 'retry', at: now + (steered ? retryAfter : RETRY_DELAYS_MS[attempts - 1]) };
}
