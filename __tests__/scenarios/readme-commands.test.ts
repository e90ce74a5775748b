/**
 * Every command README.md shows is run here as a newcomer would run it, or is on NOT_RUN with why it cannot
 * run here and what covers its effect: a README command that is neither fails the last test by name.
 * `npm start` runs for real (`node sandbox/dist/cli.js start`, what the npm script runs after the build that
 * `npm test` has done) on a free port and a temp data folder, never .sandbox/ or port 8470; its output is
 * checked for what to open next, and each URL and credential it prints is used. README's curl lines run
 * as fetch with the printed port; each `npm run sandbox -- …` line runs as `node sandbox/dist/cli.js … --data <tmp>`.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { curlRequest, fullForm, minimalForm, readmeCommands, type ReadmeCommand } from '../helpers/readme-commands';
import { tba, type TbaCredentials } from '../helpers/rest-client';
import { jsonBody } from '../helpers/json-body';

/** A REST record list's body, as far as these tests read it. */
type RecordList = { items: unknown[] };

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'sandbox', 'dist', 'cli.js');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const COMMANDS = readmeCommands(README);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; optionalDependencies?: Record<string, string> };
const ciRun = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');

/** Commands that cannot run inside this test: why, and the check that stands in for them. */
const NOT_RUN: Array<{ match: RegExp; why: string; check?: () => void }> = [
  { match: /^npm ci$/, why: 'this test runs in the tree `npm ci` made; .ci/run runs `npm ci` on a fresh clone',
    check: () => expect(ciRun).toMatch(/^npm ci\b/m) },
  { match: /^npm test$/, why: 'it is what runs this test; .ci/run runs it on a fresh clone',
    check: () => expect(ciRun).toMatch(/^npm test$/m) },
  { match: /^npm run (build|check|lint)$/, why: '`npm test` runs them before jest',
    check: () => expect(pkg.scripts.test).toBe('npm run -s build && npm run -s check && npm run -s lint && jest') },
  { match: /^apt-get install -y chromium$/, why: 'needs root and Debian mirrors; .ci/run installs chromium when missing',
    check: () => expect(ciRun).toContain('apt-get install -y -qq chromium') },
  { match: /^npx jest __tests__\/browser\/suitelets-browser\.test\.ts$/, why: 'jest runs that file in `npm test`',
    check: () => expect(fs.existsSync(path.join(ROOT, '__tests__', 'browser', 'suitelets-browser.test.ts'))).toBe(true) },
  { match: /^npm run bench$/, why: 'minutes long, no quick mode; its measurements are read by a person, not asserted' },
  { match: /^npm run soak\b/, why: '10,000 changes take minutes; __tests__/scenarios/webhooks-soak.test.ts runs the same bench/soak.js with 200',
    check: () => expect(pkg.scripts.soak).toBe('npm run -s build && node bench/soak.js') },
  { match: /^SUITECLOUD_CLI_ACCEPT_LICENSE=true npm install$/, why: "the CLI's postinstall downloads Oracle's Java component: not from the npm registry alone",
    check: () => expect(pkg.optionalDependencies?.['@oracle/suitecloud-cli']).toMatch(/^\^4\./) },
  { match: /^npx suitecloud account:setup(:ci)?$/, why: "needs a NetSuite account (and a browser sign-in, or for :ci a certificate)" },
  { match: /^npm run pack$/, why: '__tests__/unit/pack.test.ts runs scripts/pack.js on the built project and checks its list',
    check: () => expect(pkg.scripts.pack).toBe('npm run -s build && node scripts/pack.js') },
  { match: /^npm run (validate|deploy)$/, why: "needs Oracle's CLI and an account; __tests__/unit/pack.test.ts runs the wrapper without the CLI and reads its advice",
    check: () => {
      expect(pkg.scripts.validate).toBe('node scripts/suitecloud.js project:validate --server');
      expect(pkg.scripts.deploy).toBe('node scripts/suitecloud.js project:deploy');
    } },
];

