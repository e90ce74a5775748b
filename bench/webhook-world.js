// @ts-check
'use strict';
/**
 * What the webhook benchmarks and the soak share: the demo account (without its demo endpoint) with a
 * fresh signing secret, booted in this process, and https receivers on loopback that verify every request
 * with `standardwebhooks` (sandbox/src/receiver.js). The crash test's child processes boot the same account data.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { bootAccount, DEMO_ACCOUNT } = require('@employee-lifecycle/sandbox');
const { startReceiver, RECEIVER_CERT } = require('@employee-lifecycle/sandbox/receiver');
const { ENDPOINT, DELIVERY, DISPATCH } = require('./sdf-ids');

const ENDPOINT_TYPE = ENDPOINT.type;
const DELIVERY_TYPE = DELIVERY.type;
const DISPATCHER = DISPATCH.script;
const ON_DEMAND = DISPATCH.onDemand;
// The scheduled deployment is in Objects/ only (the bundle's code never names it).
const SCHEDULED = 'customdeploy_el_webhook_dispatch_mr';
const SECRET_ID = 'custsecret_el_webhook_test';

/**
 * An account (the demo account unless `base` is given) with `keyBase64` as API secret
 * custsecret_el_webhook_test and no endpoint records: what the benchmarks, the soak and the webhook tests boot.
 * @param {string} keyBase64 @param {Record<string, any>} [base] an account file's data
 * @returns {Record<string, any>}
 */
function accountData(keyBase64, base = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'))) {
  const data = base;
  data.secrets = { ...(data.secrets || {}), [SECRET_ID]: keyBase64 };
  delete data.records;
  return data;
}

/**
 * @param {{ dataDir: string, boot?: Partial<import('@employee-lifecycle/sandbox/account').BootOptions>,
 *   reply?: import('@employee-lifecycle/sandbox/receiver').ReceiverOptions['reply'], keyBase64?: string, receiverPort?: number }} o
 *   boot: more boot options (overlays, port …); reply: how the receiver answers (default 204);
 *   keyBase64, receiverPort: the signing key and the receiver's port (pass the first boot's to boot again on the same data)
 */
async function webhookWorld(o) {
  const keyBase64 = o.keyBase64 ?? crypto.randomBytes(24).toString('base64');
  const secret = `whsec_${keyBase64}`;
  /** @param {string[]} overlays */
  const boot = (overlays) => bootAccount({
    dataDir: o.dataDir, account: accountData(keyBase64), port: false, trustedCertificates: [RECEIVER_CERT], ...o.boot,
    overlays: [...(o.boot?.overlays ?? []), ...overlays],
  });
  const account = await boot([]);
  const receiver = await startReceiver({ secret, reply: o.reply, port: o.receiverPort, now: () => world.account.clock.nowMs() });
  const world = {
    account, receiver, secret,
    /** An active endpoint subscribed to every event type, pointing at the receiver. @param {string} [name] */
    endpoint: (name = 'Bench receiver') => world.account.records.create(ENDPOINT_TYPE, {
      name, [ENDPOINT.url]: receiver.url, [ENDPOINT.secret]: SECRET_ID, [ENDPOINT.eventTypes]: 'employee.*',
    }),
    /**
     * Boot the account again with the dispatcher undeployed: saves queue their outbox records and start
     * no run, so a later dispatchNow() sends a whole batch in one run (what a busy account sees).
     */
    async pause() {
      await world.account.tasks.idle();
      await world.account.close();
      world.account = await boot([undeployOverlay(path.join(o.dataDir, 'overlay-paused'), DISPATCHER, [ON_DEMAND, SCHEDULED])]);
    },
    /**
     * Boot again with the dispatcher deployed, and run it once; ms times the run alone.
     * @returns {Promise<{ taskId: string, summary: any, ms: number }>}
     */
    async dispatchNow() {
      await world.account.tasks.idle();
      await world.account.close();
      world.account = await boot([]);
      const start = process.hrtime.bigint();
      const taskId = await world.account.mapReduce.submit(DISPATCHER, ON_DEMAND);
      const summary = await world.account.mapReduce.wait(taskId);
      return { taskId, summary, ms: msSince(start) };
    },
    /**
     * What the schedule does: move the clock to the scheduled deployment's next 15-minute occurrence and
     * tick; that run starts the on-demand one, which sends. Waits until both are done.
     */
    async scheduledDispatch() {
      await world.account.tasks.idle();
      world.account.clock.advance('15m');
      const started = await world.account.scheduler.tick();
      if (!started.some((id) => world.account.tasks.get(id)?.script === DISPATCHER)) throw new Error('bench: the scheduled dispatcher did not start');
      await world.account.tasks.idle();
    },
    /** Delivery records by status. @returns {Record<string, number>} */
    statusCounts: () => Object.fromEntries(world.account.query(`SELECT ${DELIVERY.status} AS status, COUNT(*) AS n FROM ${DELIVERY_TYPE}
      GROUP BY ${DELIVERY.status}`).map((r) => [r.status, r.n])),
    async close() {
      await world.account.tasks.idle();
      await world.account.close();
      await receiver.close();
    },
  };
  return world;
}

/**
 * An SDF overlay (see loadProject) that undeploys some deployments of one of the project's scripts: the
 * same object with <isdeployed>F</isdeployed> on those deployments.
 * @param {string} dir where to write it @param {string} scriptId @param {string[]} deploymentIds @returns {string} the overlay folder
 */
function undeployOverlay(dir, scriptId, deploymentIds) {
  let xml = fs.readFileSync(path.join(__dirname, '..', 'Objects', `${scriptId}.xml`), 'utf8');
  for (const id of deploymentIds) {
    const re = new RegExp(`(<scriptdeployment scriptid="${id}">[\\s\\S]*?<isdeployed>)T(</isdeployed>)`);
    if (!re.test(xml)) throw new Error(`bench: ${scriptId}.xml has no deployed ${id}`);
    xml = xml.replace(re, '$1F$2');
  }
  fs.mkdirSync(path.join(dir, 'Objects'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Objects', `${scriptId}.xml`), xml);
  return dir;
}

/** Milliseconds since `start` (a process.hrtime.bigint()). @param {bigint} start */
const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

module.exports = { webhookWorld, accountData, undeployOverlay, msSince, median, ENDPOINT_TYPE, DELIVERY_TYPE, DISPATCHER, ON_DEMAND, SECRET_ID };
