/**
 * The leaver rules: who is left alone and why, what counts as offboarded, and the guard against a run
 * that would change too many employees. Plain values in, plain values out.
 */
import type { Settings } from './settings';

/** A leaver as getInputData lists them. */
export interface Candidate {
  id: string;
  name: string;
  isInactive: boolean;
  giveAccess: boolean;
  /** Access tokens of this user that are neither revoked nor inactive. */
  liveTokens: number;
  /** Active employees who report to this leaver and are not leaving themselves. */
  supervisees: number;
  /** An admin protected this leaver on the Leavers page. */
  kept?: boolean;
}

export interface Person {
  id: string;
  name: string;
}

export interface Token {
  id: string;
  name: string;
  application: string;
  role: string;
}

export type SkipReason = 'protected' | 'token_owner' | 'supervisor';

/**
 * Skip a listed employee always; hold a token owner unless the run may break their integrations, and a
 * supervisor of active employees (they would report to no one active) until an admin reassigns them.
 */
export function skipReason(c: Candidate, s: Settings): SkipReason | null {
  if (s.protectedIds.includes(c.id) || c.kept) return 'protected';
  if (c.liveTokens > 0 && !s.allowTokenOwners) return 'token_owner';
  if (c.supervisees > 0) return 'supervisor';
  return null;
}

/** Held, not simply skipped: the run sends employee.offboarding_held with the reasons. */
export const isHold = (r: SkipReason | null | undefined): boolean => r === 'token_owner' || r === 'supervisor';

/**
 * Login is revoked only with both flags: isInactive alone leaves Give Access on (facts sheet, Employee
 * record). With removeRoles, remaining role assignments also mean "not done yet".
 */
export function isOffboarded(state: { isInactive: boolean; giveAccess: boolean; roles: number }, removeRoles: boolean): boolean {
  return state.isInactive && !state.giveAccess && (!removeRoles || state.roles === 0);
}

/** Why a live run must change no one, or null when it may go ahead. */
export function guardReason(toChange: number, maxChanges: number): string | null {
  if (toChange <= maxChanges) return null;
  return `${toChange} employees would be offboarded, more than the ${maxChanges} one run may change, so none were changed. ` +
    'Check the termination dates (a bad import?), then raise "Most employees one run may change" for one run if the list is right.';
}