/** Placeholders in README's usage lines and what the full form of each line runs with. */
const FILL: Record<string, string> = {
  'customscript_…': 'customscript_el_offboarding_mr',
  'customdeploy_…': 'customdeploy_el_offboarding_now',
  '{"custscript_…":"x"}': '{"custscript_el_off_dry_run":true}',
  ADDRESS: 'ada.admin@example.com',
};

const ran = new Set<string>();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-commands-'));
const dataDir = path.join(work, 'data');
let server: ChildProcessWithoutNullStreams | null = null;
let out = '';
let serverExit: Promise<number | null>;
let url = '';
let port = 0;

/** A free port whose next port is free too: README says the demo receiver takes the next one. */
async function freePortPair(): Promise<number> {
  const listen = (p: number) => new Promise<net.Server | null>((resolve) => {
    const s = net.createServer().once('error', () => resolve(null));
    s.listen(p, '127.0.0.1', () => resolve(s));
  });
  for (;;) {
    const a = (await listen(0))!;
    const p = (a.address() as net.AddressInfo).port;
    const b = p < 65535 ? await listen(p + 1) : null;
    await Promise.all([a, b].map((s) => new Promise((r) => (s ? s.close(r) : r(undefined)))));
    if (b) return p;
  }
}

interface Result { code: number | null; stdout: string; stderr: string }

/** `npm run sandbox -- <args>` as `node sandbox/dist/cli.js <args> --data <tmp>`, from the temp folder (files it writes land there). */
function sandbox(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args, '--data', dataDir], { cwd: work, maxBuffer: 64 << 20 }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }));
  });
}

/** Resolves when the start's output matches; fails with the output when the process ends first. */
function printed(re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const m = out.match(re);
      if (!m) return false;
      server?.stdout.off('data', look);
      resolve(m);
      return true;
    };
    if (look()) return;
    server!.stdout.on('data', look);
    void serverExit.then((code) => reject(new Error(`npm start ended (${code}) before printing ${re}:\n${out}`)));
  });
}

const line = (label: string) => {
  const m = out.match(new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm'));
  if (!m) throw new Error(`npm start did not print "${label}":\n${out}`);
  return m[1];
};

async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/app/login/secure/enterpriselogin.nl`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ email, password }),
  });
  const cookie = /JSESSIONID=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} refused (${res.status}): ${await res.text()}`);
  return cookie[0];
}

async function stopServer() {
  if (!server) return;
  server.kill('SIGINT');   // Ctrl+C
  expect(await serverExit).toBe(0);
  server = null;
}

beforeAll(async () => {
  // The README's `reset --account my-account.yaml`: an account file a reader brings, here the demo one renamed.
  const demo = fs.readFileSync(path.join(ROOT, 'sandbox', 'src', 'demo', 'account.yaml'), 'utf8');
  fs.writeFileSync(path.join(work, 'my-account.yaml'), demo.replace(/^ {2}name: .*$/m, '  name: My Account'));
  const env = { ...process.env };
  delete env.PORT;
  port = await freePortPair();
  server = spawn(process.execPath, [CLI, 'start', '--port', String(port), '--data', dataDir], { cwd: ROOT, env });
  server.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  server.stderr.on('data', (c: Buffer) => { out += c.toString(); });
  serverExit = new Promise((resolve) => server!.on('exit', (code) => resolve(code)));
  await printed(/Stop with Ctrl\+C/);
  url = line('Account page:').replace(/\/$/, '');
}, 30000);

afterAll(async () => {
  server?.kill('SIGKILL');
  if (server) await serverExit;
  fs.rmSync(work, { recursive: true, force: true });
});

