/**
 * What the "Leavers" page reads, by SuiteQL (10 units a query): leavers due (with what depends on each, as
 * the run's preflight sees it) and leavers done. The same rules as the run: offboarding/leavers.ts.
 */
import * as query from 'N/query';
import { HOLD } from '../offboarding/ids';
import { supervisees } from '../offboarding/leavers';
import type { Person } from '../offboarding/rules';
import { str } from '../ui/sql-text';

export interface LeaverRow {
  id: number;
  name: string;
  releaseDate: string;
  supervisor: Person | null;
  liveTokens: number;
  supervisees: number;
  /** Why an admin protected the leaver (a Leaver Hold record), or null */
  kept: string | null;
}

const LEAVER = "e.releasedate <= BUILTIN.RELATIVE_RANGES('TODAY', 'START')";

function rows(done: boolean): LeaverRow[] {
  return query.runSuiteQL({
    query: `SELECT e.id, e.firstname, e.lastname, TO_CHAR(e.releasedate, 'YYYY-MM-DD') AS releasedate, e.supervisor, BUILTIN.DF(e.supervisor) AS supervisorname,
        (SELECT COUNT(*) FROM OAuthToken t WHERE t.entity_name = e.id AND t.brevoked = 'F' AND t.binactive = 'F') AS livetokens,
        (SELECT COUNT(*) FROM employee s WHERE s.supervisor = e.id AND s.isinactive = 'F'
          AND (s.releasedate IS NULL OR s.releasedate > BUILTIN.RELATIVE_RANGES('TODAY', 'START'))) AS supervisees,
        (SELECT MAX(h.${HOLD.reason}) FROM ${HOLD.type} h WHERE h.${HOLD.employee} = e.id AND h.isinactive = 'F') AS kept
      FROM employee e WHERE ${LEAVER} AND ${done ? "e.isinactive = 'T' AND e.giveaccess = 'F'" : "(e.isinactive = 'F' OR e.giveaccess = 'T')"}
      ORDER BY e.releasedate DESC, e.id`,
  }).asMappedResults().map((r) => ({
    id: Number(r.id), name: [str(r.firstname), str(r.lastname)].filter(Boolean).join(' '), releaseDate: str(r.releasedate),
    supervisor: r.supervisor === null || r.supervisor === undefined || r.supervisor === '' ? null : { id: str(r.supervisor), name: str(r.supervisorname) },
    liveTokens: Number(r.livetokens ?? 0), supervisees: Number(r.supervisees ?? 0), kept: str(r.kept) || null,
  }));
}

export const dueLeavers = (): LeaverRow[] => rows(false);
export const doneLeavers = (): LeaverRow[] => rows(true);
export { supervisees };

/** The Leaver Hold records naming an employee (to lift a protection). */
export function holds(employeeId: number): number[] {
  return query.runSuiteQL({ query: `SELECT id FROM ${HOLD.type} WHERE ${HOLD.employee} = ? AND isinactive = 'F'`, params: [employeeId] })
    .asMappedResults().map((r) => Number(r.id));
}
