/**
 * The change sweep: a safety net under the employee user event. NetSuite commits a save before afterSubmit
 * runs, fires no user event for a save made inside another user event, nor for a CSV import with server
 * SuiteScript off; a crash in between loses the event too. For its window the sweep finds, with one SuiteQL
 * query (the incremental approach on lastmodifieddate the user's API guide names beside user events):
 *   changed     employees modified in the window, each with its newest outbox record (the last snapshot
 *               the bundle queued): the employee is loaded and compared with it;
 *   gap         outbox records the user event wrote in the window whose "before" differs from the record
 *               before them: a change between the two that no user event recorded;
 *   deleted     employees whose newest record is not a delete but who are gone;
 *   superseded  expanded records that a newer one, already checked for a gap, has replaced: deleted.
 * What is missing is queued as an outbox record marked found by the sweep.
 */
import * as record from 'N/record';
import { buildEvents } from './build-events';
import { classify, type Classified } from './classify';
import type { SaveContext } from './cloudevent';
import { OUTBOX } from './ids';
import { queueChange } from './outbox';
import { recordSource } from './record-source';
import { readSnapshot, SNAPSHOT_FIELDS, type EmployeeSnapshot, type Ref } from './snapshot';
import { TIME_FORMAT } from './sweep-window';

export type SweepRow =
  | { kind: 'changed'; employee: string; isNew: boolean; last: EmployeeSnapshot | null; current: string }
  | { kind: 'gap'; employee: string; isNew: boolean; previous: EmployeeSnapshot | null; before: EmployeeSnapshot }
  | { kind: 'deleted'; employee: string; last: EmployeeSnapshot }
  | { kind: 'superseded'; outbox: string };

/** What a sweep did with one row: the map's output key, counted in the report. */
export type SweepOutcome = 'queued' | 'unchanged' | 'gone' | 'gapQueued' | 'deleteQueued' | 'removed';

/** A record that describes the employee's state (all but the sweep's gap records, which keep no snapshot). */
const isState = (alias: string) => `(${alias}.${OUTBOX.snapshot} IS NOT NULL OR ${alias}.${OUTBOX.deleted} = 'T')`;

/** No state record of the same employee with a higher id (and, if given, a lower one than `below`'s). */
const newest = (alias: string, below?: string) =>
  `NOT EXISTS (SELECT 1 FROM ${OUTBOX.type} n WHERE n.${OUTBOX.employee} = ${alias}.${OUTBOX.employee} AND n.id > ${alias}.id${below ? ` AND n.id < ${below}.id` : ''} AND ${isState('n')})`;

/** The columns every branch of the input returns, in order (NULL where a branch has none). */
const COLUMNS = ['kind', 'employee', 'outbox', 'snapshot', 'isnew', 'before', ...SNAPSHOT_FIELDS.map((f) => f.field), 'roles'] as const;

function branch(values: Partial<Record<(typeof COLUMNS)[number], string>>, rest: string): string {
  return `SELECT ${COLUMNS.map((c) => `${values[c] ?? 'NULL'} AS ${c}`).join(', ')}\n      ${rest}`;
}

/**
 * One SuiteQL input (not capped) for the window [from, to). A changed employee's row carries its current
 * snapshot fields as SuiteQL reads them (dates as YYYY-MM-DD, references as ids, roles as a sorted id
 * list), so map compares without loading it and loads only what differs.
 */
