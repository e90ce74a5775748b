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
import { readSnapshot, type EmployeeSnapshot } from './snapshot';
import { TIME_FORMAT } from './sweep-window';

export type SweepRow =
  | { kind: 'changed'; employee: string; isNew: boolean; last: EmployeeSnapshot | null }
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

/**
 * One SuiteQL input (not capped) for the window [from, to). Columns: kind, employee, outbox, snapshot
 * (the last state queued before), isnew (created in the window), before (a gap's record's).
 */
export function sweepQuery(from: string, to: string): { type: 'suiteql'; query: string; params: string[] } {
  const t = (p: string) => `TO_DATE(${p}, '${TIME_FORMAT}')`;
  return {
    type: 'suiteql',
    query: `SELECT 'changed' AS kind, e.id AS employee, o.id AS outbox, o.${OUTBOX.snapshot} AS snapshot,
        CASE WHEN e.datecreated >= ${t('?')} THEN 'T' ELSE 'F' END AS isnew, NULL AS before
      FROM employee e
      LEFT JOIN ${OUTBOX.type} o ON o.${OUTBOX.employee} = e.id AND ${isState('o')} AND ${newest('o')}
      WHERE e.lastmodifieddate >= ${t('?')} AND e.lastmodifieddate < ${t('?')}
      UNION ALL
      SELECT 'gap' AS kind, x.${OUTBOX.employee} AS employee, x.id AS outbox, p.${OUTBOX.snapshot} AS snapshot,
        CASE WHEN EXISTS (SELECT 1 FROM employee c WHERE c.id = x.${OUTBOX.employee} AND c.datecreated >= ${t('?')}) THEN 'T' ELSE 'F' END AS isnew,
        x.${OUTBOX.before} AS before
      FROM ${OUTBOX.type} x
      LEFT JOIN ${OUTBOX.type} p ON p.${OUTBOX.employee} = x.${OUTBOX.employee} AND p.id < x.id AND ${isState('p')} AND ${newest('p', 'x')}
      WHERE x.created >= ${t('?')} AND x.created < ${t('?')} AND x.${OUTBOX.bySweep} = 'F' AND x.${OUTBOX.before} IS NOT NULL
      UNION ALL
      SELECT 'deleted' AS kind, d.${OUTBOX.employee} AS employee, d.id AS outbox, d.${OUTBOX.snapshot} AS snapshot, 'F' AS isnew, NULL AS before
      FROM ${OUTBOX.type} d
      WHERE d.${OUTBOX.snapshot} IS NOT NULL AND ${newest('d')} AND NOT EXISTS (SELECT 1 FROM employee g WHERE g.id = d.${OUTBOX.employee})
      UNION ALL
      SELECT 'superseded' AS kind, s.${OUTBOX.employee} AS employee, s.id AS outbox, NULL AS snapshot, 'F' AS isnew, NULL AS before
      FROM ${OUTBOX.type} s
      WHERE s.${OUTBOX.done} = 'T' AND EXISTS (SELECT 1 FROM ${OUTBOX.type} r
        WHERE r.${OUTBOX.employee} = s.${OUTBOX.employee} AND r.id > s.id AND ${isState('r')} AND r.created < ${t('?')})`,
    params: [from, from, to, from, from, to, to],
  };
}

const parse = (v: unknown): EmployeeSnapshot | null => (typeof v === 'string' && v ? (JSON.parse(v) as EmployeeSnapshot) : null);

/** One row of the input, as map receives it. */
export function sweepRow(value: string): SweepRow {
  const [kind, employee, outbox, snapshot, isNew, before] = (JSON.parse(value) as { values: Array<string | number | null> }).values;
  const last = parse(snapshot);
  const id = String(employee);
  if (kind === 'superseded') return { kind, outbox: String(outbox) };
  if (kind === 'deleted' && last) return { kind, employee: id, last };
  const was = parse(before);
  if (kind === 'gap' && was) return { kind, employee: id, isNew: isNew === 'T', previous: last, before: was };
  return { kind: 'changed', employee: id, isNew: isNew === 'T', last };
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
