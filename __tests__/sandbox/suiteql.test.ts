/**
 * The sandbox's SuiteQL engine on a small in-memory account: what a script (query.runSuiteQL, paged) and
 * a REST client (POST /query/v1/suiteql) would get back, and what is refused.
 */
import Database = require('better-sqlite3');
import { createSuiteQL } from '@employee-lifecycle/sandbox/suiteql/run';
import { translate } from '@employee-lifecycle/sandbox/suiteql/rewrite';

const SCHEMA = `
CREATE TABLE department (id INTEGER PRIMARY KEY, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F');
CREATE TABLE role (id INTEGER PRIMARY KEY, scriptid TEXT, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F');
CREATE TABLE employee (
  id INTEGER PRIMARY KEY, entityid TEXT, firstname TEXT, lastname TEXT, email TEXT, title TEXT,
  isinactive CHECKBOX NOT NULL DEFAULT 'F', giveaccess CHECKBOX NOT NULL DEFAULT 'F',
  releasedate DATE, hiredate DATE, supervisor INTEGER, department INTEGER,
  datecreated DATETIME, lastmodifieddate DATETIME, sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE oauthtoken (
  id INTEGER PRIMARY KEY, tba_token_name TEXT, entity_name INTEGER NOT NULL, role_name INTEGER NOT NULL,
  tba_app_name TEXT, binactive CHECKBOX NOT NULL DEFAULT 'F', brevoked CHECKBOX NOT NULL DEFAULT 'F', dcreated DATETIME, createdby INTEGER
);
CREATE TABLE counter (id INTEGER PRIMARY KEY, label TEXT);
CREATE TABLE sb_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIEW settings_view AS SELECT key, value FROM sb_settings;
INSERT INTO sb_settings VALUES ('secret', 'do not show');
INSERT INTO department VALUES (1, 'Sales', 'F'), (2, 'Finance', 'F');
INSERT INTO role VALUES (3, 'customrole_integration', 'Integration Role', 'F');
INSERT INTO employee (id, entityid, firstname, lastname, email, isinactive, giveaccess, releasedate, hiredate, supervisor, department, datecreated)
VALUES
  (1, 'Ann Boss', 'Ann', 'Boss', 'ann@example.com', 'F', 'T', NULL, '2019-03-01', NULL, 1, '2019-03-01T16:00:00.000Z'),
  (2, 'Ben Leaver', 'Ben', 'Leaver', 'ben@example.com', 'F', 'T', '2026-01-31', '2021-07-15', 1, 2, '2021-07-15T17:30:00.000Z'),
  (3, 'Cy Later', 'Cy', 'Later', NULL, 'F', 'T', '2026-03-15', '2022-01-10', 1, NULL, '2026-01-31T07:30:00.000Z');
INSERT INTO oauthtoken VALUES
  (10, 'Ben token', 2, 3, 'Payroll App', 'F', 'F', '2026-01-20T18:00:00.000Z', 2),
  (11, 'Old token', 2, 3, 'Payroll App', 'F', 'T', '2025-06-01T18:00:00.000Z', 2);
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5001) INSERT INTO counter SELECT x, 'row ' || x FROM n;
`;

const META = {
  tables: {
    employee: { display: 'entityid', selects: { department: 'department', supervisor: 'employee' } },
    department: { display: 'name', selects: {} },
    role: { display: 'name', selects: {} },
    oauthtoken: { display: 'tba_token_name', selects: { entity_name: 'employee', role_name: 'role', createdby: 'employee' } },
  },
};

function account(options: { dateFormat?: string; timeZone?: string } = {}) {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  const clock = { now: new Date('2026-01-31T20:00:00Z') }; // noon on 1/31/2026 in Los Angeles
  const sql = createSuiteQL(db, { meta: META, now: () => clock.now, ...options });
  return { db, clock, sql };
}

/** The thrown error, for assertions on its fields. */
function failure(fn: () => unknown): { name: string; code: string; message: string; rest: { status: number; errorCode: string; detail: string; queryParam: string } } {
  try {
    fn();
  } catch (e) {
    return e as ReturnType<typeof failure>;
  }
  throw new Error('expected an error');
}

