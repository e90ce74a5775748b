/**
 * The employee as webhook receivers see it: REST Record API field names (firstName, isInactive,
 * giveAccess), references as { id, refName }, dates as YYYY-MM-DD. Only fields on this allow-list ever
 * leave NetSuite: no password, no custom fields, nothing added by accident.
 */

export interface Ref {
  id: string;
  refName: string;
}

export interface EmployeeSnapshot {
  id: string;
  entityId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  title: string | null;
  isInactive: boolean;
  giveAccess: boolean;
  releaseDate: string | null;
  hireDate: string | null;
  subsidiary: Ref | null;
  department: Ref | null;
  location: Ref | null;
  supervisor: Ref | null;
  roles: Ref[];
}

type Kind = 'text' | 'checkbox' | 'date' | 'select';

/** REST name → NetSuite field id and kind: the allow-list. */
export const SNAPSHOT_FIELDS: ReadonlyArray<{ rest: Exclude<keyof EmployeeSnapshot, 'id' | 'roles'>; field: string; kind: Kind }> = [
  { rest: 'entityId', field: 'entityid', kind: 'text' },
  { rest: 'firstName', field: 'firstname', kind: 'text' },
  { rest: 'lastName', field: 'lastname', kind: 'text' },
  { rest: 'email', field: 'email', kind: 'text' },
  { rest: 'title', field: 'title', kind: 'text' },
  { rest: 'isInactive', field: 'isinactive', kind: 'checkbox' },
  { rest: 'giveAccess', field: 'giveaccess', kind: 'checkbox' },
  { rest: 'releaseDate', field: 'releasedate', kind: 'date' },
  { rest: 'hireDate', field: 'hiredate', kind: 'date' },
  { rest: 'subsidiary', field: 'subsidiary', kind: 'select' },
  { rest: 'department', field: 'department', kind: 'select' },
  { rest: 'location', field: 'location', kind: 'select' },
  { rest: 'supervisor', field: 'supervisor', kind: 'select' },
];

/** What a snapshot is read from: a record, or for an inline edit the edited fields over the old record. */
export interface FieldSource {
  id: string;
  value(field: string): unknown;
  text(field: string): string;
  roles(): Ref[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A date field's value as YYYY-MM-DD in the script's time zone (the user's, as NetSuite shows it). */
export function isoDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v || null : typeof v === 'number' ? String(v) : null);

export function readSnapshot(src: FieldSource): EmployeeSnapshot {
  const snap: Record<string, unknown> = { id: src.id };
  for (const f of SNAPSHOT_FIELDS) {
    const v = src.value(f.field);
    if (f.kind === 'checkbox') snap[f.rest] = v === true || v === 'T';
    else if (f.kind === 'date') snap[f.rest] = isoDate(v);
    else if (f.kind === 'select') {
      const id = text(v);
      snap[f.rest] = id === null ? null : { id, refName: src.text(f.field) };
    }
    else snap[f.rest] = text(v);
  }
  snap.roles = src.roles();
  return snap as unknown as EmployeeSnapshot;
}
