// @ts-check
'use strict';
/**
 * The change sweep's cost on a 50,000-employee account, in one run of each case:
 *   - 50,000 unchanged: nothing modified in the window. The input is one SuiteQL query whatever the size.
 *   - 1,000 changed, every change recorded by the user event: each is compared with the fields the input
 *     query read, and each of the user event's records is checked for a gap against the one before (no
 *     units: both come in the input); nothing is loaded or queued.
 *   - 1,000 changed inside another user event (no employee user event ran, as NetSuite does): each differs
 *     from its last snapshot, so it is loaded (the event carries the employee as the user event would
 *     describe it) and queued as an outbox record marked found by the sweep.
 * The lost changes come from the HR-request fixture (a user event that saves employees), so they go
 * through the sandbox's record layer like any save: lastmodifieddate is the account's, not the bench's.
 */
const path = require('node:path');
const { generateAccount } = require('@employee-lifecycle/sandbox/generate-account');
const { SWEEP: SWEEP_IDS } = require('./sdf-ids');

const SWEEP = SWEEP_IDS.script;
const NOW = SWEEP_IDS.onDemand;
const REQUEST = 'customrecord_el_fixture_hr_request';
const OVERLAY = path.join(__dirname, '..', '__tests__', 'fixtures', 'hr-request-overlay');
const EMPLOYEES = 50000;
const CHANGED = 1000;
/** Per changed employee, what the sweep cannot avoid: nothing (one SuiteQL row); per queued change, the outbox record (create 2 + save 4). */
const QUEUE_FLOOR = 6;

/**
 * @param {typeof import('@employee-lifecycle/sandbox').bootAccount} bootAccount @param {string} dataDir
 * @returns {Promise<Array<Record<string, string | number>>>}
 */
async function sweepGovernance(bootAccount, dataDir) {
  const { account: data } = generateAccount({
    employees: EMPLOYEES, seed: 11, offboard: 0, rigged: 0, protected: 0, tokenOwners: 0, deadTokenOwners: 0, dueToday: 0, alreadyOffboarded: 0, future: 0,
  });
  const account = await bootAccount({ dataDir: path.join(dataDir, 'sweep'), account: data, port: false, overlays: [OVERLAY] });
  const rows = [];
  /** One sweep after the grace has passed: its units by stage and wall time. */
  const sweep = async () => {
    account.clock.advance('6m');
    const started = process.hrtime.bigint();
    const s = await account.mapReduce.run(SWEEP, NOW);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (s.status !== 'COMPLETE') throw new Error(`bench: the sweep ended ${s.status}`);
    const report = /** @type {Record<string, number>} */ (JSON.parse(String(account.query(`SELECT ${SWEEP_IDS.report} AS r FROM ${SWEEP_IDS.type}`)[0].r)));
    await account.tasks.idle();
    return { input: s.stages.input.usage, map: s.stages.map.usage, summarize: s.stages.summarize.usage, ms, report };
  };
  try {
    await sweep(); // the first run starts the window
    const ids = Array.from({ length: CHANGED }, (_, i) => 3 + i * Math.floor((EMPLOYEES - 3) / CHANGED));

    const quiet = await sweep();
    rows.push({
      measure: `Change sweep, ${EMPLOYEES.toLocaleString('en-US')} employees, none changed`, employees: EMPLOYEES,
      units: quiet.input + quiet.map + quiet.summarize, floor: 10,
      'of limit': `input ${quiet.input} of 10,000; ${Math.round(quiet.ms)} ms wall`,
    });

    for (const id of ids) await account.records.update('employee', id, { title: `Retitled ${id}` });
    await account.tasks.idle();
    const recorded = await sweep();
    if (recorded.report.queued !== 0 || recorded.report.gapQueued !== 0 || recorded.report.unchanged !== 2 * CHANGED) throw new Error(`bench: sweep after recorded changes: ${JSON.stringify(recorded.report)}`);
    rows.push({
      measure: `Change sweep, ${CHANGED.toLocaleString('en-US')} changed (user event recorded each), of ${EMPLOYEES.toLocaleString('en-US')}`, employees: CHANGED,
      units: recorded.input + recorded.map + recorded.summarize, floor: 10,
      'of limit': `map ${(recorded.map / CHANGED).toFixed(1)}/employee (compared with the fields SuiteQL read; the ${CHANGED} gap checks also cost 0); ${Math.round(recorded.ms)} ms wall`,
    });

    for (const id of ids) {
      await account.records.create(REQUEST, { name: `title ${id}`, custrecord_el_fixture_hr_employee: id, custrecord_el_fixture_hr_action: 'title', custrecord_el_fixture_hr_title: `By HR ${id}` });
    }
    const lost = await sweep();
    if (lost.report.queued !== CHANGED) throw new Error(`bench: sweep after lost changes: ${JSON.stringify(lost.report)}`);
    rows.push({
      measure: `Change sweep, ${CHANGED.toLocaleString('en-US')} changed with no user event (all queued), of ${EMPLOYEES.toLocaleString('en-US')}`, employees: CHANGED,
      units: lost.input + lost.map + lost.summarize, floor: 10 + CHANGED * QUEUE_FLOOR + 20,
      'of limit': `map ${(lost.map / CHANGED).toFixed(1)}/employee (load 5 + outbox 6); ${Math.round(lost.ms)} ms wall`,
    });
  } finally {
    await account.close();
  }
  return rows;
}

module.exports = { sweepGovernance };

if (require.main === module) {
  const fs = require('node:fs');
  const os = require('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sweep-'));
  sweepGovernance(require('@employee-lifecycle/sandbox').bootAccount, dir)
    .then((rows) => console.table(rows))
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}
