// @ts-check
'use strict';
/**
 * The dispatcher's governance per delivered event, all stages of one run counted (getInputData, map,
 * reduce, summarize), beside its floor: writing the delivery record (record.create + save, 2 + 4), the
 * https request (10) and the one write of the outcome onto it (submitFields of a custom record, 2). Each
 * save's outbox record adds its expansion (load 2, the endpoint read 10, the targets write 2) and its
 * delete in a later run, shared by its events. Events are queued with the dispatcher undeployed, then one
 * on-demand run sends them all.
 */
const path = require('node:path');
const { webhookWorld } = require('./webhook-world');

const FLOOR = { deliveryWrite: 6, https: 10, outcomeWrite: 2 };
const REDUCE_LIMIT = 5000;

/** @param {string} dataDir @returns {Promise<Array<Record<string, string | number>>>} */
async function dispatchGovernance(dataDir) {
  const rows = [];
  for (const [employees, perEmployee] of [[50, 1], [10, 5]]) {
    const w = await webhookWorld({ dataDir: path.join(dataDir, `dispatch-${employees}x${perEmployee}`) });
    try {
      await w.endpoint();
      await w.pause();
      for (let i = 0; i < employees; i++) {
        const id = await w.account.records.create('employee', { firstname: 'Bench', lastname: `Dispatch ${i}`, title: 'v0' });
        for (let v = 1; v < perEmployee; v++) await w.account.records.update('employee', id, { title: `v${v}` });
      }
      const events = employees * perEmployee;
      const { taskId, summary } = await w.dispatchNow();
      const delivered = w.statusCounts().delivered || 0;
      if (summary.status !== 'COMPLETE' || delivered !== events) throw new Error(`bench: dispatcher ${summary.status}, ${delivered} of ${events} delivered`);
      const units = ['input', 'map', 'reduce', 'summarize'].reduce((sum, s) => sum + (summary.stages[s]?.usage || 0), 0);
      const largest = /** @type {{ u: number }} */ (w.account.db.prepare("SELECT MAX(units) AS u FROM sb_mr_key WHERE task = ? AND stage = 'reduce'").get(taskId)).u;
      rows.push({
        measure: `Dispatcher per delivered event, ${employees} employees × ${perEmployee} event${perEmployee > 1 ? 's' : ''}`,
        deliveries: events, units: Number((units / delivered).toFixed(1)), floor: FLOOR.deliveryWrite + FLOOR.https + FLOOR.outcomeWrite,
        'of limit': `${((largest / REDUCE_LIMIT) * 100).toFixed(1)} % of ${REDUCE_LIMIT} (largest reduce)`,
      });
    } finally {
      await w.close();
    }
  }
  return rows;
}

module.exports = { dispatchGovernance };
