// @ts-check
'use strict';
/**
 * The sandbox server's memory under REST traffic: a server in a process of its own (server-memory-child.js),
 * rounds of 500 PATCHes of employees over HTTP (bearer token, 4 clients at once), each firing the employee
 * webhooks user event and the dispatcher, which sends to a receiver in this process. After each round, once
 * no task runs, each thread of the server collects garbage and reports its heap; with the process's RSS.
 * Flat: the last round's heaps (summed) and RSS within 10% of the second round's (the first warms up).
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { startReceiver } = require('@employee-lifecycle/sandbox/receiver');
const { accountData } = require('./webhook-world');

const BEARER = 'demo-oauth2-access-token-ivan-0003';
const LANES = 4;
const FLAT = 1.1;
const MB = 2 ** 20;

/** @param {string} dataDir @param {{ rounds?: number, patches?: number }} [o] @returns {Promise<Array<Record<string, string | number>>>} */
async function serverMemory(dataDir, { rounds = 6, patches = 500 } = {}) {
  const dir = path.join(dataDir, 'server-memory');
  fs.mkdirSync(dir, { recursive: true });
  const keyBase64 = crypto.randomBytes(24).toString('base64');
  const accountFile = path.join(dir, 'account.json');
  fs.writeFileSync(accountFile, JSON.stringify(accountData(keyBase64)));
  const receiver = await startReceiver({ secret: `whsec_${keyBase64}` });
  const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'server-memory-child.js'), path.join(dir, 'data'), accountFile, receiver.url],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  /** @type {Array<(line: any) => void>} */
  const waiting = [];
  readline.createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).on('line', (l) => waiting.shift()?.(JSON.parse(l)));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  /** @type {Array<{ rss: number, heapUsed: number, workersHeap: number, workers: number }>} */
  const after = [];
  try {
    const { url } = /** @type {{ url: string }} */ (await next());
    const api = `${url}/services/rest/record/v1/employee`;
    const rest = async (/** @type {string} */ method, /** @type {string} */ at, /** @type {object} */ body) => {
      const res = await fetch(at, { method, headers: { Authorization: `Bearer ${BEARER}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 204) throw new Error(`bench: ${method} ${at} answered ${res.status}: ${await res.text()}`);
      return String(res.headers.get('location'));
    };
    const employees = await Promise.all(Array.from({ length: LANES }, (_, lane) => rest('POST', api, { firstName: 'Mem', lastName: `Lane ${lane}`, subsidiary: { id: '1' } })));
    for (let round = 0; round < rounds; round++) {
      let sent = 0;
      await Promise.all(employees.map(async (location) => {
        while (sent < patches) await rest('PATCH', location, { title: `memory ${round}.${sent++}` });
      }));
      child.stdin?.write('memory\n');
      after.push(/** @type {{ rss: number, heapUsed: number, workersHeap: number, workers: number }} */ (await next()));
    }
  } finally {
    child.stdin?.end();
    await new Promise((resolve) => child.once('exit', resolve));
    await receiver.close();
  }
  const mb = (/** @type {number} */ n) => (n / MB).toFixed(0);
  const heap = after.map((m) => m.heapUsed + m.workersHeap);
  const growth = (/** @type {number[]} */ xs) => xs[xs.length - 1] / xs[1];
  const rss = after.map((m) => m.rss);
  const flat = growth(heap) <= FLAT && growth(rss) <= FLAT;
  return [{
    measure: `Server memory after each round of ${patches} REST PATCHes (heaps after GC, RSS)`,
    deliveries: rounds * patches,
    measured: `${flat ? 'flat' : 'grows'}: last round ÷ second ${growth(heap).toFixed(2)}× heap, ${growth(rss).toFixed(2)}× RSS (flat: both ≤ ${FLAT}×)`,
    'raw numbers': `heap MB (main + ${after[after.length - 1].workers} workers) ${heap.map(mb).join(', ')}; RSS MB ${rss.map(mb).join(', ')}`,
  }];
}

module.exports = { serverMemory };