export function sweepQuery(from: string, to: string): { type: 'suiteql'; query: string; params: string[] } {
  const t = (p: string) => `TO_DATE(${p}, '${TIME_FORMAT}')`;
  const current = Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f.field, f.kind === 'date' ? `TO_CHAR(e.${f.field}, 'YYYY-MM-DD')` : `e.${f.field}`]));
  const changed = branch(
    {
      kind: "'changed'", employee: 'e.id', outbox: 'o.id', snapshot: `o.${OUTBOX.snapshot}`,
      isnew: `CASE WHEN e.datecreated >= ${t('?')} THEN 'T' ELSE 'F' END`, ...current,
      roles: "(SELECT LISTAGG(er.role, ',') WITHIN GROUP (ORDER BY er.role) FROM employeerolesforsearch er WHERE er.entity = e.id)",
    },
    `FROM employee e
      LEFT JOIN ${OUTBOX.type} o ON o.${OUTBOX.employee} = e.id AND ${isState('o')} AND ${newest('o')}
      WHERE e.lastmodifieddate >= ${t('?')} AND e.lastmodifieddate < ${t('?')}`,
  );
  const gap = branch(
    {
      kind: "'gap'", employee: `x.${OUTBOX.employee}`, outbox: 'x.id', snapshot: `p.${OUTBOX.snapshot}`,
      isnew: `CASE WHEN EXISTS (SELECT 1 FROM employee c WHERE c.id = x.${OUTBOX.employee} AND c.datecreated >= ${t('?')}) THEN 'T' ELSE 'F' END`,
      before: `x.${OUTBOX.before}`,
    },
    `FROM ${OUTBOX.type} x
      LEFT JOIN ${OUTBOX.type} p ON p.${OUTBOX.employee} = x.${OUTBOX.employee} AND p.id < x.id AND ${isState('p')} AND ${newest('p', 'x')}
      WHERE x.created >= ${t('?')} AND x.created < ${t('?')} AND x.${OUTBOX.bySweep} = 'F' AND x.${OUTBOX.before} IS NOT NULL`,
  );
  const deleted = branch(
    { kind: "'deleted'", employee: `d.${OUTBOX.employee}`, outbox: 'd.id', snapshot: `d.${OUTBOX.snapshot}` },
    `FROM ${OUTBOX.type} d
      WHERE d.${OUTBOX.snapshot} IS NOT NULL AND ${newest('d')} AND NOT EXISTS (SELECT 1 FROM employee g WHERE g.id = d.${OUTBOX.employee})`,
  );
  const superseded = branch(
    { kind: "'superseded'", employee: `s.${OUTBOX.employee}`, outbox: 's.id' },
    `FROM ${OUTBOX.type} s
      WHERE s.${OUTBOX.done} = 'T' AND EXISTS (SELECT 1 FROM ${OUTBOX.type} r
        WHERE r.${OUTBOX.employee} = s.${OUTBOX.employee} AND r.id > s.id AND ${isState('r')} AND r.created < ${t('?')})`,
  );
  return { type: 'suiteql', query: [changed, gap, deleted, superseded].join('\n      UNION ALL\n      '), params: [from, from, to, from, from, to, to] };
}

/**
 * The snapshot fields in one comparable string: text as is, checkboxes T/F, dates YYYY-MM-DD, references
 * and roles as ids. Equal keys mean classify() would find no change; unequal ones are compared in full.
 */
export function snapshotKey(s: EmployeeSnapshot): string {
  const v = s as unknown as Record<string, unknown>;
  const parts = SNAPSHOT_FIELDS.map((f) => {
    const x = v[f.rest];
    if (f.kind === 'checkbox') return x ? 'T' : 'F';
    if (f.kind === 'select') return x && typeof x === 'object' ? String((x as Ref).id) : '';
    return typeof x === 'string' || typeof x === 'number' ? String(x) : '';
  });
  return [...parts, s.roles.map((r) => Number(r.id)).sort((a, b) => a - b).join(',')].join('\u0001');
}

/** The same key from a changed row's SuiteQL columns. */
function rowKey(values: Array<string | number | null>): string {
  const at = (c: string) => values[(COLUMNS as readonly string[]).indexOf(c)];
  const parts = SNAPSHOT_FIELDS.map((f) => {
    const x = at(f.field);
    if (f.kind === 'checkbox') return x === 'T' ? 'T' : 'F';
    return x === null || x === undefined ? '' : String(x);
  });
  const roles = at('roles');
  return [...parts, roles === null || roles === undefined ? '' : String(roles)].join('\u0001');
}

