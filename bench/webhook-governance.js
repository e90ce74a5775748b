// @ts-check
'use strict';
/**
 * The employee webhook user event's governance per save, with 1, 5, 20 and 50 endpoints, beside its floor:
 * record.create + save of one outbox record (2 + 4) and one task submit (20), whatever the endpoints: the
 * dispatcher decides which endpoints get which event.
 */
const path = require('node:path');
const YAML = require('yaml');
const fs = require('node:fs');
const { ENDPOINT } = require('./sdf-ids');
const { DEMO_ACCOUNT } = require('@employee-lifecycle/sandbox');

const UE = 'customscript_el_employee_webhooks_ue';
const LIMIT = 1000;
const FLOOR = { outbox: 6, submit: 20 };

/**
 * @param {typeof import('@employee-lifecycle/sandbox').bootAccount} bootAccount @param {string} dataDir
 * @returns {Promise<Array<Record<string, string | number>>>}
 */
async function webhookGovernance(bootAccount, dataDir) {
  const demo = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  delete demo.records;
  const rows = [];
  for (const endpoints of [1, 5, 20, 50]) {
    const account = await bootAccount({ dataDir: path.join(dataDir, `ue-${endpoints}`), account: demo, port: false });
    try {
      for (let i = 0; i < endpoints; i++) {
        await account.records.create(ENDPOINT.type, {
          name: `Bench ${i}`, [ENDPOINT.url]: `https://receiver-${i}.example.invalid/hook`,
          [ENDPOINT.secret]: 'custsecret_el_webhook_demo', [ENDPOINT.eventTypes]: 'employee.*',
        });
      }
      for (const [what, values, types] of /** @type {const} */ ([
        ['edit: title (1 event)', { title: `Bench ${endpoints}` }, 1],
        ['edit: offboard (3 events)', { isinactive: true, giveaccess: false }, 3],
      ])) {
        const before = account.invocations({ script: UE }).length;
        await account.records.update('employee', 3, values);
        const inv = account.invocations({ script: UE }).slice(before).find((i) => i.entry === 'afterSubmit');
        if (!inv || inv.error) throw new Error(`bench: the user event failed: ${inv && inv.error}`);
        const deliveries = endpoints * types;
        const floor = FLOOR.outbox + FLOOR.submit;
        rows.push({
          measure: `Employee UE per save, ${endpoints} endpoint${endpoints > 1 ? 's' : ''}, ${what}`,
          deliveries, units: inv.units, floor, 'of limit': `${((inv.units / LIMIT) * 100).toFixed(1)} % of ${LIMIT}`,
        });
        await account.tasks.idle();
      }
    } finally {
      await account.close();
    }
  }
  return rows;
}

module.exports = { webhookGovernance };
