/** What the map stage records per employee, and the run's report is made of. */
import type { Person, SkipReason, Token } from './rules';

export type Status = 'offboarded' | 'would_offboard' | 'skipped' | 'already_done' | 'failed';

export interface Outcome {
  id: string;
  /** The map input key it came from, to tell a key that failed from one that failed once and then finished. */
  inputKey?: string;
  name: string;
  status: Status;
  reason?: SkipReason;
  /** Tokens that stop working when this employee is offboarded (or that kept them from it). */
  tokens?: Token[];
  rolesRemoved?: number;
  /** Active employees who report to this leaver, and who would take them (the leaver's own supervisor). */
  supervisees?: Person[];
  successor?: Person | null;
  /** The employee.offboarding_held event sent for a hold (live runs), by its event id. */
  heldEvent?: string;
  /** "NAME: message" of the error that stopped this employee. */
  error?: string;
  /** Governance units the employee's map invocation used. */
  units: number;
}

/** The map output key that carries a guard stop instead of an employee. */
export const GUARD_KEY = 'guard';

export interface GuardStop {
  toChange: number;
  maxChanges: number;
  reason: string;
}