const parse = (v: unknown): EmployeeSnapshot | null => (typeof v === 'string' && v ? (JSON.parse(v) as EmployeeSnapshot) : null);

/** One row of the input, as map receives it. */
export function sweepRow(value: string): SweepRow {
  const values = (JSON.parse(value) as { values: Array<string | number | null> }).values;
  const [kind, employee, outbox, snapshot, isNew, before] = values;
  const last = parse(snapshot);
  const id = String(employee);
  if (kind === 'superseded') return { kind, outbox: String(outbox) };
  if (kind === 'deleted' && last) return { kind, employee: id, last };
  const was = parse(before);
  if (kind === 'gap' && was) return { kind, employee: id, isNew: isNew === 'T', previous: last, before: was };
  return { kind: 'changed', employee: id, isNew: isNew === 'T', last, current: rowKey(values) };
}

const SWEEP_CONTEXT: SaveContext = { foundBy: 'sweep', executionContext: null, user: null, role: null };

/**
 * What the sweep queues for an employee as it is now, against the last snapshot queued. Pure.
 * An employee with no snapshot was never saved where the user event ran: created in the window, it is a
 * lost create; older, its earlier state is unknown, so it is an update with no field changes listed.
 */
export function missingChange(row: { isNew: boolean; last: EmployeeSnapshot | null }, now: EmployeeSnapshot): Classified {
  if (row.last) return classify('edit', row.last, now);
  if (row.isNew) return classify('create', null, now);
  return { types: ['employee.updated'], changes: {} };
}

/**
 * A gap: what changed between the record before (previous) and the employee the user event saw before its
 * save. No record before and created in the window: the create itself was lost. Pure.
 */
export function gapChange(row: { isNew: boolean; previous: EmployeeSnapshot | null; before: EmployeeSnapshot }): Classified {
  if (row.previous) return classify('edit', row.previous, row.before);
  if (row.isNew) return classify('create', null, row.before);
  return { types: [], changes: {} };
}

export function sweepOne(row: SweepRow): SweepOutcome {
  if (row.kind === 'superseded') {
    record.delete({ type: OUTBOX.type, id: row.outbox });
    return 'removed';
  }
  if (row.kind === 'deleted') {
    queue(row.employee, ['employee.deleted'], row.last, {}, null);
    return 'deleteQueued';
  }
  if (row.kind === 'gap') {
    const { types, changes } = gapChange(row);
    if (!types.length) return 'unchanged';
    // The events describe the employee right after the lost change; the record keeps no snapshot, so the
    // later record stays the employee's newest.
    queue(row.employee, types, row.before, changes, null, true);
    return 'gapQueued';
  }
  // What SuiteQL read is what was queued last: nothing to load (the common case, where the user event ran).
  if (row.last && snapshotKey(row.last) === row.current) return 'unchanged';
  const current = loadEmployee(row.employee);
  if (!current) return 'gone'; // deleted since the query: the next sweep finds it as deleted
  const { types, changes } = missingChange(row, current);
  if (!types.length) return 'unchanged';
  queue(row.employee, types, current, changes, current);
  return 'queued';
}

function queue(employee: string, types: Classified['types'], described: EmployeeSnapshot, changes: Classified['changes'], after: EmployeeSnapshot | null, gap = false): void {
  const events = buildEvents(types, described, changes, SWEEP_CONTEXT, new Date());
  queueChange({ employeeId: employee, events, changedFields: Object.keys(changes), after, bySweep: true, gap });
  log.audit({ title: 'Webhook change found by the sweep', details: `employee ${employee}: ${types.join(', ')}` });
}

/** The employee as the user event would describe it (record.load: 5 units), or null if gone. */
function loadEmployee(id: string): EmployeeSnapshot | null {
  try {
    return readSnapshot(recordSource(record.load({ type: record.Type.EMPLOYEE, id })));
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return null;
    throw e;
  }
}