describe('SuiteQL: results as a script sees them', () => {
  const { sql } = account();

  test('column names are lowercase, ids are numbers, checkboxes stay T/F, dates use the account format', () => {
    const r = sql.runSuiteQL({ query: 'SELECT ID, FirstName, isinactive, releasedate, hiredate FROM employee WHERE id = ?', params: [2] });
    expect(r.columns).toEqual(['id', 'firstname', 'isinactive', 'releasedate', 'hiredate']);
    expect(r.rows).toEqual([[2, 'Ben', 'F', '1/31/2026', '7/15/2021']]);
  });

  test('a DATETIME column shows the date in the account time zone, not in UTC', () => {
    // 07:30 UTC on 1/31 is still 1/30 in Los Angeles.
    const r = sql.runSuiteQL({ query: 'SELECT datecreated FROM employee WHERE id = 3' });
    expect(r.rows).toEqual([['1/30/2026']]);
  });

  test('SELECT * hides the sandbox columns; nulls stay null', () => {
    const r = sql.runSuiteQL({ query: 'SELECT * FROM employee WHERE id = 3' });
    expect(r.columns).not.toContain('sb_version');
    expect(r.rows[0][r.columns.indexOf('email')]).toBeNull();
  });

  test('table names are case-insensitive (OAuthToken)', () => {
    const r = sql.runSuiteQL({ query: "SELECT t.id FROM OAuthToken t WHERE t.brevoked = 'F'" });
    expect(r.rows).toEqual([[10]]);
    expect(sql.runSuiteQL({ query: 'SELECT COUNT(*) AS n FROM EMPLOYEE' }).rows).toEqual([[3]]);
  });

  test('unnamed expressions are named expr1, expr2 …', () => {
    const r = sql.runSuiteQL({ query: "SELECT COUNT(*), MAX(id), 'x' AS label FROM employee" });
    expect(r.columns).toEqual(['expr1', 'expr2', 'label']);
    expect(r.rows).toEqual([[3, 3, 'x']]);
  });

  test('another account date format', () => {
    const other = account({ dateFormat: 'DD/MM/YYYY' }).sql;
    expect(other.runSuiteQL({ query: 'SELECT hiredate FROM employee WHERE id = 2' }).rows).toEqual([['15/07/2021']]);
  });
});

describe('SuiteQL: binds', () => {
  const { sql } = account();

  test('numbers, strings, booleans (as T/F) and Dates bind in order', () => {
    const r = sql.runSuiteQL({
      query: 'SELECT id FROM employee WHERE giveaccess = ? AND lastname <> ? AND id >= ? AND releasedate <= ? ORDER BY id',
      params: [true, 'Later', 2, new Date('2026-02-01T12:00:00Z')],
    });
    expect(r.rows).toEqual([[2]]);
  });

  test('a ? moved by the rewrite (ROWNUM <= ?) still takes its own value', () => {
    const r = sql.runSuiteQL({ query: 'SELECT id FROM employee WHERE ROWNUM <= ? AND id > ?', params: [1, 1] });
    expect(r.rows).toEqual([[2]]);
  });

  test('the wrong number of params is a clear error', () => {
    const e = failure(() => sql.runSuiteQL({ query: 'SELECT id FROM employee WHERE id = ? AND firstname = ?', params: [1] }));
    expect(e.code).toBe('SSS_SEARCH_ERROR_OCCURRED');
    expect(e.message).toMatch(/2 parameter markers \(\?\) but params holds 1 value/);
  });
});

