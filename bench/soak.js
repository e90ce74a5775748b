#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run soak`: employee changes through the REST API (10,000 by default) with a receiver that fails a
 * fifth of requests at random (500, 503, 429 or a dropped connection). Then the account clock is moved
 * through the retry schedule, the scheduled dispatcher running at each step, until nothing is pending.
 * Every change must end as an event the receiver accepted or, past its schedule, a dead delivery that is
 * listed. Prints a summary; exits non-zero when an event is missing or a delivery is left in between.
 *
 *   npm run soak [-- --changes 10000 --fail-rate 0.2 --seed 1]
 *
 * Each change sets a unique title, so each one is one event (employee.created or employee.updated) that
 * can be looked for at the receiver. REST clients work in lanes, each lane on its own employees, so the
 * order of each employee's changes is known and the receiver's order can be checked.
 */
const { seededRandom: random } = require('@employee-lifecycle/sandbox/seeded-random');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { webhookWorld, msSince, DELIVERY_TYPE } = require('./webhook-world');
const { DELIVERY: D } = require('./sdf-ids');

const BEARER = 'demo-oauth2-access-token-ivan-0003';
const FAILURES = /** @type {const} */ ([500, 503, 429, 'reset']);
/** Longer than the whole retry schedule (32 h 35 min 5 s): the drain stops here whatever is left. */
const DRAIN_LIMIT_MS = 48 * 3600 * 1000;


/**
 * @param {{ changes?: number, failRate?: number, seed?: number, lanes?: number, dataDir?: string, progress?: (s: string) => void }} [o]
 *   lanes: REST clients at once (the account allows 10)
 */
