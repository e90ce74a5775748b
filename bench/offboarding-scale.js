// @ts-check
'use strict';
/**
 * How an offboarding run's wall time and governance grow with the workforce: 1,000, 10,000 and 50,000
 * employees with the same share of leavers (2 %). The input is one paged SuiteQL query whatever the size,
 * so units should grow with the leavers only; wall time shows what the sandbox's processors take.
 */
const path = require('node:path');
const { generateAccount } = require('@employee-lifecycle/sandbox/generate-account');
const { OFFBOARDING_PARAM: PARAM } = require('./sdf-ids');

const MR = 'customscript_el_offboarding_mr';
const NOW = 'customdeploy_el_offboarding_now';
const SIZES = [1000, 10000, 50000];
const LEAVER_SHARE = 0.02;
const FLOOR_PER_EMPLOYEE = 5 + 10; // record.load + save of an employee

/**
 * @param {typeof import('@employee-lifecycle/sandbox').bootAccount} bootAccount @param {string} dataDir
 * @returns {Promise<Array<Record<string, string | number>>>}
 */
async function offboardingScale(bootAccount, dataDir) {
  const rows = [];
  for (const employees of SIZES) {
    const offboard = Math.round(employees * LEAVER_SHARE);
    const { account: data } = generateAccount({
      employees, seed: 5, offboard, rigged: 0, protected: 0, tokenOwners: 0, deadTokenOwners: 0, dueToday: 0, alreadyOffboarded: 0, future: 0,
    });
    const account = await bootAccount({ dataDir: path.join(dataDir, `offboarding-${employees}`), account: data, port: false });
    try {
      account.clock.set('2026-11-02T20:00:00Z');
      const started = process.hrtime.bigint();
      const s = await account.mapReduce.run(MR, NOW, { [PARAM.dryRun]: false, [PARAM.maxChanges]: employees });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (s.status !== 'COMPLETE') throw new Error(`bench: the offboarding run on ${employees} employees ended ${s.status}`);
      const done = s.output.map((o) => JSON.parse(o.value)).filter((o) => o.status === 'offboarded').length;
      if (done !== offboard) throw new Error(`bench: expected ${offboard} offboarded of ${employees}, got ${done}`);
      const units = s.stages.input.usage + s.stages.map.usage + s.stages.summarize.usage;
      rows.push({
        measure: `Offboarding run, ${employees.toLocaleString('en-US')} employees, ${done} leavers`, employees: done, units,
        floor: done * FLOOR_PER_EMPLOYEE, 'of limit': `input ${s.stages.input.usage}, map ${(s.stages.map.usage / done).toFixed(1)}/employee`,
        'wall ms': Math.round(ms), 'ms per leaver': (ms / done).toFixed(1),
      });
      await account.tasks.idle();
    } finally {
      await account.close();
    }
  }
  return rows;
}

module.exports = { offboardingScale };