describe('SuiteQL: Oracle functions', () => {
  const { sql } = account();

  test('BUILTIN.DF gives the display value of select fields', () => {
    const r = sql.runSuiteQL({
      query: `SELECT e.id, BUILTIN.DF(e.department) AS dept, BUILTIN.DF(e.supervisor) AS boss
              FROM employee e ORDER BY e.id`,
    });
    expect(r.rows).toEqual([[1, 'Sales', null], [2, 'Finance', 'Ann Boss'], [3, null, 'Ann Boss']]);
    const t = sql.runSuiteQL({ query: 'SELECT BUILTIN.DF(role_name) AS role, BUILTIN.DF(entity_name) AS who FROM oauthtoken WHERE id = 10' });
    expect(t.rows).toEqual([['Integration Role', 'Ben Leaver']]);
  });

  test('Oracle keywords that are not reserved name columns after AS (last, next, first), reserved ones do not', () => {
    const r = sql.runSuiteQL({ query: 'SELECT MAX(id) AS last, MIN(id) AS first, COUNT(*) AS next FROM employee' });
    expect(r).toEqual({ columns: ['last', 'first', 'next'], rows: [[3, 1, 3]] });
    expect(failure(() => sql.runSuiteQL({ query: 'SELECT id AS from FROM employee' })).code).toBe('SSS_SEARCH_ERROR_OCCURRED');
  });

  test('BUILTIN.DF of an unqualified column that points at its own table names the outer row\'s target', () => {
    // Found by sandbox-properties.test.ts: the subquery used to read the supervisor's own supervisor.
    const r = sql.runSuiteQL({ query: 'SELECT id, BUILTIN.DF(supervisor) AS boss FROM employee ORDER BY id' });
    expect(r.rows).toEqual([[1, null], [2, 'Ann Boss'], [3, 'Ann Boss']]);
  });

  test('NVL, NVL2, DECODE, string functions with Oracle positions', () => {
    const r = sql.runSuiteQL({
      query: `SELECT NVL(email, 'none') AS email, NVL2(releasedate, 'leaving', 'staying') AS status,
                     DECODE(department, 1, 'S', 2, 'F', '-') AS d, SUBSTR(firstname, 0, 2) AS s,
                     INSTR(email, '@') AS at, LPAD(id, 3, '0') AS padded, UPPER(lastname) || '!' AS shout
              FROM employee WHERE id IN (2, 3) ORDER BY id`,
    });
    expect(r.rows).toEqual([
      ['ben@example.com', 'leaving', 'F', 'Be', 4, '002', 'LEAVER!'],
      ['none', 'leaving', '-', 'Cy', null, '003', 'LATER!'],
    ]);
  });

  test('LISTAGG joins a group in the WITHIN GROUP order; without a delimiter, with none', () => {
    const r = sql.runSuiteQL({
      query: `SELECT e.id, (SELECT LISTAGG(s.id, ',') WITHIN GROUP (ORDER BY s.id DESC) FROM employee s WHERE s.supervisor = e.id) AS reports
              FROM employee e ORDER BY e.id`,
    });
    expect(r.rows).toEqual([[1, '3,2'], [2, null], [3, null]]);
    expect(sql.runSuiteQL({ query: 'SELECT LISTAGG(firstname) WITHIN GROUP (ORDER BY firstname) AS n FROM employee' }).rows).toEqual([['AnnBenCy']]);
    expect(() => sql.runSuiteQL({ query: 'SELECT LISTAGG(firstname) WITHIN GROUP (firstname) AS n FROM employee' })).toThrow(/WITHIN GROUP takes \(ORDER BY/);
  });

  test('TO_CHAR, TO_DATE in common formats, date arithmetic and TRUNC', () => {
    const r = sql.runSuiteQL({
      query: `SELECT TO_CHAR(releasedate, 'YYYY-MM-DD') AS iso, TO_CHAR(releasedate, 'FMMonth DD, YYYY') AS long,
                     releasedate - hiredate AS days, ADD_MONTHS(releasedate, 1) AS later,
                     TO_CHAR(TO_DATE('03/15/2026 2:30 PM', 'MM/DD/YYYY HH:MI AM'), 'HH24:MI') AS t
              FROM employee WHERE id = 2`,
    });
    expect(r.rows).toEqual([['2026-01-31', 'January 31, 2026', 1661, '2/28/2026', '14:30']]);
    const today = sql.runSuiteQL({ query: "SELECT TRUNC(SYSDATE) AS today, TRUNC(SYSDATE, 'MM') - 1 AS eom FROM DUAL" });
    expect(today.rows).toEqual([['1/31/2026', '12/31/2025']]);
  });
});

describe('SuiteQL: the account clock', () => {
  test('termination dates compare against the clock in the account time zone, and follow it when it moves', () => {
    const { sql, clock } = account();
    const due = 'SELECT id FROM employee WHERE releasedate <= TRUNC(SYSDATE) ORDER BY id';
    clock.now = new Date('2026-01-31T07:00:00Z'); // 11 pm on 1/30 in Los Angeles
    expect(sql.runSuiteQL({ query: due }).rows).toEqual([]);
    clock.now = new Date('2026-01-31T08:30:00Z'); // 12:30 am on 1/31
    expect(sql.runSuiteQL({ query: due }).rows).toEqual([[2]]);
    clock.now = new Date('2026-03-20T18:00:00Z');
    expect(sql.runSuiteQL({ query: due }).rows).toEqual([[2], [3]]);
    expect(sql.runSuiteQL({ query: 'SELECT id FROM employee WHERE releasedate < CURRENT_DATE ORDER BY id' }).rows).toEqual([[2], [3]]);
  });

  test('TO_DATE with a bound value, in ISO and US formats', () => {
    const { sql } = account();
    const iso = sql.runSuiteQL({ query: "SELECT id FROM employee WHERE releasedate BETWEEN TO_DATE(?, 'YYYY-MM-DD') AND TO_DATE(?, 'YYYY-MM-DD')", params: ['2026-01-01', '2026-01-31'] });
    expect(iso.rows).toEqual([[2]]);
    const us = sql.runSuiteQL({ query: "SELECT id FROM employee WHERE releasedate > TO_DATE(?, 'MM/DD/YYYY')", params: ['01/31/2026'] });
    expect(us.rows).toEqual([[3]]);
    const plain = sql.runSuiteQL({ query: 'SELECT id FROM employee WHERE releasedate = ?', params: ['1/31/2026'] });
    expect(plain.rows).toEqual([[2]]);
  });

  test('DATETIME columns against SYSDATE - n', () => {
    const { sql, clock } = account();
    const recent = 'SELECT id FROM oauthtoken WHERE dcreated >= SYSDATE - 30 ORDER BY id';
    expect(sql.runSuiteQL({ query: recent }).rows).toEqual([[10]]);
    clock.now = new Date('2026-03-01T20:00:00Z');
    expect(sql.runSuiteQL({ query: recent }).rows).toEqual([]);
  });

  test('a bad TO_DATE value says what does not match', () => {
    const { sql } = account();
    const e = failure(() => sql.runSuiteQL({ query: "SELECT TO_DATE('31/01/2026', 'MM/DD/YYYY') AS d FROM DUAL" }));
    expect(e.message).toMatch(/The date '31\/01\/2026' does not match the format 'MM\/DD\/YYYY'/);
  });
});

describe('SuiteQL: row limits', () => {
  const { sql } = account();

  test('FETCH FIRST / NEXT, OFFSET … ROWS and TOP', () => {
    expect(sql.runSuiteQL({ query: 'SELECT id FROM employee ORDER BY id DESC FETCH FIRST 2 ROWS ONLY' }).rows).toEqual([[3], [2]]);
    expect(sql.runSuiteQL({ query: 'SELECT id FROM employee ORDER BY id OFFSET 1 ROWS FETCH NEXT 1 ROW ONLY' }).rows).toEqual([[2]]);
    expect(sql.runSuiteQL({ query: 'SELECT TOP 1 id FROM employee ORDER BY id DESC' }).rows).toEqual([[3]]);
  });

  test('ROWNUM <= n in the WHERE clause; ROWNUM with ORDER BY is refused with the fix', () => {
    expect(sql.runSuiteQL({ query: "SELECT id FROM employee WHERE isinactive = 'F' AND ROWNUM <= 2" }).rows).toEqual([[1], [2]]);
    expect(sql.runSuiteQL({ query: 'SELECT * FROM (SELECT id FROM employee ORDER BY id DESC) WHERE ROWNUM < 2' }).rows).toEqual([[3]]);
    const e = failure(() => sql.runSuiteQL({ query: 'SELECT id FROM employee WHERE ROWNUM <= 2 ORDER BY id' }));
    expect(e.message).toMatch(/FETCH FIRST n ROWS ONLY/);
  });

  test('LIMIT is not SuiteQL', () => {
    expect(failure(() => sql.runSuiteQL({ query: 'SELECT id FROM employee LIMIT 1' })).message).toMatch(/use FETCH FIRST n ROWS ONLY/);
  });

  test('runSuiteQL returns at most 5,000 rows', () => {
    const r = sql.runSuiteQL({ query: 'SELECT id FROM counter ORDER BY id' });
    expect(r.rows).toHaveLength(5000);
    expect(r.rows[4999]).toEqual([5000]);
  });
});

describe('SuiteQL: paged results', () => {
  const { sql } = account();
  const query = 'SELECT id, label FROM counter WHERE id <= ? ORDER BY id';

  test('count, page ranges and a partial last page; pages put together give every row once', () => {
    const paged = sql.runPaged({ query, params: [12], pageSize: 5 });
    expect(paged.count).toBe(12);
    expect(paged.pageRanges.map((p) => p.index)).toEqual([0, 1, 2]);
    const pages = paged.pageRanges.map((p) => paged.fetch(p.index));
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 2]);
    expect(pages[2].columns).toEqual(['id', 'label']);
    expect(pages.flatMap((p) => p.rows.map((r) => r[0]))).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
  });

  test('page size must be 5 to 1000', () => {
    expect(failure(() => sql.runPaged({ query, params: [12], pageSize: 4 })).message).toMatch(/from 5 to 1000/);
    expect(failure(() => sql.runPaged({ query, params: [12], pageSize: 1001 })).message).toMatch(/from 5 to 1000/);
  });

  test('at most 1,000 pages', () => {
    const paged = sql.runPaged({ query: 'SELECT id FROM counter ORDER BY id', pageSize: 5 });
    expect(paged.count).toBe(5000);
    expect(paged.pageRanges).toHaveLength(1000);
  });

  test('fetching a page that does not exist fails', () => {
    const paged = sql.runPaged({ query, params: [12], pageSize: 5 });
    expect(failure(() => paged.fetch(3)).code).toBe('INVALID_PAGE_RANGE');
  });
});