async function runSoak(o = {}) {
  const changes = o.changes ?? 10000;
  const failRate = o.failRate ?? 0.2;
  const seed = o.seed ?? 1;
  const lanes = o.lanes ?? 4;
  const progress = o.progress ?? (() => undefined);
  const rnd = random(seed);
  const injected = { failed: 0, answered: 0 };
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const w = await webhookWorld({
    dataDir, boot: { port: 0 },
    reply: () => {
      if (rnd() >= failRate) return (injected.answered += 1, 204);
      injected.failed += 1;
      return FAILURES[Math.floor(rnd() * FAILURES.length)];
    },
  });
  const started = process.hrtime.bigint();
  try {
    await w.endpoint('Soak receiver');
    const api = `${w.account.url}/services/rest/record/v1/employee`;
    const rest = async (/** @type {string} */ method, /** @type {string} */ url, /** @type {object} */ body) => {
      const res = await fetch(url, { method, headers: { Authorization: `Bearer ${BEARER}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 204) throw new Error(`soak: ${method} ${url} answered ${res.status}: ${await res.text()}`);
      return res.headers.get('location');
    };

    // The changes: each lane creates its employees, then edits them round-robin until its share is done.
    /** @type {Map<string, string[]>} employee id → its titles in the order they were set */
    const applied = new Map();
    const employeesPerLane = Math.max(1, Math.ceil(changes / 10 / lanes));
    let done = 0;
    await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
      const share = Math.floor(changes / lanes) + (lane < changes % lanes ? 1 : 0);
      /** @type {string[]} */
      const mine = [];
      for (let k = 0; k < share; k++) {
        const title = `soak ${lane}.${k}`;
        if (mine.length < Math.min(employeesPerLane, share)) {
          const location = await rest('POST', api, { firstName: 'Sasha', lastName: `Soak ${lane}-${mine.length}`, title, subsidiary: { id: '1' } });
          const id = String(location).split('/').pop() || '';
          mine.push(id);
          applied.set(id, [title]);
        } else {
          const id = mine[k % mine.length];
          await rest('PATCH', `${api}/${id}`, { title });
          applied.get(id)?.push(title);
        }
        if (++done % 1000 === 0) progress(`${done} changes`);
      }
    }));
    const changesMs = msSince(started);
    progress(`${changes} changes in ${(changesMs / 1000).toFixed(1)} s; draining the retry schedule`);

    // The drain: the scheduled dispatcher at each next retry time, until nothing is pending.
    const drainStart = process.hrtime.bigint();
    const clockStart = w.account.clock.nowMs();
    let runs = 0;
    for (;;) {
      await w.account.tasks.idle();
      const next = /** @type {string | null} */ (w.account.query(`SELECT MIN(${D.nextAttempt}) AS due FROM ${DELIVERY_TYPE} WHERE ${D.status} = 'pending'`)[0].due);
      if (!next || w.account.clock.nowMs() - clockStart > DRAIN_LIMIT_MS) break;
      const wait = new Date(next).getTime() - w.account.clock.nowMs();
      if (wait > 0) w.account.clock.advance(wait);
      await w.scheduledDispatch(); // moves the clock to the next 15-minute occurrence and waits for the run
      runs += 1;
    }
    const drainMs = msSince(drainStart);

    // The reckoning: every change is an accepted event, or a dead delivery; nothing else.
    // SuiteQL answers at most 5,000 rows a query: read the delivery records in pages of ids.
    /** @type {Array<Record<string, any>>} */
    const deliveries = [];
    for (let page; (page = w.account.query(`SELECT id, ${D.eventId} AS eventid, ${D.eventType} AS type,
      ${D.employee} AS employee, ${D.status} AS status, ${D.attempts} AS attempts,
      ${D.lastCode} AS code, ${D.lastError} AS error, ${D.payload} AS payload FROM ${DELIVERY_TYPE}
      WHERE id > ? ORDER BY id`, [deliveries.length ? deliveries[deliveries.length - 1].id : 0])).length;) deliveries.push(...page);
    // The account's own scheduled scripts change employees too (the offboarding run deactivates leavers
    // when the clock passes its hour): their events are real, counted apart from the soak's.
    const ours = deliveries.filter((d) => applied.has(String(d.employee)));
    const events = w.receiver.events.filter((e) => applied.has(String(e.subject)));
    const titleOf = (/** @type {string} */ payload) => JSON.parse(payload).data.employee.title;
    const received = new Map(events.map((e) => [String(e.data.employee.title), e]));
    // Events the receiver took that no change made, or a second event (another id) for the same change.
    const appliedTitles = new Set([...applied.values()].flat());
    const extraEvents = events.length - [...received.keys()].filter((t) => appliedTitles.has(t)).length;
    const dead = ours.filter((d) => d.status === 'dead');
    const deadTitles = new Set(dead.map((d) => titleOf(d.payload)));
    const missing = [];
    for (const [employee, titles] of applied) for (const t of titles) if (!received.has(t) && !deadTitles.has(t)) missing.push({ employee, title: t });
    const stuck = deliveries.filter((d) => d.status !== 'delivered' && d.status !== 'dead').map(({ payload: _p, ...d }) => d);
    const deliveredNotReceived = ours.filter((d) => d.status === 'delivered' && !received.has(titleOf(d.payload))).map((d) => d.eventid);
    /** An employee's events must arrive in the order of its changes (dead ones are skipped over). */
    let outOfOrder = 0;
    /** @type {Array<{ employee: string, expected: string[], arrived: string[], deliveries: Array<Record<string, any>> }>} */
    const outOfOrderDetail = [];
    const arrived = new Map();
    for (const e of events) arrived.set(e.subject, [...(arrived.get(e.subject) || []), String(e.data.employee.title)]);
    for (const [employee, titles] of applied) {
      const expected = titles.filter((t) => received.has(t));
      if (JSON.stringify(arrived.get(employee) || []) === JSON.stringify(expected)) continue;
      outOfOrder += 1;
      if (outOfOrderDetail.length < 3) {
        outOfOrderDetail.push({ employee, expected, arrived: arrived.get(employee) || [],
          deliveries: ours.filter((d) => String(d.employee) === employee).map((d) => ({ id: d.id, title: titleOf(d.payload), status: d.status, attempts: d.attempts })) });
      }
    }
    // Events the receiver took (2xx) more than once: sent again although an earlier request succeeded.
    const resent = injected.answered - w.receiver.events.length;
    return {
      changes, failRate, seed, lanes,
      events: [...applied.values()].reduce((n, t) => n + t.length, 0),
      deliveryRecords: ours.length,
      delivered: ours.filter((d) => d.status === 'delivered').length,
      receivedEvents: events.length,
      otherEvents: { deliveryRecords: deliveries.length - ours.length, received: w.receiver.events.length - events.length },
      dead: dead.map((d) => ({ delivery: d.id, event: d.eventid, type: d.type, employee: d.employee, attempts: d.attempts, lastCode: d.code, lastError: d.error })),
      missing, stuck, deliveredNotReceived, extraEvents, outOfOrderEmployees: outOfOrder, outOfOrderDetail,
      receiver: { requests: w.receiver.stats.requests, failedOnPurpose: injected.failed, rejected: w.receiver.stats.rejected, acceptedAgain: resent },
      dispatcherRunsInDrain: runs,
      accountClockMovedHours: Number(((w.account.clock.nowMs() - clockStart) / 3600000).toFixed(1)),
      seconds: { changes: Number((changesMs / 1000).toFixed(1)), drain: Number((drainMs / 1000).toFixed(1)), total: Number((msSince(started) / 1000).toFixed(1)) },
    };
  } finally {
    await w.close();
    if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** @param {Awaited<ReturnType<typeof runSoak>>} s */
const soakFailed = (s) => s.missing.length > 0 || s.stuck.length > 0 || s.deliveredNotReceived.length > 0 || s.outOfOrderEmployees > 0
  || s.extraEvents > 0 || s.events !== s.changes || s.deliveryRecords !== s.events;

if (require.main === module) {
  const arg = (/** @type {string} */ name, /** @type {number} */ dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  runSoak({ changes: arg('changes', 10000), failRate: arg('fail-rate', 0.2), seed: arg('seed', 1), lanes: arg('lanes', 4), progress: (s) => console.log(`soak: ${s}`) })
    .then((s) => {
      console.log(JSON.stringify({ ...s, machine: `${os.cpus().length} × ${os.cpus()[0].model.trim()}, Node ${process.version}` }, null, 2));
      if (soakFailed(s)) {
        console.error('soak: FAILED (events missing or extra, deliveries left in between, or out of order)');
        process.exitCode = 1;
      } else console.log(`soak: OK, every event delivered or dead and listed (${s.dead.length} dead)`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

module.exports = { runSoak, soakFailed };
