/**
 * `npm start`'s process under SIGTERM while a query that never ends is running: it stops within 5 seconds
 * (issue 13), and its SuiteQL process goes with it. Under SIGKILL, which it cannot see, its SuiteQL
 * process stops the query and ends by itself.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { DEMO } from '../helpers/rest-client';

const CLI = path.join(__dirname, '..', '..', 'sandbox', 'dist', 'cli.js');

const RUNAWAY = 'WITH r(n) AS (SELECT 1 AS n FROM dual UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) AS c FROM r';

/** `cli.js start` on a free port with a runaway REST query running: the process, its exit, its SuiteQL processes. */
async function startWithRunawayQuery(dataDir: string) {
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number>((resolve) => child.on('exit', () => resolve(Date.now())));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /Account page:\s+(http:\/\/\S+)\//.exec(line);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error('the sandbox ended before it served')));
  });
  void fetch(`${url}/services/rest/query/v1/suiteql`, {
    method: 'POST', headers: { Authorization: `Bearer ${DEMO.bearer}`, Prefer: 'transient', 'Content-Type': 'application/json' },
    body: JSON.stringify({ q: RUNAWAY }),
  }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 800));
  const queryPids = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return { child, exited, queryPids };
}

/** Gone, or a zombie its ended parent left for init to reap: not running either way. */
const running = (pids: number[]) => pids.filter((pid) => fs.existsSync(`/proc/${pid}/stat`) && !/^\d+ \([^)]*\) [ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')));

test('SIGTERM stops the account within 5 s while a runaway SuiteQL query runs', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-stop-'));
  const { child, exited, queryPids } = await startWithRunawayQuery(dataDir);
  try {
    expect(queryPids.length).toBeGreaterThan(0);
    const sent = Date.now();
    child.kill('SIGTERM');
    expect((await exited) - sent).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 200));
    expect(running(queryPids).map((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))).toEqual([]);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('after a SIGKILL of the server, its SuiteQL process stops the runaway query and ends within 3 s', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-kill-'));
  const { child, exited, queryPids } = await startWithRunawayQuery(dataDir);
  try {
    expect(queryPids.length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await exited;
    const deadline = Date.now() + 3000;
    while (running(queryPids).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(running(queryPids)).toEqual([]);
  } finally {
    for (const pid of running(queryPids)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
