/**
 * The CLI as a user runs it: `node sandbox/dist/cli.js … --data <tmp>` on the demo account, checked by what it
 * prints.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'sandbox', 'dist', 'cli.js');
/** A receiver certificate the sandbox does not trust unless told (--trust). */
const OTHER_TLS = path.join(__dirname, '..', 'fixtures', 'tls-other');
const RECEIVER_CERT_FILE = path.join(ROOT, 'sandbox', 'src', 'demo', 'tls', 'receiver-cert.pem');
const DISPATCHER = ['customscript_el_webhook_dispatch_mr', 'customdeploy_el_webhook_dispatch_now'];

interface Result { code: number | null; stdout: string; stderr: string }

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));

function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--data', dataDir], { cwd: ROOT }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }));
  });
}

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('--trust refuses a missing file or one that is not a PEM certificate, before the account boots', async () => {
  const missing = await cli('run', ...DISPATCHER, '--trust', `${RECEIVER_CERT_FILE},nowhere.pem`);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^--trust nowhere\.pem: there is no such file \(.*nowhere\.pem\)\.\n\nUsage: npm run sandbox -- <command>/);
  const key = await cli('start', '--port', '0', '--trust', path.join(OTHER_TLS, 'key.pem'));
  expect(key.code).toBe(1);
  expect(key.stderr).toContain('key.pem is not a PEM certificate: give the file that holds -----BEGIN CERTIFICATE----- (the certificate, not its key).');
  expect(key.stdout).toBe('');
});
