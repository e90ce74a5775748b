// @ts-check
'use strict';
/**
 * The dispatcher's governance per delivered event, all stages of one run counted (getInputData, map,
 * reduce, summarize), beside its floor: the https request (10) and the one write of the outcome onto the
 * delivery record (submitFields of a custom record, 2). Events are queued with the on-demand deployment
 * undeployed, then one scheduled run sends them all.
 */
const path = require('node:path');
const { webhookWorld, undeployOverlay, DISPATCHER, ON_DEMAND } = require('./webhook-world');

const FLOOR = { https: 10, outcomeWrite: 2 };
const REDUCE_LIMIT = 5000;

/** @param {string} dataDir @returns {Promise<Array<Record<string, string | number>>>} */
async function dispatchGovernance(dataDir) {
  const overlay = undeployOverlay(path.join(dataDir, 'overlay-no-on-demand'), DISPATCHER, [ON_DEMAND]);
  const rows = [];
  for (const [employees, perEmployee] of [[50, 1], [10, 5]]) {
    const w = await webhookWorld({ dataDir: path.join(dataDir, `dispatch-${employees}x${perEmployee}`), boot: { overlays: [overlay] } });
    try {
      await w.endpoint();
      for (let i = 0; i < employees; i++) {
        const id = await w.account.records.create('employee', { firstname: 'Bench', lastname: `Dispatch ${i}`, title: 'v0' });
        for (let v = 1; v < perEmployee; v++) await w.account.records.update('employee', id, { title: `v${v}` });
      }
      const events = employees * perEmployee;
      const { taskId, summary } = await w.scheduledDispatch();
      const delivered = w.statusCounts().delivered || 0;
      if (summary.status !== 'COMPLETE' || delivered !== events) throw new Error(`bench: dispatcher ${summary.status}, ${delivered} of ${events} delivered`);
      const units = ['input', 'map', 'reduce', 'summarize'].reduce((sum, s) => sum + (summary.stages[s]?.usage || 0), 0);
      const largest = /** @type {{ u: number }} */ (w.account.db.prepare("SELECT MAX(units) AS u FROM sb_mr_key WHERE task = ? AND stage = 'reduce'").get(taskId)).u;
      rows.push({
        measure: `Dispatcher per delivered event, ${employees} employees × ${perEmployee} event${perEmployee > 1 ? 's' : ''}`,
        deliveries: events, units: Number((units / delivered).toFixed(1)), floor: FLOOR.https + FLOOR.outcomeWrite,
        'of limit': `${((largest / REDUCE_LIMIT) * 100).toFixed(1)} % of ${REDUCE_LIMIT} (largest reduce)`,
      });
    } finally {
      await w.close();
    }
  }
  return rows;
}

module.exports = { dispatchGovernance };
