// @ts-check
'use strict';
/**
 * Time the employee webhooks user event adds to a save: the same edit (an employee's title, one endpoint
 * subscribed) in two accounts booted in this process, one with the user event deployed and one with it
 * undeployed (an SDF overlay), saves interleaved one for one. Each save is timed alone: the dispatcher run
 * it submits finishes (untimed) before the next save, so background sending does not slow the other side.
 */
const path = require('node:path');
const { webhookWorld, undeployOverlay, msSince, median, DELIVERY_TYPE } = require('./webhook-world');

const UE = 'customscript_el_employee_webhooks_ue';
const UE_DEPLOYMENT = 'customdeploy_el_employee_webhooks_ue';

/** @param {string} dataDir @param {{ saves?: number, warmup?: number }} [o] @returns {Promise<Array<Record<string, string | number>>>} */
async function saveOverhead(dataDir, { saves = 100, warmup = 10 } = {}) {
  const overlay = undeployOverlay(path.join(dataDir, 'overlay-no-ue'), UE, [UE_DEPLOYMENT]);
  const deployed = await webhookWorld({ dataDir: path.join(dataDir, 'save-with-ue') });
  const undeployed = await webhookWorld({ dataDir: path.join(dataDir, 'save-without-ue'), boot: { overlays: [overlay] } });
  /** @type {Map<typeof deployed, number[]>} */
  const times = new Map([[deployed, []], [undeployed, []]]);
  try {
    await deployed.endpoint();
    await undeployed.endpoint();
    for (let i = 0; i < warmup + saves; i++) {
      for (const w of i % 2 ? [deployed, undeployed] : [undeployed, deployed]) {
        const start = process.hrtime.bigint();
        await w.account.records.update('employee', 3, { title: `Bench save ${i}` });
        const ms = msSince(start);
        await w.account.tasks.idle();
        if (i >= warmup) times.get(w)?.push(ms);
      }
    }
    const queued = (/** @type {typeof deployed} */ w) => Number(w.account.query(`SELECT COUNT(*) AS n FROM ${DELIVERY_TYPE}`)[0].n);
    if (queued(deployed) !== warmup + saves || queued(undeployed) !== 0) throw new Error('bench: the user event did not run (only) where it is deployed');
  } finally {
    await deployed.close();
    await undeployed.close();
  }
  const withUe = median(times.get(deployed) || []);
  const without = median(times.get(undeployed) || []);
  return [{
    measure: 'Employee save time, UE deployed ÷ undeployed (edit: title, 1 endpoint)',
    deliveries: 1,
    ratio: `${(withUe / without).toFixed(2)}×`,
    'raw numbers': `median ${withUe.toFixed(1)} ms vs ${without.toFixed(1)} ms (+${(withUe - without).toFixed(1)} ms), ${saves} saves each, interleaved`,
  }];
}

module.exports = { saveOverhead };
