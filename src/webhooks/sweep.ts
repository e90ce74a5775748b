/**
 * The change sweep: a safety net under the employee user event. NetSuite commits a save before afterSubmit
 * runs, fires no user event for a save made inside another user event, nor for a CSV import with server
 * SuiteScript off; a crash in between loses the event too. The sweep finds employees modified in its
 * window (SuiteQL on lastmodifieddate, the incremental approach the user's API guide names beside user
 * events), compares each with the newest outbox record (the last snapshot the bundle queued), and queues
 * what is missing as an outbox record marked found by the sweep. It also finds employees deleted without
 * their event, and deletes outbox records a newer one has replaced.
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
  | { kind: 'deleted'; employee: string; last: EmployeeSnapshot }
  | { kind: 'superseded'; outbox: string };

/** What a sweep did with one row: the map's output key, counted in the report. */
export type SweepOutcome = 'queued' | 'unchanged' | 'gone' | 'deleteQueued' | 'removed';

const NEWEST = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM ${OUTBOX.type} n WHERE n.${OUTBOX.employee} = ${alias}.${OUTBOX.employee} AND n.id > ${alias}.id)`;

/**
 * One SuiteQL input (not capped) for the window [from, to): employees modified in it with their newest
 * outbox record, employees whose newest record is not a delete but who are gone, and replaced records.
 */
export function sweepQuery(from: string, to: string): { type: 'suiteql'; query: string; params: string[] } {
  const t = (p: string) => `TO_DATE(${p}, '${TIME_FORMAT}')`;
  return {
    type: 'suiteql',
    query: `SELECT 'changed' AS kind, e.id AS employee, 0 AS outbox, o.${OUTBOX.snapshot} AS snapshot,
        CASE WHEN e.datecreated >= ${t('?')} THEN 'T' ELSE 'F' END AS isnew
      FROM employee e
      LEFT JOIN ${OUTBOX.type} o ON o.${OUTBOX.employee} = e.id AND ${NEWEST('o')}
      WHERE e.lastmodifieddate >= ${t('?')} AND e.lastmodifieddate < ${t('?')}
      UNION ALL
      SELECT 'deleted' AS kind, d.${OUTBOX.employee} AS employee, d.id AS outbox, d.${OUTBOX.snapshot} AS snapshot, 'F' AS isnew
      FROM ${OUTBOX.type} d
      WHERE d.${OUTBOX.deleted} = 'F' AND ${NEWEST('d')} AND NOT EXISTS (SELECT 1 FROM employee x WHERE x.id = d.${OUTBOX.employee})
      UNION ALL
      SELECT 'superseded' AS kind, s.${OUTBOX.employee} AS employee, s.id AS outbox, NULL AS snapshot, 'F' AS isnew
      FROM ${OUTBOX.type} s
      WHERE s.${OUTBOX.done} = 'T' AND NOT ${NEWEST('s')}`,
    params: [from, from, to],
  };
}

/** One row of the input, as map receives it. */
export function sweepRow(value: string): SweepRow {
  const [kind, employee, outbox, snapshot, isNew] = (JSON.parse(value) as { values: Array<string | number | null> }).values;
  const last = typeof snapshot === 'string' && snapshot ? (JSON.parse(snapshot) as EmployeeSnapshot) : null;
  if (kind === 'superseded') return { kind, outbox: String(outbox) };
  if (kind === 'deleted' && last) return { kind, employee: String(employee), last };
  return { kind: 'changed', employee: String(employee), isNew: isNew === 'T', last };
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

export function sweepOne(row: SweepRow): SweepOutcome {
  if (row.kind === 'superseded') {
    record.delete({ type: OUTBOX.type, id: row.outbox });
    return 'removed';
  }
  if (row.kind === 'deleted') {
    const events = buildEvents(['employee.deleted'], row.last, {}, SWEEP_CONTEXT, new Date());
    queueChange({ employeeId: row.employee, events, changedFields: [], after: null, bySweep: true });
    return 'deleteQueued';
  }
  const current = loadEmployee(row.employee);
  if (!current) return 'gone'; // deleted since the query: the next sweep finds it as deleted
  const { types, changes } = missingChange(row, current);
  if (!types.length) return 'unchanged';
  const events = buildEvents(types, current, changes, SWEEP_CONTEXT, new Date());
  queueChange({ employeeId: row.employee, events, changedFields: Object.keys(changes), after: current, bySweep: true });
  log.audit({ title: 'Webhook change found by the sweep', details: `employee ${row.employee}: ${types.join(', ')}` });
  return 'queued';
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