describe('SuiteQL: REST pages', () => {
  const { sql } = account();

  test('limit/offset, hasMore and totalResults; values as strings, links on each item, nulls left out', () => {
    const first = sql.restPage({ query: 'SELECT id, label FROM counter WHERE id <= 12 ORDER BY id', limit: 5 });
    expect(first).toMatchObject({ totalResults: 12, count: 5, offset: 0, hasMore: true });
    expect(first.items[0]).toEqual({ links: [], id: '1', label: 'row 1' });
    const last = sql.restPage({ query: 'SELECT id, label FROM counter WHERE id <= 12 ORDER BY id', limit: 5, offset: 10 });
    expect(last).toMatchObject({ totalResults: 12, count: 2, offset: 10, hasMore: false });
    const people = sql.restPage({ query: 'SELECT id, email, releasedate FROM employee WHERE id = 3' });
    expect(people.items).toEqual([{ links: [], id: '3', releasedate: '3/15/2026' }]);
  });

  test('limit defaults to 1000 and may not exceed it', () => {
    expect(sql.restPage({ query: 'SELECT id FROM counter' })).toMatchObject({ count: 1000, hasMore: true, totalResults: 5001 });
    const e = failure(() => sql.restPage({ query: 'SELECT id FROM counter', limit: 1001 }));
    expect(e.rest).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER', queryParam: 'limit' });
  });
});

