// @ts-check
'use strict';
/**
 * Delivery latency under a burst: employees saved as fast as 4 clients can (REST-like record writes in
 * parallel), with one endpoint and the on-demand dispatcher only (the schedule never ticks). Latency is
 * the account clock from the save (the event's `time`, set in the user event) to the receiver's 2xx.
 * While a dispatcher run is busy, new saves cannot start one; the run's summarize starts the next, so
 * every event arrives without waiting for the 15-minute schedule.
 */
const path = require('node:path');
const { webhookWorld, DISPATCHER } = require('./webhook-world');

const LANES = 4;
const TIMEOUT_MS = 120000;

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** @param {string} dataDir @param {{ saves?: number }} [o] @returns {Promise<Array<Record<string, string | number>>>} */
async function deliveryLatency(dataDir, { saves = 200 } = {}) {
  const w = await webhookWorld({ dataDir: path.join(dataDir, 'latency') });
  /** @type {Map<string, number>} event id → account-clock ms when the receiver took it */
  const received = new Map();
  const seenBefore = w.receiver.events.length;
  try {
    await w.endpoint();
    const ids = [];
    for (let i = 0; i < LANES; i++) ids.push(await w.account.records.create('employee', { firstname: 'Burst', lastname: `Lane ${i}`, title: 'v0' }));
    await w.account.tasks.idle();
    const watch = setInterval(() => {
      for (const e of w.receiver.events.slice(seenBefore)) if (!received.has(e.id)) received.set(e.id, w.account.clock.nowMs());
    }, 1);
    const started = Date.now();
    let next = 0;
    await Promise.all(ids.map(async (id) => {
      while (next < saves) {
        const n = next++;
        await w.account.records.update('employee', id, { title: `burst ${n}` }, { context: 'RESTWEBSERVICES' });
      }
    }));
    const burstMs = Date.now() - started;
    const want = LANES + saves;
    while (w.receiver.events.length - seenBefore < want && Date.now() - started < TIMEOUT_MS) await new Promise((r) => setTimeout(r, 5));
    clearInterval(watch);
    for (const e of w.receiver.events.slice(seenBefore)) if (!received.has(e.id)) received.set(e.id, w.account.clock.nowMs());
    const burst = w.receiver.events.slice(seenBefore).filter((e) => String(e.data?.employee?.title).startsWith('burst '));
    if (burst.length !== saves) throw new Error(`bench: ${burst.length} of ${saves} burst events arrived within ${TIMEOUT_MS} ms, with no schedule`);
    const latencies = burst.map((e) => /** @type {number} */ (received.get(e.id)) - Date.parse(String(e.time))).sort((a, b) => a - b);
    const runs = w.account.db.prepare('SELECT COUNT(*) AS n FROM sb_task WHERE script = ?').get(DISPATCHER);
    return [{
      measure: `Delivery latency, save to receiver, burst of ${saves} saves from ${LANES} clients (no schedule)`,
      deliveries: saves,
      ratio: `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
      'raw numbers': `max ${latencies[latencies.length - 1]} ms; burst took ${burstMs} ms; ${/** @type {{ n: number }} */ (runs).n} dispatcher runs, each started by a save or by the run before it`,
    }];
  } finally {
    await w.close();
  }
}

module.exports = { deliveryLatency };
