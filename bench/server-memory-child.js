// @ts-check
'use strict';
/**
 * The server that bench/server-memory.js measures, in a process of its own (so its memory is the server's
 * only): `node --expose-gc server-memory-child.js <dataDir> <account.json> <receiverUrl>`. It boots the
 * account with an endpoint for the receiver, prints `{ "ready": true, "url": … }`, then answers one
 * command a line on stdin: `memory` waits until no task runs, collects garbage, and prints the memory.
 */
const fs = require('node:fs');
const readline = require('node:readline');
const { bootAccount } = require('@employee-lifecycle/sandbox');
const { RECEIVER_CERT } = require('@employee-lifecycle/sandbox/receiver');
const { ENDPOINT } = require('./sdf-ids');
const { SECRET_ID } = require('./webhook-world');

async function main() {
  const [dataDir, accountFile, receiverUrl] = process.argv.slice(2);
  const account = await bootAccount({ dataDir, account: JSON.parse(fs.readFileSync(accountFile, 'utf8')), port: 0, trustedCertificates: [RECEIVER_CERT] });
  await account.records.create(ENDPOINT.type, {
    name: 'Memory bench receiver', [ENDPOINT.url]: receiverUrl, [ENDPOINT.secret]: SECRET_ID, [ENDPOINT.eventTypes]: 'employee.*',
  });
  const reply = (/** @type {object} */ o) => process.stdout.write(`${JSON.stringify(o)}\n`);
  const gc = /** @type {() => void} */ (globalThis.gc);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'memory') return reply({ error: `unknown command ${line}` });
    void account.tasks.idle().then(async () => {
      const workers = [...await account.pool.runOnEach('memory', null), ...await account.processors.runOnEach('memory', null)];
      gc();
      const m = process.memoryUsage();
      reply({ rss: m.rss, heapUsed: m.heapUsed, workersHeap: workers.reduce((a, b) => a + Number(b), 0), workers: workers.length });
    });
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
