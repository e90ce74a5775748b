/**
 * A Map/Reduce's SuiteQL input is the rows as they were at one moment: rows other scripts save while the
 * input stage pages through the query neither push rows out nor slip in. (Found by the soak: a pending
 * delivery pushed out of the dispatcher's input let that employee's later events overtake it.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database = require('better-sqlite3');
import { inputEntries } from '@employee-lifecycle/sandbox/runtime/mapreduce/input';
import { createSuiteQL } from '@employee-lifecycle/sandbox/suiteql/run';

const QUERY = `SELECT kind, id FROM (SELECT 'outbox' AS kind, id FROM outbox UNION ALL SELECT 'delivery' AS kind, id FROM delivery) ORDER BY kind DESC, id`;

test('rows saved by another connection between the count and the pages change nothing in the input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mr-input-'));
  const file = path.join(dir, 'account.sqlite');
  const reader = new Database(file);
  const writer = new Database(file);
  try {
    reader.pragma('journal_mode = WAL');
    reader.exec(`CREATE TABLE outbox (id INTEGER PRIMARY KEY); CREATE TABLE delivery (id INTEGER PRIMARY KEY);
      INSERT INTO outbox (id) VALUES (1), (2), (3); INSERT INTO delivery (id) VALUES (13), (15);`);
    const suiteql = createSuiteQL(reader, { meta: {} });
    let saved = false;
    // Another script saves two outbox records just after the input stage has counted the rows.
    const engine = {
      db: reader,
      suiteql: {
        runPaged: (input: Parameters<typeof suiteql.runPaged>[0]) => {
          const paged = suiteql.runPaged(input);
          if (!saved) writer.exec('INSERT INTO outbox (id) VALUES (4), (5)');
          saved = true;
          return paged;
        },
      },
    };
    const entries = inputEntries(engine, { type: 'suiteql', query: QUERY });
    const rows = entries.map((e) => (JSON.parse(e.value) as { values: [string, number] }).values);
    expect(rows).toEqual([['outbox', 1], ['outbox', 2], ['outbox', 3], ['delivery', 13], ['delivery', 15]]);
    // The next run sees them.
    expect(inputEntries(engine, { type: 'suiteql', query: QUERY })).toHaveLength(7);
  } finally {
    reader.close();
    writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
