// @ts-check
'use strict';
/**
 * The offboarding Map/Reduce's governance per employee, beside its floor: one record.load (5) and one
 * save (10) of an employee, as giveaccess cannot be set by submitFields. Beyond the floor each offboarded
 * employee costs a search.lookupFields read-back of the two flags (1); a token owner also a SuiteQL read
 * of their tokens (10) for the report. The preflight: a leaver held (a live token, or active supervisees)
 * changes nothing but queues its employee.offboarding_held event (the floor), after one SuiteQL read of
 * what holds them (10). Measured on a generated account of 2,000 employees.
 */
const path = require('node:path');
const { generateAccount } = require('@employee-lifecycle/sandbox/generate-account');
const { OFFBOARDING_PARAM: PARAM } = require('./sdf-ids');

const MR = 'customscript_el_offboarding_mr';
const NOW = 'customdeploy_el_offboarding_now';
const LIMIT = 1000;
const FLOOR = 5 + 10;
/** A held leaver changes nothing; its event is one outbox record: create (2) + save (4). */
const HELD_FLOOR = 2 + 4;

/**
 * @param {typeof import('@employee-lifecycle/sandbox').bootAccount} bootAccount @param {string} dataDir
 * @returns {Promise<Array<Record<string, string | number>>>}
 */
async function offboardingGovernance(bootAccount, dataDir) {
  const { account: data, truth } = generateAccount({ employees: 2000, seed: 11, rigged: 0, offboard: 100, tokenOwners: 10 });
  // Five leavers supervise an active employee each: the preflight holds them (supervisee read, held event).
  const leaving = new Set(Object.values(truth).flat());
  const staying = data.employees.filter((e) => e.id > 2 && !leaving.has(e.id)).slice(0, 5);
  staying.forEach((e, i) => { e.supervisor = truth.offboard[i]; });
  const account = await bootAccount({ dataDir: path.join(dataDir, 'offboarding'), account: data, port: false });
  const rows = [];
  try {
    account.clock.set('2026-11-02T20:00:00Z');
    /** @param {Record<string, unknown>} params */
    const run = async (params) => {
      const s = await account.mapReduce.run(MR, NOW, { [PARAM.maxChanges]: 1000, ...params });
      if (s.status !== 'COMPLETE') throw new Error(`bench: the offboarding run ended ${s.status}`);
      return { s, outcomes: s.output.map((o) => JSON.parse(o.value)) };
    };
    /** @param {string} measure @param {Array<{ units: number }>} list @param {number} floor */
    const row = (measure, list, floor) => {
      if (!list.length) throw new Error(`bench: no employees for "${measure}"`);
      const units = Math.max(...list.map((o) => o.units));
      rows.push({ measure, employees: list.length, units, floor, 'of limit': `${((units / LIMIT) * 100).toFixed(1)} % of ${LIMIT}` });
    };
    const dry = await run({ [PARAM.dryRun]: true });
    row('Offboarding map per employee, dry run', dry.outcomes.filter((o) => o.status === 'would_offboard' && !o.tokens), 0);
    const live = await run({ [PARAM.dryRun]: false, [PARAM.removeRoles]: true });
    const done = live.outcomes.filter((o) => o.status === 'offboarded');
    row('Offboarding map per employee offboarded (load, save, read-back)', done.filter((o) => !o.rolesRemoved), FLOOR);
    row('… with its roles removed in the same save', done.filter((o) => o.rolesRemoved), FLOOR);
    row('… held: owner of live tokens (token read, employee.offboarding_held event)', live.outcomes.filter((o) => o.reason === 'token_owner'), HELD_FLOOR);
    row('… held: supervisor of active employees (supervisee read, employee.offboarding_held event)', live.outcomes.filter((o) => o.reason === 'supervisor'), HELD_FLOOR);
    const owners = await run({ [PARAM.dryRun]: false, [PARAM.allowTokenOwners]: true });
    row('… token owner offboarded when allowed (token read, load, save, read-back)', owners.outcomes.filter((o) => o.status === 'offboarded' && o.tokens), FLOOR);
    const total = live.s.stages.input.usage + live.s.stages.map.usage + live.s.stages.summarize.usage;
    rows.push({ measure: `Offboarding run, ${done.length} of 2,000 employees offboarded (input + map + summarize)`, employees: done.length, units: total,
      floor: done.length * FLOOR, 'of limit': `input ${live.s.stages.input.usage}, summarize ${live.s.stages.summarize.usage} of 10000` });
    await account.tasks.idle();
  } finally {
    await account.close();
  }
  return rows;
}

module.exports = { offboardingGovernance };
