// @ts-check
'use strict';
/**
 * Delivery throughput to a loopback https receiver: the dispatcher (one on-demand run sending the queued
 * events, timed from its submit to its end) against a plain Node https client sending the same signed requests to the same receiver, in
 * the same process, round after round. The plain client is given what N/https does in the sandbox: a new
 * TLS connection per request (no keep-alive) and the dispatcher's concurrency (the deployment's limit, 2).
 */
const https = require('node:https');
const path = require('node:path');
const tls = require('node:tls');
const { Webhook } = require('standardwebhooks');
const { RECEIVER_CERT } = require('@employee-lifecycle/sandbox/receiver');
const { webhookWorld, msSince, DELIVERY_TYPE } = require('./webhook-world');
const { DELIVERY } = require('./sdf-ids');

const CONCURRENCY = 2;

/** @param {string} dataDir @param {{ events?: number, rounds?: number }} [o] @returns {Promise<Array<Record<string, string | number>>>} */
async function deliveryThroughput(dataDir, { events = 200, rounds = 3 } = {}) {
  const w = await webhookWorld({ dataDir: path.join(dataDir, 'throughput') });
  const total = { dispatcher: { n: 0, ms: 0 }, plain: { n: 0, ms: 0 } };
  try {
    await w.endpoint();
    const wh = new Webhook(w.secret);
    const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, RECEIVER_CERT] });
    /** @type {number[]} */
    const employees = [];
    let seen = 0;
    for (let round = 0; round < rounds; round++) {
      await w.pause();
      for (let i = 0; i < events; i++) {
        if (round === 0) employees.push(await w.account.records.create('employee', { firstname: 'Bench', lastname: `Throughput ${i}`, title: 'r0' }));
        else await w.account.records.update('employee', employees[i], { title: `r${round}` });
      }
      const { summary, ms } = await w.dispatchNow();
      total.dispatcher.ms += ms;
      const rows = w.account.query(`SELECT id, ${DELIVERY.eventId} AS eventid, ${DELIVERY.payload} AS payload, ${DELIVERY.status} AS status
        FROM ${DELIVERY_TYPE} WHERE id > ? ORDER BY id`, [seen]);
      if (summary.status !== 'COMPLETE' || rows.length !== events || rows.some((r) => r.status !== 'delivered')) throw new Error('bench: the dispatcher did not deliver every event');
      seen = rows[rows.length - 1].id;
      total.dispatcher.n += events;

      const requests = rows.map((r) => {
        const at = new Date(w.account.clock.nowMs());
        return { body: r.payload, headers: {
          'webhook-id': r.eventid, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': wh.sign(r.eventid, at, r.payload),
          'Content-Type': 'application/cloudevents+json', 'User-Agent': 'bench-plain-node-client',
        } };
      });
      const plainStart = process.hrtime.bigint();
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const code = await post(w.receiver.url, requests[next++], secureContext);
          if (code !== 204) throw new Error(`bench: the receiver answered the plain client ${code}`);
        }
      }));
      total.plain.ms += msSince(plainStart);
      total.plain.n += events;
    }
  } finally {
    await w.close();
  }
  const perSecond = (/** @type {{ n: number, ms: number }} */ t) => (t.n / t.ms) * 1000;
  return [{
    measure: `Delivery throughput, dispatcher ÷ plain Node https client (loopback receiver, ${CONCURRENCY} at a time)`,
    deliveries: total.dispatcher.n,
    ratio: `${(perSecond(total.dispatcher) / perSecond(total.plain)).toFixed(2)}×`,
    'raw numbers': `dispatcher ${perSecond(total.dispatcher).toFixed(0)}/s (${total.dispatcher.n} in ${(total.dispatcher.ms / 1000).toFixed(2)} s), `
      + `plain ${perSecond(total.plain).toFixed(0)}/s (${total.plain.n} in ${(total.plain.ms / 1000).toFixed(2)} s), ${rounds} rounds interleaved`,
  }];
}

/**
 * One POST on a new connection, as N/https makes it. @param {string} url
 * @param {{ body: string, headers: Record<string, string> }} r @param {import('node:tls').SecureContext} secureContext @returns {Promise<number>}
 */
function post(url, r, secureContext) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', headers: r.headers, agent: false, secureContext }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode || 0));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

module.exports = { deliveryThroughput };
