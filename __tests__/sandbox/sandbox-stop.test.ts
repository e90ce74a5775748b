/**
 * `npm start`'s process under SIGTERM while a query that never ends is running: it stops within 5 seconds
 * (issue 13), and its SuiteQL process goes with it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { DEMO } from '../helpers/rest-client';

const CLI = path.join(__dirname, '..', '..', 'sandbox', 'dist', 'cli.js');

test('SIGTERM stops the account within 5 s while a runaway SuiteQL query runs', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-stop-'));
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
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
      body: JSON.stringify({ q: 'WITH r(n) AS (SELECT 1 AS n FROM dual UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) AS c FROM r' }),
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 800));
    const queryPids = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    expect(queryPids.length).toBeGreaterThan(0);
    const sent = Date.now();
    child.kill('SIGTERM');
    expect((await exited) - sent).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 200));
    // Gone, or a zombie its ended parent left for init to reap: not running either way.
    const running = queryPids.filter((pid) => fs.existsSync(`/proc/${pid}/stat`) && !/^\d+ \([^)]*\) [ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')));
    expect(running.map((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'))).toEqual([]);
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
