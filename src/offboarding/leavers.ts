/**
 * SuiteQL reads: the leavers still to offboard, how many a run would change (for the guard), a
 * user's live access tokens, and how many leavers are already offboarded. All SuiteQL sits here.
 */
import * as query from 'N/query';
import { HOLD } from './ids';
import type { Settings } from './settings';
import type { Person, Token } from './rules';

/**
 * On or before today in the account's time zone. BUILTIN.RELATIVE_RANGES('TODAY', 'START') is NetSuite's
 * own "today" (article_1029114825); that it is computed in the account's time zone when no date flag is
 * given is unverified, and so is the sandbox that assumes it.
 */
const LEAVER = "e.releasedate <= BUILTIN.RELATIVE_RANGES('TODAY', 'START')";
/** Still active, or still able to log in: both flags are needed to revoke login. */
const NOT_DONE = '(e.isinactive = ? OR e.giveaccess = ?)';
const NOT_DONE_PARAMS = ['F', 'T'];
/** A token that still authenticates: neither revoked nor inactive (facts sheet: OAuthToken). */
const LIVE_TOKEN = "t.entity_name = e.id AND t.brevoked = 'F' AND t.binactive = 'F'";

/**
 * An active employee who reports to the leaver and is not leaving too (a supervisee whose own termination
 * date has come is offboarded by the same run, and holds no one back).
 */
const ACTIVE_SUPERVISEE = "s.supervisor = e.id AND s.isinactive = 'F' AND (s.releasedate IS NULL OR s.releasedate > BUILTIN.RELATIVE_RANGES('TODAY', 'START'))";

/** An admin protected the leaver on the Leavers page (a Leaver Hold record names them). */
const KEPT = `h.${HOLD.employee} = e.id AND h.isinactive = 'F'`;

/**
 * getInputData's input: one row per leaver, with the number of live tokens and of active supervisees, so
 * map reads their details only for the few who have some. Ordered by id, the unique order runSuiteQLPaged
 * requires. map gets values [id, entityid, isinactive, giveaccess, livetokens, supervisees, kept].
 */
export function leaverInput(): { type: 'suiteql'; query: string; params: string[] } {
  return {
    type: 'suiteql',
    query: `SELECT e.id, e.entityid, e.isinactive, e.giveaccess,
        (SELECT COUNT(*) FROM OAuthToken t WHERE ${LIVE_TOKEN}) AS livetokens,
        (SELECT COUNT(*) FROM employee s WHERE ${ACTIVE_SUPERVISEE}) AS supervisees,
        (SELECT COUNT(*) FROM ${HOLD.type} h WHERE ${KEPT}) AS kept
      FROM employee e WHERE ${LEAVER} AND ${NOT_DONE} ORDER BY e.id`,
    params: NOT_DONE_PARAMS,
  };
}

/** The leaver's active supervisees (not leaving themselves) and the leaver's own supervisor, who would take them (10 units). */
export function supervisees(employeeId: string): { people: Person[]; successor: Person | null } {
  const rows = query
    .runSuiteQL({
      query: `SELECT s.id, s.firstname, s.lastname, e.supervisor AS successor, BUILTIN.DF(e.supervisor) AS successorname
        FROM employee e LEFT JOIN employee s ON ${ACTIVE_SUPERVISEE} WHERE e.id = ? ORDER BY s.id`,
      params: [Number(employeeId)],
    })
    .asMappedResults();
  const first = rows[0];
  const people = rows.filter((r) => r.id !== null && r.id !== undefined).map((r) => ({ id: String(r.id), name: [r.firstname, r.lastname].filter((x) => typeof x === 'string' && x).join(' ') }));
  const successor = first && first.successor !== null && first.successor !== undefined && first.successor !== '' ? { id: String(first.successor), name: typeof first.successorname === 'string' ? first.successorname : '' } : null;
  return { people, successor };
}

/** How many employees a live run would change: leavers not listed or kept as protected, supervising no one active and, unless allowed, owning no live token. One query, 10 units. */
export function countToChange(s: Settings): number {
  const ids = s.protectedIds;
  const sql = `SELECT COUNT(*) AS n FROM employee e WHERE ${LEAVER} AND ${NOT_DONE}` +
    (ids.length ? ` AND e.id NOT IN (${ids.map(() => '?').join(', ')})` : '') +
    (s.allowTokenOwners ? '' : ` AND NOT EXISTS (SELECT 1 FROM OAuthToken t WHERE ${LIVE_TOKEN})`) +
    ` AND NOT EXISTS (SELECT 1 FROM employee s WHERE ${ACTIVE_SUPERVISEE})` +
    ` AND NOT EXISTS (SELECT 1 FROM ${HOLD.type} h WHERE ${KEPT})`;
  return count(sql, [...NOT_DONE_PARAMS, ...ids.map(Number)]);
}

/** Leavers already inactive without login access (10 units). */
export function countOffboardedLeavers(): number {
  return count(`SELECT COUNT(*) AS n FROM employee e WHERE ${LEAVER} AND e.isinactive = ? AND e.giveaccess = ?`, ['T', 'F']);
}

/** The user's live tokens, with the application and role each one serves (10 units). */
export function liveTokens(employeeId: string): Token[] {
  return query
    .runSuiteQL({
      query: `SELECT t.id, t.tba_token_name AS name, t.tba_app_name AS app, BUILTIN.DF(t.role_name) AS role
        FROM OAuthToken t WHERE t.entity_name = ? AND t.brevoked = 'F' AND t.binactive = 'F' ORDER BY t.id`,
      params: [Number(employeeId)],
    })
    .asMappedResults()
    .map((r) => ({ id: String(r.id), name: String(r.name ?? ''), application: String(r.app ?? ''), role: String(r.role ?? '') }));
}

function count(sql: string, params: Array<string | number>): number {
  const [row] = query.runSuiteQL({ query: sql, params }).asMappedResults();
  return Number(row?.n ?? 0);
}
