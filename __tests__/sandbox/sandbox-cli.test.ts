/**
 * The CLI's inline-edit, tick and --trust as a user runs them: `node sandbox/dist/cli.js … --data <tmp>` on
 * the demo account, checked by what they print, what the account then holds and what an https receiver got.
 * The tests run in order on one account (the endpoint each one points at stays for the next).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startReceiver } from '@employee-lifecycle/sandbox/receiver';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'sandbox', 'dist', 'cli.js');
/** A receiver certificate the sandbox does not trust unless told (--trust). */
const OTHER_TLS = path.join(__dirname, '..', 'fixtures', 'tls-other');
const RECEIVER_CERT_FILE = path.join(ROOT, 'sandbox', 'src', 'demo', 'tls', 'receiver-cert.pem');
const DEMO_SECRET = /custsecret_el_webhook_demo: "([^"]+)"/.exec(fs.readFileSync(path.join(ROOT, 'sandbox', 'src', 'demo', 'account.yaml'), 'utf8'))![1];
const DISPATCHER = ['customscript_el_webhook_dispatch_mr', 'customdeploy_el_webhook_dispatch_now'];

interface Result { code: number | null; stdout: string; stderr: string }

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
/** The account clock's offset from real time, as the last `clock` command printed it: receivers verify timestamps on it. */
let clockOffset = 0;

function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--data', dataDir], { cwd: ROOT }, (e, stdout, stderr) => {
      const clock = /^Account clock: (\S+)$/m.exec(stdout);
      if (clock) clockOffset = Date.parse(clock[1]) - Date.now();
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
  return r.stdout;
}

const query = async (sql: string) => JSON.parse(await ok('query', sql, '--json')) as Array<Record<string, unknown>>;
const pointEndpointAt = (url: string) => ok('inline-edit', 'customrecord_el_webhook_endpoint', String(endpointId), `custrecord_el_wh_url=${url}`);

let endpointId = 0;
/** The demo receiver (the certificate `start` trusts); it answers 503 until accepting. */
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let accepting = true;
/** An https server with a certificate of its own: the bodies it got. */
let other: https.Server;
const otherBodies: string[] = [];

beforeAll(async () => {
  await ok('reset');
  endpointId = Number((await query('SELECT id FROM customrecord_el_webhook_endpoint'))[0].id);
  receiver = await startReceiver({ secret: `whsec_${DEMO_SECRET}`, port: 0, now: () => Date.now() + clockOffset, reply: () => (accepting ? 204 : 503) });
  other = https.createServer({ key: fs.readFileSync(path.join(OTHER_TLS, 'key.pem')), cert: fs.readFileSync(path.join(OTHER_TLS, 'cert.pem')) }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => { otherBodies.push(body); res.writeHead(204).end(); });
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await receiver?.close();
  other?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('inline-edit saves the field as an inline edit, the user event runs, and its event reaches the receiver', async () => {
  expect(await pointEndpointAt(receiver.url)).toContain(`custrecord_el_wh_url = ${receiver.url}`);
  const out = await ok('inline-edit', 'employee', '3', 'title=Principal Engineer');
  expect(out).toContain('Inline edit (xedit) of employee 3 saved:\n  title = Principal Engineer\n');
  expect(out).toMatch(/^User events \(type xedit\):\n {2}customscript_el_employee_webhooks_ue afterSubmit \(USERINTERFACE\)$/m);
  expect(out).toMatch(/^ {2}MAPREDUCETASK_\S+ customscript_el_webhook_dispatch_mr customdeploy_el_webhook_dispatch_now: COMPLETE$/m);
  expect(await query('SELECT title FROM employee WHERE id = 3')).toEqual([{ title: 'Principal Engineer' }]);
  expect(await ok('logs', '--script', 'customscript_el_employee_webhooks_ue')).toMatch(/Webhook events queued employee 3: employee\.updated/);
  expect(receiver.events.map((e) => [e.type, e.subject, e.data.changes])).toEqual([
    ['employee.updated', '3', { title: { old: 'Staff Engineer', new: 'Principal Engineer' } }],
  ]);
});

test('inline-edit refuses a field that is not inline-editable, as record.submitFields does, and changes nothing', async () => {
  const r = await cli('inline-edit', 'employee', '3', 'email=someone@example.com');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('USER_ERROR: Field email on employee is not inline-editable, so record.submitFields cannot set it: load the record, set the field and save it instead.\n');
  expect((await query('SELECT email FROM employee WHERE id = 3'))[0].email).not.toBe('someone@example.com');
  const bad = await cli('inline-edit', 'employee', '3', 'isinactive=yes');
  expect([bad.code, bad.stderr]).toEqual([1, 'isinactive is a checkbox: write isinactive=T or isinactive=F, not isinactive=yes.\n']);
});

test("run trusts the demo receiver's certificate as start does: the retry it sends is delivered", async () => {
  accepting = false;
  await ok('inline-edit', 'employee', '3', 'title=Senior Staff Engineer');
  expect(receiver.stats.requests).toBeGreaterThan(1);   // answered 503: the delivery waits for its retry
  expect(receiver.events).toHaveLength(1);
  accepting = true;
  await ok('clock', 'advance', '10m');   // past the 5 s and 5 min retries
  const summary = JSON.parse(await ok('run', ...DISPATCHER)) as { status: string };
  expect(summary.status).toBe('COMPLETE');
  expect(receiver.events.map((e) => e.data.changes)).toEqual([expect.anything(), { title: { old: 'Principal Engineer', new: 'Senior Staff Engineer' } }]);
});

test('--trust adds a receiver certificate (repeatable); without it the request never reaches that receiver', async () => {
  await pointEndpointAt(`https://127.0.0.1:${(other.address() as AddressInfo).port}/webhooks/netsuite`);
  await ok('inline-edit', 'employee', '3', 'title=Distinguished Engineer');
  expect(otherBodies).toEqual([]);   // the TLS handshake failed: not trusted
  await ok('clock', 'advance', '10m');
  // The needed certificate first: a second --trust adds to the first, it does not replace it.
  await ok('run', ...DISPATCHER, '--trust', path.join(OTHER_TLS, 'cert.pem'), '--trust', RECEIVER_CERT_FILE);
  expect(otherBodies.map((b) => JSON.parse(b) as { type: string; data: { changes: unknown } }).map((e) => [e.type, e.data.changes]))
    .toEqual([['employee.updated', { title: { old: 'Senior Staff Engineer', new: 'Distinguished Engineer' } }]]);
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

test("tick after README's clock set to before the account was loaded: nothing is due, then the daily offboarding runs at its next 09:00", async () => {
  const day = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10);
  await ok('clock', 'set', `${day}T20:00:00Z`);
  expect(await ok('tick')).toMatch(/^Nothing was due at \S+ \(account clock\)\. Scheduled deployments:\n {2}customscript_el_offboarding_mr customdeploy_el_offboarding_daily: every day at 09:00 UTC; last run never$/m);
  await ok('clock', 'advance', '1d');
  const out = await ok('tick');
  expect(out).toMatch(/^Scheduler tick at \S+ \(account clock\) started \d+: /);
  expect(out).toMatch(/^ {2}MAPREDUCETASK_\S+ customscript_el_offboarding_mr customdeploy_el_offboarding_daily: COMPLETE$/m);
  expect(await ok('logs', '--script', 'customscript_el_offboarding_mr')).toMatch(/Offboarding run live: offboarded [1-9]/);
});