test('npm start builds first, then runs the command this test runs', () => {
  expect(pkg.scripts.start).toBe('npm run -s build && node sandbox/dist/cli.js start');
  expect(pkg.scripts.sandbox).toBe('node sandbox/dist/cli.js');
  expect(fs.existsSync(path.join(ROOT, 'FileCabinet', 'SuiteScripts', 'employee_lifecycle', 'employee_webhooks_ue.js'))).toBe(true);
  // README's `npm start` and `npm start -- --port N`: the start above ran with --port (a free one for N).
  for (const c of COMMANDS.filter((x) => x.words[0] === 'npm' && x.words[1] === 'start')) {
    expect([c.text, c.words.slice(2).join(' ')]).toEqual([c.text, expect.stringMatching(/^(-- --port \d+)?$/)]);
    ran.add(c.text);
  }
});

test('npm start prints what to open next, and each URL and credential it prints works', async () => {
  expect(url).toBe(`http://127.0.0.1:${port}`);
  expect(line('REST base URL:')).toBe(`${url}/services/rest`);
  expect(out).toContain(`Next: open ${url}/ and sign in as ada.admin@example.com (password Sandbox-Admin-1)`);

  // Token-based authentication as printed.
  const realm = /realm (\S+)\)/.exec(out)![1];
  const printedTba: TbaCredentials = { realm, consumerKey: line('consumer key'), consumerSecret: line('consumer secret'),
    tokenId: line('token id'), tokenSecret: line('token secret') };
  const listed = await tba(printedTba)('GET', `${url}/services/rest/record/v1/employee?limit=5`);
  expect(listed.status).toBe(200);
  expect(listed.body.items.length).toBeGreaterThan(0);

  // OAuth 2.0 client credentials as printed: the printed client signs with the printed key, REST takes its token.
  expect(line('token endpoint')).toBe(`${url}/services/rest/auth/oauth2/v1/token`);
  expect(line('client id')).toBe(line('consumer key'));
  expect(line('certificate id')).toBe('demo-m2m-certificate-employee-sync-0001');
  expect(fs.readFileSync(line('private key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  const [node, ...clientArgs] = /^\s+get a token:\s+(node .+)$/m.exec(out)![1].split(' ');
  expect([node, clientArgs.slice(1)]).toEqual(['node', ['--url', url]]);
  const got = await new Promise<Result>((resolve) => {
    execFile(process.execPath, clientArgs, (e, stdout, stderr) => resolve({ code: e ? 1 : 0, stdout, stderr }));
  });
  expect([got.code, got.stderr]).toEqual([0, '']);
  const issued = JSON.parse(got.stdout) as { access_token: string; token_type: string; expires_in: number };
  expect([issued.token_type, issued.expires_in]).toEqual(['bearer', 3600]);
  const m2m = await fetch(`${url}/services/rest/record/v1/employee?limit=5`, { headers: { Authorization: `Bearer ${issued.access_token}` } });
  expect(m2m.status).toBe(200);

  // The printed curl examples, as fetch.
  const curls = readmeCommands(`\`\`\`sh\n${out.split('\n').filter((l) => /^\s+(curl|-d) /.test(l)).join('\n')}\n\`\`\``);
  expect(curls.map((c) => c.words[0])).toEqual(['curl', 'curl']);
  for (const c of curls) {
    const r = curlRequest(c.words);
    const res = await fetch(r.url, r);
    expect([c.text, res.status]).toEqual([c.text, 200]);
    expect((await jsonBody<RecordList>(res)).items.length).toBeGreaterThan(0);
  }

  // The sign-in URL, every login printed, and every Suitelet URL (as the first login).
  expect(line("Sign in to the account's UI:")).toBe(`${url}/app/login/secure/enterpriselogin.nl`);
  const logins = [...out.matchAll(/^\s+(\S+@\S+)\s+password (\S+)/gm)].map((m) => ({ email: m[1], password: m[2] }));
  expect(logins.map((l) => l.email)).toEqual(['ada.admin@example.com', 'hannah.hr@example.com']);
  const cookies = await Promise.all(logins.map((l) => signIn(l.email, l.password)));
  const suitelets = [...out.matchAll(/^\s+([^:\n]+): (http\S+scriptlet\.nl\S+)$/gm)];
  expect(suitelets.map((m) => m[1])).toEqual(['Integration access self-check', 'Leavers', 'Webhook deliveries']);
  for (const [, title, link] of suitelets) {
    const page = await fetch(link, { headers: { cookie: cookies[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(title);
  }
  const home = await fetch(`${url}/`, { headers: { cookie: cookies[0] } });
  const homePage = await home.text();
  expect(homePage).toContain('Integration access self-check');
  expect(homePage).toContain('Webhook deliveries');
});

test("README's curl lines answer with the printed port", async () => {
  const curls = COMMANDS.filter((c) => c.words[0] === 'curl');
  expect(curls.length).toBeGreaterThan(0);
  for (const c of curls) {
    const r = curlRequest(c.words);
    expect(r.url.startsWith('http://127.0.0.1:8470/')).toBe(true);
    const res = await fetch(r.url.replace('http://127.0.0.1:8470', url), r);
    expect([c.text, res.status]).toEqual([c.text, 200]);
    expect((await jsonBody<RecordList>(res)).items.length).toBeGreaterThan(0);
    ran.add(c.text);
  }
});

test('the demo receiver prints each verified event of a change made over REST', async () => {
  const [, receiverUrl, secret] = /Demo webhook receiver: (https:\S+) \(verifies with standardwebhooks; secret (whsec_\S+)\)/.exec(out)!;
  expect(secret).toMatch(/^whsec_/);
  expect(receiverUrl).toBe(`https://127.0.0.1:${port + 1}/webhooks/netsuite`);   // not 8471: the demo endpoint follows it
  const res = await fetch(`${url}/services/rest/record/v1/employee/3`, {
    method: 'PATCH', body: JSON.stringify({ title: 'Principal Engineer' }),
    headers: { Authorization: 'Bearer demo-oauth2-access-token-ivan-0003', 'Content-Type': 'application/json' },
  });
  expect(res.status).toBe(204);
  await printed(/\[receiver\] employee\.updated employee 3 \["title"\] \(event \S+, verified\)/);
});

test('a reset while the start serves the same data is refused, and the data stays', async () => {
  const r = await sandbox(['reset']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^A sandbox started on this data is running \(process \d+\): stop it with Ctrl\+C first, then reset\./);
  const res = await fetch(`${url}/services/rest/record/v1/employee/3`, { headers: { Authorization: 'Bearer demo-oauth2-access-token-ivan-0003' } });
  expect((await jsonBody<{ title: string }>(res)).title).toBe('Principal Engineer');
});

test('before the README fix, the reporting connector gets USER_ERROR and the self-check names the permission', async () => {
  const reporting = { realm: 'TSTDRV1234567', consumerKey: line('consumer key'), consumerSecret: line('consumer secret'),
    tokenId: 'demo-token-id-ivan-reporting-0002', tokenSecret: 'demo-token-secret-ivan-reporting-0002' };
  const refused = await tba(reporting)('GET', `${url}/services/rest/record/v1/employee/3`);
  expect(refused.status).toBe(400);
  expect(refused.body['o:errorDetails'][0]['o:errorCode']).toBe('USER_ERROR');
  const report = await selfCheck();
  expect(report.checks.find((c: any) => c.id === 'permission.ADMI_LOGIN_OAUTH').status).toBe('fail');
});

async function selfCheck(): Promise<any> {
  const link = /Integration access self-check: (\S+)/.exec(out)![1];
  const res = await fetch(`${link}&role=1002&method=tba&profile=reporting&format=json`, { headers: { cookie: await signIn('ada.admin@example.com', 'Sandbox-Admin-1') } });
  expect(res.status).toBe(200);
  return res.json();
}

/** What a reader checks after each sandbox command, by its first word. */
const state: { reportMailed: boolean; clockBefore?: number } = { reportMailed: false };
const EXPECT: Record<string, (r: Result, args: string[]) => void | Promise<void>> = {
  help: (r) => expect(r.stdout).toContain('Usage: npm run sandbox -- <command> [options]'),
  reset: (r, args) => {
    const from = args.includes('--account') ? path.join(work, args[args.indexOf('--account') + 1]) : 'the demo account file';
    expect(r.stdout).toMatch(/^Account \S+ reset from /);
    expect(r.stdout).toContain(` reset from ${from}.`);
    state.reportMailed = false;
  },
  clock: (r, args) => {
    const now = Date.parse(/^Account clock: (\S+)$/m.exec(r.stdout)![1]);
    if (args[1] === 'set') expect(new Date(now).toISOString().slice(0, 16)).toBe(new Date(args[2]).toISOString().slice(0, 16));
    if (args[1] === 'advance') expect(now - state.clockBefore!).toBeGreaterThanOrEqual(2 * 3600 * 1000);
  },
  query: (r, args) => {
    if (args.includes('--json')) {
      const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'email']);
      expect(rows[0]).toEqual({ id: 1, email: 'ada.admin@example.com' });
      return;
    }
    for (const col of ['id', 'entityid', 'isinactive']) expect(args[1]).toContain(col);
    expect(r.stdout).toMatch(/│ entityid\s+│ isinactive/);
    expect(r.stdout).toMatch(/│ 0\s+│ 1\s+│ 'Ada Admin'/);
  },
  logs: (r, args) => {
    const script = args.includes('--script') ? args[args.indexOf('--script') + 1] : undefined;
    if (r.stdout === `The execution log has no lines${script ? ` for ${script}` : ''}.\n`) return;
    for (const l of r.stdout.trim().split('\n')) expect(l).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z \\S+ ${script ?? ''}`));
  },
  tick: (r) => {
    // After README's `clock advance 2h`: at least the dispatcher's 15-minute schedule is due.
    expect(r.stdout).toMatch(/^Scheduler tick at \S+ \(account clock\) started [1-9]\d*: /);
    expect(r.stdout).toMatch(/^ {2}MAPREDUCETASK_\S+ customscript_el_webhook_dispatch_mr customdeploy_el_webhook_dispatch_mr: COMPLETE$/m);
  },
  'inline-edit': async (r, args) => {
    const [type, id, edit] = args.slice(1);
    const [field, value] = edit.split('=');
    expect(r.stdout).toContain(`Inline edit (xedit) of ${type} ${id} saved:\n  ${field} = ${value}\n`);
    expect(r.stdout).toMatch(/^User events \(type xedit\):\n {2}customscript_el_employee_webhooks_ue afterSubmit \(USERINTERFACE\)$/m);
    const saved = JSON.parse((await sandbox(['query', `SELECT ${field} FROM ${type} WHERE id = ${id}`, '--json'])).stdout) as unknown;
    expect(saved).toEqual([{ [field]: value }]);
  },
  run: (r, args) => {
    const summary = JSON.parse(r.stdout);
    expect([summary.script, summary.status]).toEqual([args[1], 'COMPLETE']);
    if (args.includes('--params') && /"custscript_el_off_recipients"/.test(args[args.indexOf('--params') + 1])) state.reportMailed = true;
  },
  mail: (r, args) => {
    if (state.reportMailed) expect(r.stdout).toMatch(/^Subject: Leaver offboarding, account \S+: [1-9]\d* offboarded, \d+ skipped, 0 failed$/m);
    else if (!r.stdout.includes('The mailbox is empty.')) expect(r.stdout).toMatch(/^Subject: /m);
    if (args.includes('--to')) for (const to of r.stdout.match(/^To: .*$/gm) ?? []) expect(to).toContain(args[args.indexOf('--to') + 1]);
  },
  'generate-account': (r, args) => {
    const file = path.join(work, args[args.indexOf('--out') + 1]);
    expect(r.stdout).toContain(`Wrote ${args[args.indexOf('--employees') + 1]} employees to ${file}: offboard `);
    expect(fs.existsSync(file.replace(/\.json$/, '.truth.json'))).toBe(true);
  },
  permission: (r, args) => expect(r.stdout).toContain(`Role ${args[1]}: ${args[2]} at level ${args[3]}.`),
  token: async (r, args) => {
    // The regenerated token, as printed, works over REST on the running start; the old one is revoked.
    const [, tokenId, tokenSecret] = /token id\s+(\S+)\n\s+token secret (\S+)/.exec(r.stdout)!;
    expect(args.slice(1, 3)).toEqual(['regenerate', '2']);
    const creds = { realm: 'TSTDRV1234567', consumerKey: line('consumer key'), consumerSecret: line('consumer secret'), tokenId, tokenSecret };
    const ok = await tba(creds)('GET', `${url}/services/rest/record/v1/employee/3`);
    expect([ok.status, ok.body.firstName]).toEqual([200, 'Grace']);
    expect((await tba({ ...creds, tokenId: 'demo-token-id-ivan-reporting-0002', tokenSecret: 'demo-token-secret-ivan-reporting-0002' })('GET', `${url}/services/rest/record/v1/employee/3`)).status).toBe(401);
    const report = await selfCheck();
    expect(report.counts.fail).toBe(0);
  },
};

test('every `npm run sandbox -- …` line, in README order, does what README says', async () => {
  const lines = COMMANDS.filter((c) => c.text.startsWith('npm run sandbox -- '));
  expect(lines.length).toBeGreaterThan(10);
  for (const c of lines) {
    const args = c.words.slice(4);
    const forms = c.words.some((w) => w.startsWith('[')) ? [minimalForm(args).map((w) => FILL[w] ?? w), fullForm(args, FILL)] : [args];
    for (const form of forms) {
      const unfilled = form.find((w) => w.includes('…'));
      if (unfilled) throw new Error(`README line ${c.line}: fill ${unfilled} in FILL to run "${c.text}"`);
      const check = EXPECT[form[0]];
      if (!check) throw new Error(`README line ${c.line}: no expectation for "sandbox ${form[0]}" in EXPECT`);
      // A running start keeps the database it opened: README says to stop it before a reset.
      if (form[0] === 'reset') await stopServer();
      if (form[0] === 'clock' && form[1] === 'advance') state.clockBefore = Date.parse(/Account clock: (\S+)/.exec((await sandbox(['clock'])).stdout)![1]);
      const r = await sandbox(form);
      expect([c.text, form.join(' '), r.code, r.stderr]).toEqual([c.text, form.join(' '), 0, '']);
      await check(r, form);
    }
    ran.add(c.text);
  }
}, 60000);

test('deploy and validate build and test first (suitecloud.config.js)', () => {
  const calls: string[] = [];
  jest.isolateModules(() => {
    jest.doMock('node:child_process', () => ({ execSync: (cmd: string) => { calls.push(cmd); } }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside isolateModules, after doMock: an import would load it first
    const config = require('../../suitecloud.config.js') as typeof import('../../suitecloud.config.js');
    for (const command of ['project:validate', 'project:deploy'] as const) {
      const context = { command, projectPath: ROOT, arguments: {} };
      expect(config.commands[command].beforeExecuting(context)).toBe(context);
    }
  });
  expect(calls).toEqual(['npm run build', 'npm run test', 'npm run build', 'npm run test']);
});

test('every README command is run above or listed with why not', () => {
  for (const n of NOT_RUN) n.check?.();
  const unaccounted = COMMANDS.filter((c) => !ran.has(c.text) && !NOT_RUN.some((n) => n.match.test(c.text)));
  expect(unaccounted.map((c: ReadmeCommand) => `README line ${c.line}: ${c.text}`)).toEqual([]);
  const stale = NOT_RUN.filter((n) => !COMMANDS.some((c) => n.match.test(c.text)));
  expect(stale.map((n) => n.match.source)).toEqual([]);
});
