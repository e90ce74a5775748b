#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench`: governance and speed measured in the sandbox, printed as one table and written to
 * bench/results/latest.json. Units are counted by the sandbox's meter at the facts sheet's unit costs;
 * each row shows the floor (the writes and requests the operation cannot avoid) beside what it spent.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bootAccount } = require('@employee-lifecycle/sandbox');
const { webhookGovernance } = require('./webhook-governance');
const { dispatchGovernance } = require('./dispatch-governance');
const { saveOverhead } = require('./save-overhead');
const { deliveryThroughput } = require('./delivery-throughput');

async function main() {
  const rows = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    rows.push(...(await webhookGovernance(bootAccount, dataDir)));
    rows.push(...(await require('./offboarding-governance').offboardingGovernance(bootAccount, dataDir)));
    rows.push(...(await require('./offboarding-scale').offboardingScale(bootAccount, dataDir)));
    rows.push(...(await dispatchGovernance(dataDir)));
    rows.push(...(await require('./selfcheck-governance').selfcheckGovernance(bootAccount, dataDir)));
    rows.push(...(await saveOverhead(dataDir)));
    rows.push(...(await deliveryThroughput(dataDir)));
    rows.push(...(await require('./delivery-latency').deliveryLatency(dataDir)));
    rows.push(...(await require('./sweep-governance').sweepGovernance(bootAccount, dataDir)));
    rows.push(...(await require('./server-memory').serverMemory(dataDir)));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  rows.splice(0, rows.length, ...rows.map(normalize));
  const machine = `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const result = { date: new Date().toISOString(), machine, rows };
  const out = path.join(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Benchmarks (${machine})\n`);
  console.log(table(rows));
  console.log(`\nWritten to ${path.relative(process.cwd(), path.join(out, 'latest.json'))}`);
}

/**
 * One shape for every row: n (deliveries or employees), units and floor for governance, measured for a
 * time, a ratio or a verdict (memory), notes for the rest (share of the limit, raw numbers).
 * @param {Record<string, string | number>} r
 */
function normalize(r) {
  const measured = r.measured !== undefined ? String(r.measured) : r.ratio !== undefined ? String(r.ratio)
    : r['wall ms'] !== undefined ? `${r['wall ms']} ms (${r['ms per leaver']} ms per leaver)` : '';
  return {
    measure: r.measure, n: r.deliveries ?? r.employees ?? '', units: r.units ?? '', floor: r.floor ?? '', measured,
    notes: [r['of limit'], r['raw numbers']].filter((x) => x !== undefined && x !== '').join('; '),
  };
}

/**
 * Governance rows and ratio rows carry different columns: the table has every column, blank where a row has none.
 * @param {Array<Record<string, string | number>>} rows
 */
function table(rows) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  rows = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? ''])));
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  return [line(cols), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(cols.map((c) => String(r[c]))))].join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