describe('SuiteQL: what is refused', () => {
  const { sql, db } = account();

  test.each([
    ['DELETE FROM employee', /starts with DELETE/],
    ["UPDATE employee SET title = 'x'", /starts with UPDATE/],
    ['SELECT id FROM employee; DELETE FROM employee', /one statement at a time/],
    ['WITH x AS (SELECT id FROM employee) DELETE FROM employee WHERE id IN (SELECT id FROM x)', /only SELECT statements/],
  ])('%s', (query, why) => {
    const e = failure(() => sql.runSuiteQL({ query }));
    expect(e.code).toBe('SSS_SEARCH_ERROR_OCCURRED');
    expect(e.message).toMatch(/^Search error occurred: Invalid or unsupported search\./);
    expect(e.message).toMatch(why);
    expect(db.prepare('SELECT COUNT(*) AS n FROM employee').get()).toEqual({ n: 3 });
  });

  test.each([
    'SELECT * FROM sb_settings',
    'SELECT value FROM "SB_SETTINGS"',
    "SELECT * FROM 'sb_settings'",
    'SELECT e.id FROM employee e JOIN sb_settings s ON s.key = e.email',
    'SELECT * FROM sqlite_master',
  ])('the sandbox tables stay hidden: %s', (query) => {
    const e = failure(() => sql.runSuiteQL({ query }));
    expect(e.message).toMatch(/^Search error occurred: Record '(sb_settings|sqlite_master)' was not found\.$/);
    expect(e.rest.detail).toMatch(/^Invalid search query\. Detailed unprocessed description follows\. Invalid search type: /);
  });

  test('a hidden table reached through a view is refused too', () => {
    expect(failure(() => sql.runSuiteQL({ query: 'SELECT * FROM settings_view' })).message).toMatch(/Record 'sb_settings' was not found/);
  });

  test('sandbox columns are unknown identifiers', () => {
    const e = failure(() => sql.runSuiteQL({ query: 'SELECT e.sb_version FROM employee e' }));
    expect(e.message).toBe("Search error occurred: Unknown identifier 'sb_version'. Available identifiers are: {e=employee}.");
  });

  test('string literals that mention sb_ are only text', () => {
    const r = sql.runSuiteQL({ query: "SELECT 'FROM sb_settings' AS note, id FROM employee WHERE email NOT LIKE 'sb_%' AND id = 1" });
    expect(r.rows).toEqual([['FROM sb_settings', 1]]);
  });

  test('a syntax error says where, in the caller\'s own words, for scripts and for REST', () => {
    const e = failure(() => sql.runSuiteQL({ query: 'SELECT id FROMM employee' }));
    expect(e.name).toBe('SuiteQLError');
    expect(e.code).toBe('SSS_SEARCH_ERROR_OCCURRED');
    expect(e.message).toBe('Search error occurred: Invalid or unsupported search. The query could not be parsed near "employee": check the SQL syntax.');
    expect(e.rest).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER', queryParam: 'q' });
    expect(e.rest.detail).toBe(`Invalid search query. Detailed unprocessed description follows. ${e.message}`);
  });

  test('unknown columns and tables use NetSuite\'s wording', () => {
    expect(failure(() => sql.runSuiteQL({ query: 'SELECT e.nickname FROM employee e' })).message)
      .toBe("Search error occurred: Unknown identifier 'e.nickname'. Available identifiers are: {e=employee}.");
    expect(failure(() => sql.runSuiteQL({ query: 'SELECT id FROM customer' })).rest.detail)
      .toBe('Invalid search query. Detailed unprocessed description follows. Invalid search type: customer.');
  });
});

describe('translate()', () => {
  test('rewrites without touching literals', () => {
    const t = translate("SELECT NVL(a.title, 'NVL(x)') AS t FROM employee a WHERE a.email = 'SYSDATE' FETCH FIRST 3 ROWS ONLY");
    expect(t.sql).toBe("SELECT COALESCE(a.title, 'NVL(x)') AS t FROM employee a WHERE sb_deadline() AND (a.email = 'SYSDATE') LIMIT 3");
  });
});
