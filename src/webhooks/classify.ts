/**
 * What an employee save means to a receiver: the event types and the field changes. Pure: it compares
 * two snapshots (null for "did not exist") and knows nothing of NetSuite.
 */
import type { EmployeeSnapshot, Ref } from './snapshot';
import { SNAPSHOT_FIELDS } from './snapshot';

export const EVENT_TYPES = [
  'employee.created',
  'employee.updated',
  'employee.deleted',
  'employee.deactivated',
  'employee.reactivated',
  'employee.access_revoked',
  'employee.access_granted',
  'employee.roles_changed',
  // Sent by the leaver run, not by a save: a leaver it did not offboard, and why (offboarding/held-event.ts).
  'employee.offboarding_held',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type Changes = Record<string, { old: unknown; new: unknown }>;

export interface Classified {
  types: EventType[];
  changes: Changes;
}

const refKey = (r: Ref | null): string | null => (r ? r.id : null);
const rolesKey = (roles: Ref[] | null): string => (roles ?? []).map((r) => r.id).sort().join(',');

function same(field: string, a: unknown, b: unknown): boolean {
  if (field === 'roles') return rolesKey(a as Ref[]) === rolesKey(b as Ref[]);
  if (a && typeof a === 'object' && 'id' in a) return refKey(a as Ref) === refKey(b as Ref | null);
  if (b && typeof b === 'object' && 'id' in b) return false;
  return a === b;
}

/** Field-by-field changes between two snapshots, by REST name. */
export function diff(before: EmployeeSnapshot | null, after: EmployeeSnapshot | null): Changes {
  const changes: Changes = {};
  const fields = [...SNAPSHOT_FIELDS.map((f) => f.rest as string), 'roles'];
  for (const name of fields) {
    const o = before ? (before as unknown as Record<string, unknown>)[name] : null;
    const n = after ? (after as unknown as Record<string, unknown>)[name] : null;
    const empty = (v: unknown) => v === null || v === undefined || v === false || (Array.isArray(v) && v.length === 0);
    if (!before && empty(n)) continue;
    if (!after && empty(o)) continue;
    if (!same(name, o ?? null, n ?? null)) changes[name] = { old: o ?? null, new: n ?? null };
  }
  return changes;
}

/**
 * @param kind the user event type: create, edit, xedit (inline edit) or delete
 * @param before the employee before the save (null on create)
 * @param after the employee after the save (null on delete)
 */
export function classify(kind: 'create' | 'edit' | 'xedit' | 'delete', before: EmployeeSnapshot | null, after: EmployeeSnapshot | null): Classified {
  if (kind === 'create') return { types: ['employee.created'], changes: diff(null, after) };
  if (kind === 'delete') return { types: ['employee.deleted'], changes: {} };
  const changes = diff(before, after);
  const types: EventType[] = [];
  if (Object.keys(changes).length === 0) return { types, changes };
  types.push('employee.updated');
  if (changes.isInactive) types.push(changes.isInactive.new ? 'employee.deactivated' : 'employee.reactivated');
  if (changes.giveAccess) types.push(changes.giveAccess.new ? 'employee.access_granted' : 'employee.access_revoked');
  if (changes.roles) types.push('employee.roles_changed');
  return { types, changes };
}
