/**
 * SuiteQL reads: the leavers still to offboard, how many a run would change (for the guard), a
 * user's live access tokens, and how many leavers are already offboarded. All SuiteQL sits here.
 */
import * as query from 'N/query';
import type { Settings } from './settings';
import type { Token } from './rules';

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
 * getInputData's input: one row per leaver, with the number of live tokens, so map reads token details
 * only for the few who own some. Ordered by id, the unique order runSuiteQLPaged requires.
 * map gets values [id, entityid, isinactive, giveaccess, livetokens].
 */
export function leaverInput(): { type: 'suiteql'; query: string; params: string[] } {
  return {
    type: 'suiteql',
    query: `SELECT e.id, e.entityid, e.isinactive, e.giveaccess,
        (SELECT COUNT(*) FROM OAuthToken t WHERE ${LIVE_TOKEN}) AS livetokens
      FROM employee e WHERE ${LEAVER} AND ${NOT_DONE} ORDER BY e.id`,
    params: NOT_DONE_PARAMS,
  };
}

/** How many employees a live run would change: leavers not listed as protected and, unless allowed, owning no live token. One query, 10 units. */
export function countToChange(s: Settings): number {
  const ids = s.protectedIds;
  const sql = `SELECT COUNT(*) AS n FROM employee e WHERE ${LEAVER} AND ${NOT_DONE}` +
    (ids.length ? ` AND e.id NOT IN (${ids.map(() => '?').join(', ')})` : '') +
    (s.allowTokenOwners ? '' : ` AND NOT EXISTS (SELECT 1 FROM OAuthToken t WHERE ${LIVE_TOKEN})`);
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
