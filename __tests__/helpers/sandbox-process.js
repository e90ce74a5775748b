// @ts-check
'use strict';
/**
 * A sandbox account in a process of its own, for tests that kill it for real (SIGKILL) and boot another
 * on the same data: `node sandbox-process.js <dataDir> <account.json> [faults JSON]`. It prints one JSON line
 * `{ "ready": true, "url": … }` once it serves, then answers JSON-line commands on stdin
 * (`{ "id": 1, "cmd": "tasks.idle", "args": [] }` → `{ "id": 1, "result": … }` or `{ "id": 1, "error": "…" }`).
 * The account file is read only when the data directory is new; a second boot resumes what the first left.
 */
const fs = require('node:fs');
const readline = require('node:readline');
const { bootAccount } = require('@employee-lifecycle/sandbox');
const { RECEIVER_CERT } = require('@employee-lifecycle/sandbox/receiver');

async function main() {
  const [dataDir, accountFile, faults] = process.argv.slice(2);
  const account = await bootAccount({
    dataDir, account: JSON.parse(fs.readFileSync(accountFile, 'utf8')), port: 0, trustedCertificates: [RECEIVER_CERT],
    httpsTimeoutMs: 10000, httpsConnectTimeoutMs: 2000, faults: faults ? JSON.parse(faults) : undefined,
  });
  /** @type {Record<string, (...args: any[]) => unknown>} */
  const commands = {
    /** @returns the clock's offset from real time (ms), for a receiver that verifies timestamps on the account clock */
    'clock.advance': (by) => {
      account.clock.advance(by);
      return account.clock.nowMs() - Date.now();
    },
    'clock.set': (iso) => account.clock.set(iso),
    'scheduler.tick': () => account.scheduler.tick(),
    'tasks.idle': () => account.tasks.idle(),
    'tasks.list': () => account.tasks.list(),
    'records.create': (type, values) => account.records.create(type, values),
    'mapReduce.run': async (script, deployment, params) => account.mapReduce.wait(await account.mapReduce.submit(script, deployment, params)),
    /** submitted, not waited for: a test that kills the process mid-run */
    'mapReduce.submit': (script, deployment, params) => account.mapReduce.submit(script, deployment, params),
    mailbox: () => account.mailbox(),
    query: (sql, params) => account.query(sql, params),
  };
  const reply = (/** @type {object} */ o) => process.stdout.write(`${JSON.stringify(o)}\n`);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const { id, cmd, args } = JSON.parse(line);
    const run = commands[cmd];
    Promise.resolve()
      .then(() => (run ? run(...(args || [])) : Promise.reject(new Error(`unknown command ${cmd}`))))
      .then((result) => reply({ id, result: result ?? null }), (e) => reply({ id, error: String(e && e.message || e) }));
  });
  process.stdin.on('end', () => {
    account.close().then(() => process.exit(0), () => process.exit(1));
  });
  reply({ ready: true, url: account.url });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
