#!/usr/bin/env node
/**
 * The sandbox's command line (`npm start` runs `start`; `npm run sandbox -- <command>` runs the others).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import type { Account } from './account';
import { bootAccount, PROJECT_ROOT, DEMO_M2M } from './index';
import { TOKEN_PATH } from './http/client-credentials';
import { startReceiver, RECEIVER_CERT } from './receiver';
import { AccountFileError, readAccountFile } from './storage/account-file';
import { getSetting } from './storage/db';
import { listSuitelets } from './runtime/suitelet-deployments';
import { LOGIN_PATH } from './ui/pages';
import { SandboxError } from './errors';
import { watchProgress } from './progress';
import { generateAccount } from './generate-account';
import { LIMITS } from './limits';
import { CliError, UsageError } from './cli/errors';
import { trustedCertificates } from './cli/trust';
import { inlineEdit, parseEdit } from './cli/inline-edit';
import { tick } from './cli/tick';

type Flags = Record<string, string | boolean>;

const USAGE = `Usage: npm run sandbox -- <command> [options]

Commands:
  start [--port N] [--account FILE] [--reset] [--trust PEM_FILE] [--data DIR]
                         Serve the account on 127.0.0.1 (port from --port, PORT or 8470).
                         The first start (or --reset) loads the account file (default: the demo account).
  reset [--account FILE] [--data DIR]
                         Throw the account's data away and load the account file (default: the demo
                         account). Stop a running start first: it keeps the database it opened.
  clock [show | set <ISO date> | advance <duration> | reset] [--data DIR]
                         Show or move the account's clock (durations: 90s, 5m, 2h, 1d).
  query "<SuiteQL>" [--json] [--data DIR]
                         Run a SuiteQL query as the administrator and print the rows (--json: as a JSON array).
  logs [--script SCRIPT_ID] [--data DIR]
                         Print the execution log (script log lines, outbound requests, sandbox notes).
  run <SCRIPT_ID> [<DEPLOYMENT_ID>] [--params JSON] [--trust PEM_FILE] [--data DIR]
                         Run a Map/Reduce or scheduled script deployment now (status NOTSCHEDULED or
                         TESTING; without a deployment, the first free one) and print its summary.
                         A long run shows a progress bar on a terminal.
  tick [--trust PEM_FILE] [--data DIR]
                         Run the scheduler once at the account clock (what start does every 30 s): start
                         the SCHEDULED deployments that are due, wait for them and print their status.
  inline-edit <RECORD_TYPE> <ID> <FIELD>=<VALUE> ... [--trust PEM_FILE] [--data DIR]
                         Inline-edit a record as from a list in the UI (xedit: only inline-editable fields;
                         user events fire with type xedit), e.g. inline-edit employee 3 title=Principal.
                         Checkboxes T or F, dates YYYY-MM-DD, an empty value clears the field.
  mail [--to ADDRESS] [--script SCRIPT_ID] [--data DIR]
                         Show the local mailbox: what scripts sent with N/email.
  permission <ROLE> <KEY> <LEVEL> [--data DIR]
                         Set a role's permission as Manage Roles does (role id or script id; level NONE,
                         VIEW, CREATE, EDIT or FULL), e.g. permission 1002 ADMI_LOGIN_OAUTH FULL.
  token regenerate <TOKEN_ID> [--data DIR]
                         Issue a new TBA token id and secret for a token's user, role and integration,
                         and revoke the old token. The secret is printed once.
  generate-account --out FILE [--employees N] [--seed N] [--today YYYY-MM-DD]
                         Write a large account file (JSON or YAML) with a seeded mix of leavers for
                         offboarding runs, and the answer key beside it (FILE.truth.json).

Scripts' https calls trust the public roots and the demo receiver's certificate; --trust PEM_FILE
(repeatable, or comma-separated files) adds certificates, e.g. a local receiver's self-signed one.
`;

/** Flags that take no value. */
const SWITCHES = ['reset', 'json'];
/** Flags that may be given more than once: their values joined with commas. */
const REPEATABLE = ['trust'];

function parseArgs(argv: string[]): { flags: Flags, rest: string[] } {
  const flags: Flags = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=');
      let value: string | boolean = true;
      if (v !== undefined) value = v;
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') && !SWITCHES.includes(k)) value = argv[++i];
      const before = flags[k];
      flags[k] = REPEATABLE.includes(k) && typeof before === 'string' && typeof value === 'string' ? `${before},${value}` : value;
    } else rest.push(a);
  }
  return { flags, rest };
}

function common(flags: Flags) {
  return {
    dataDir: typeof flags.data === 'string' ? path.resolve(flags.data) : undefined,
    accountFile: typeof flags.account === 'string' ? path.resolve(flags.account) : undefined,
  };
}

/** What commands that run scripts trust: the demo receiver (as `start` always has) and each --trust file. */
function trusting(flags: Flags): { trustedCertificates: string[] } {
  return { trustedCertificates: [RECEIVER_CERT, ...trustedCertificates(flags.trust)] };
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const { flags, rest } = parseArgs(args);
  switch (command) {
    case 'start': return start(flags);
    case 'reset': {
      refuseWhileStarted(common(flags).dataDir);
      const account = await bootAccount({ ...common(flags), reset: true, port: false, resumeTasks: false });
      console.log(`Account ${account.settings.accountId} reset from ${account.options.accountFile || 'the demo account file'}.`);
      return account.close();
    }
    case 'clock': {
      const account = await bootAccount({ ...common(flags), port: false, resumeTasks: false });
      const [sub = 'show', value] = rest;
      if (sub === 'set') account.clock.set(need(value, 'clock set <ISO date>'));
      else if (sub === 'advance') account.clock.advance(need(value, 'clock advance <duration>'));
      else if (sub === 'reset') account.clock.reset();
      else if (sub !== 'show') throw new UsageError(`Unknown clock command ${sub}.`);
      console.log(`Account clock: ${account.clock.now().toISOString()}`);
      return account.close();
    }
    case 'query': {
      const account = await bootAccount({ ...common(flags), port: false, resumeTasks: false });
      try {
        const rows = account.query(need(rest[0], 'query "<SuiteQL>" [--json]'));
        // --json: the rows as one JSON array (lowercase column names, as SuiteQL gives them) for scripts to read.
        if (flags.json) console.log(JSON.stringify(rows));
        else console.table(rows);
      } finally {
        await account.close();
      }
      return undefined;
    }
    case 'logs': {
      const account = await bootAccount({ ...common(flags), port: false, resumeTasks: false });
      const script = typeof flags.script === 'string' ? flags.script : undefined;
      const logs = account.logs({ script });
      for (const l of logs) console.log(`${l.at} ${l.level || l.kind} ${l.script || ''} ${l.title} ${l.detail || ''}`.replace(/\s+/g, ' ').trim());
      if (!logs.length) console.log(`The execution log has no lines${script ? ` for ${script}` : ''}.`);
      return account.close();
    }
    case 'run': return run(rest, flags);
    case 'tick': return withScripts(flags, (account) => tick(account));
    case 'inline-edit': {
      const edit = parseEdit(rest);
      return withScripts(flags, (account) => inlineEdit(account, edit));
    }
    case 'mail': {
      const account = await bootAccount({ ...common(flags), port: false, resumeTasks: false });
      const mails = account.mailbox({ to: typeof flags.to === 'string' ? flags.to : undefined, script: typeof flags.script === 'string' ? flags.script : undefined });
      for (const m of mails) {
        console.log([`#${m.id} ${m.at}  ${m.script || ''}`, `From: ${m.sender}`, `To: ${m.recipients.join(', ')}`,
          ...(m.cc.length ? [`Cc: ${m.cc.join(', ')}`] : []), ...(m.bcc.length ? [`Bcc: ${m.bcc.join(', ')}`] : []),
          `Subject: ${m.subject}`, '', m.body, ''].join('\n'));
      }
      if (!mails.length) console.log('The mailbox is empty.');
      return account.close();
    }
    case 'generate-account': return generate(flags);
    case 'permission': {
      const account = await bootAccount({ ...common(flags), port: false, resumeTasks: false });
      try {
        const p = account.roles.setPermission(need(rest[0], 'permission <ROLE> <KEY> <LEVEL>'), need(rest[1], 'permission <ROLE> <KEY> <LEVEL>'), need(rest[2], 'permission <ROLE> <KEY> <LEVEL>'));
        console.log(`Role ${p.role}: ${p.key} at level ${['NONE', 'VIEW', 'CREATE', 'EDIT', 'FULL'][p.level]}. Its tokens have it from their next request.`);
      } finally {
        await account.close();
      }
      return undefined;
    }
    case 'token': {
      if (rest[0] !== 'regenerate') throw new UsageError('Usage: token regenerate <TOKEN_ID>');
      const account = await bootAccount({ ...common(flags), port: false, resumeTasks: false });
      try {
        const t = account.tokens.regenerate(Number(need(rest[1], 'token regenerate <TOKEN_ID>')));
        console.log(`New token ${t.id} (the old one is revoked):\n  token id     ${t.tokenId}\n  token secret ${t.tokenSecret}`);
      } finally {
        await account.close();
      }
      return undefined;
    }
    case undefined: case 'help': case '--help':
      console.log(USAGE);
      return undefined;
    default:
      throw new UsageError(`Unknown command ${command}.`);
  }
}

async function start(flags: Flags): Promise<void> {
  const port = flags.port !== undefined ? Number(flags.port) : process.env.PORT ? Number(process.env.PORT) : 8470;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not ${String(flags.port)}.`);
  const account = await bootAccount({
    ...common(flags), ...trusting(flags), reset: !!flags.reset, port, schedulerIntervalMs: 30000,
    onNote: (kind, detail) => console.log(`[sandbox] ${kind}: ${detail}`),
  });
  const receiver = await demoReceiver(account, port === 0 ? 0 : port + 1);
  if (receiver) await pointDemoEndpoint(account, receiver.url);
  const tba = account.db.prepare<[], { token_id: string, token_secret: string, consumer_key: string, consumer_secret: string, role: string, user: string }>(`SELECT c.token_id, c.token_secret, ic.consumer_key, ic.consumer_secret, r.name AS role, e.entityid AS user
    FROM sb_token_credential c JOIN oauthtoken t ON t.id = c.token JOIN sb_integration_credential ic ON ic.integration = t.integration
    JOIN role r ON r.id = t.role_name JOIN employee e ON e.id = t.entity_name
    WHERE c.kind = 'tba' AND t.brevoked = 'F' AND t.binactive = 'F' ORDER BY t.id LIMIT 1`).get();
  const bearer = account.db.prepare<[], { token_id: string }>(`SELECT c.token_id FROM sb_token_credential c JOIN oauthtoken t ON t.id = c.token
    WHERE c.kind = 'oauth2' AND t.brevoked = 'F' AND t.binactive = 'F' ORDER BY t.id LIMIT 1`).get();
  const lines = [
    `NetSuite sandbox account ${account.settings.accountId} (${account.settings.companyName}) is running.`,
    `  Project:        ${account.project.name} (${account.project.scripts.length} scripts, ${account.project.customRecordTypes.length} custom record types)`,
    `  Data:           ${account.dbFile}`,
    `  Account page:   ${account.url}/`,
    `  REST base URL:  ${account.url}/services/rest`,
  ];
  if (tba) {
    lines.push('', `Token-based authentication (OAuth 1.0a, HMAC-SHA256, realm ${account.settings.accountId}) as ${tba.user}, role ${tba.role}:`,
      `  consumer key    ${tba.consumer_key}`, `  consumer secret ${tba.consumer_secret}`,
      `  token id        ${tba.token_id}`, `  token secret    ${tba.token_secret}`);
  }
  if (bearer) {
    lines.push('', 'OAuth 2.0 bearer token (try it):',
      `  curl -H 'Authorization: Bearer ${bearer.token_id}' '${account.url}/services/rest/record/v1/employee?limit=5'`,
      `  curl -H 'Authorization: Bearer ${bearer.token_id}' -H 'Prefer: transient' -H 'Content-Type: application/json' \\`,
      `       -d '{"q":"SELECT id, firstname, lastname, isinactive FROM employee"}' '${account.url}/services/rest/query/v1/suiteql'`);
  }
  const m2m = account.db.prepare<[string], { certificate_id: string, client_id: string, app: string, role: string, user: string }>(`SELECT m.certificate_id,
      c.consumer_key AS client_id, i.name AS app, r.name AS role, e.entityid AS user FROM sb_oauth2_certificate m JOIN integration i ON i.id = m.integration
    JOIN sb_integration_credential c ON c.integration = m.integration JOIN role r ON r.id = m.role JOIN employee e ON e.id = m.entity
    WHERE m.revoked = 'F' ORDER BY m.certificate_id <> ?, m.rowid LIMIT 1`).get(DEMO_M2M.certificateId);
  if (m2m) {
    const demo = m2m.certificate_id === DEMO_M2M.certificateId;
    lines.push('', `OAuth 2.0 client credentials (M2M) for ${m2m.app} as ${m2m.user}, role ${m2m.role}: a JWT assertion signed with the certificate's key gets a bearer token for 60 minutes:`,
      `  token endpoint  ${account.url}${TOKEN_PATH}`, `  client id       ${m2m.client_id}`, `  certificate id  ${m2m.certificate_id}`,
      demo ? `  private key     ${DEMO_M2M.privateKey} (a demo key, public: for this sandbox only)` : '  private key     (the private key of the certificate mapped in the account file)',
      `  get a token:    node ${DEMO_M2M.client} --url ${account.url}${demo ? '' : ` --client-id ${m2m.client_id} --certificate-id ${m2m.certificate_id} --key <PRIVATE_KEY.pem>`}`);
  }
  if (receiver) {
    lines.push('', `Demo webhook receiver: ${receiver.url} (verifies with standardwebhooks; secret ${receiver.secret})`,
      '  Change an employee (e.g. PATCH its title over REST) and watch the verified events appear here.');
  }
  lines.push('', `Sign in to the account's UI: ${account.url}${LOGIN_PATH}`);
  const credentials = signInCredentials(account);
  for (const p of credentials) lines.push(`  ${p.email.padEnd(34)} password ${p.password.padEnd(20)} ${p.roles}`);
  const suitelets = listSuitelets(account.db, account.project);
  if (suitelets.length) lines.push('Suitelets (after signing in; the account page lists those your role may open):');
  for (const s of suitelets) lines.push(`  ${s.title}: ${account.url}${s.path}`);
  const restlets = account.project.scripts.filter((s) => s.type === 'restlet').flatMap((s) => s.deployments.map((d) => ({ s, d })));
  if (restlets.length) lines.push('RESTlets (TBA signed over the whole URL, query included, or an OAuth 2.0 bearer; send Content-Type: application/json):');
  for (const { s, d } of restlets) lines.push(`  ${d.title || s.name || s.scriptid}: ${account.restletUrl(s.scriptid, d.scriptid)}`);
  const admin = credentials[0];
  lines.push('', `Next: open ${account.url}/${admin ? ` and sign in as ${admin.email} (password ${admin.password})` : ''}, or try the curl commands above.`,
    'Sandbox commands (in another terminal): npm run sandbox -- help', 'Stop with Ctrl+C. The data stays for the next start (--reset starts over).');
  console.log(lines.join('\n'));
  // A reset from another terminal would swap the database under this running start: it checks this file.
  const pidFile = path.join(account.dataDir, START_PID);
  fs.writeFileSync(pidFile, String(process.pid));
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    fs.rmSync(pidFile, { force: true });
    // A worker thread inside a SQLite statement cannot be stopped, and neither close() nor process.exit()
    // returns while it runs: past LIMITS.stopMs the signal's default action ends the process (SQLite's
    // WAL keeps every committed write).
    setTimeout(() => {
      console.error(`[sandbox] work still running after ${LIMITS.stopMs / 1000} s: stopping now.`);
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }, LIMITS.stopMs).unref();
    if (receiver) await receiver.close();
    await account.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * The demo receiver, when the account has the demo signing secret: it listens where the demo endpoint
 * record points (the port after the account's) and prints each verified event.
 */
async function demoReceiver(account: Account, port: number): Promise<{ url: string, secret: string, close: () => Promise<void> } | null> {
  const row = account.db.prepare<[], { value: string }>("SELECT value FROM sb_secret WHERE scriptid = 'custsecret_el_webhook_demo'").get();
  if (!row) return null;
  const secret = `whsec_${row.value}`;
  const r = await startReceiver({
    secret, port, now: () => account.clock.nowMs(),
    onEvent: (e) => console.log(`[receiver] ${e.type} employee ${e.subject} ${JSON.stringify(Object.keys(e.data.changes))} (event ${e.id}, verified)`),
    onReject: (why) => console.log(`[receiver] refused a request: ${why}`),
  });
  return { url: r.url, secret, close: () => r.close() };
}

/**
 * The demo account's endpoint record points at https://127.0.0.1:8471, the receiver beside the default port.
 * On another port (--port, PORT, or 0 in tests) the receiver listens elsewhere: point the demo endpoint
 * there, as an admin would edit the record, or the demo's events would go to nobody (or to another sandbox).
 */
async function pointDemoEndpoint(account: Account, url: string): Promise<void> {
  const type = 'customrecord_el_webhook_endpoint';
  if (!account.types[type]) return;
  const rows = account.query(`SELECT id, custrecord_el_wh_url AS url FROM ${type} WHERE custrecord_el_wh_secret = 'custsecret_el_webhook_demo'`);
  for (const r of rows) {
    if (r.url !== url && /^https:\/\/127\.0\.0\.1:\d+\/webhooks\/netsuite$/.test(String(r.url))) {
      await account.records.update(type, Number(r.id), { custrecord_el_wh_url: url });
    }
  }
}

/**
 * Who can sign in to the UI, with the passwords of the account file the account was loaded from (the
 * database keeps only their hashes).
 */
function signInCredentials(account: Account): Array<{ email: string, password: string, roles: string }> {
  const source = getSetting(account.db, 'account.source');
  if (!source || source === '(object)') return [];
  let data;
  try {
    data = readAccountFile(source);
  } catch {
    return [];
  }
  return (data.employees || []).filter((e) => e.password && e.email && e.giveAccess && !e.isInactive)
    .map((e) => ({ email: String(e.email), password: String(e.password), roles: (e.roles || []).join(', ') }));
}

/** Boot for a command that runs scripts (trusting as start does), do it, wait for its tasks, close. */
async function withScripts(flags: Flags, work: (account: Account) => Promise<void>): Promise<void> {
  const account = await bootAccount({ ...common(flags), ...trusting(flags), port: false, resumeTasks: false });
  try {
    await work(account);
  } finally {
    await account.tasks.idle();
    await account.close();
  }
}

/**
 * `run`: one Map/Reduce or scheduled script run, then its summary (stage usage, errors, output).
 */
async function run(rest: string[], flags: Flags): Promise<void> {
  const scriptId = need(rest[0], 'run <SCRIPT_ID> [<DEPLOYMENT_ID>]');
  let params: Record<string, unknown> | undefined;
  if (typeof flags.params === 'string') {
    try {
      params = JSON.parse(flags.params) as Record<string, unknown>;
    } catch {
      throw new UsageError(`--params must be a JSON object of parameter values, e.g. '{"custscript_el_x":"value"}', not ${flags.params}.`);
    }
  }
  const account = await bootAccount({ ...common(flags), ...trusting(flags), port: false, resumeTasks: false });
  try {
    const script = account.project.scripts.find((s) => s.scriptid === scriptId.toLowerCase());
    const api = script && script.type === 'scheduledscript' ? account.scheduledScripts : account.mapReduce;
    const taskId = await api.submit(scriptId, rest[1] || null, params);
    const progress = watchProgress(account.db, taskId);
    const summary = await api.wait(taskId).finally(() => progress.stop());
    console.log(JSON.stringify(summary, null, 2));
    if (summary.status !== 'COMPLETE') process.exitCode = 1;
  } catch (e) {
    if (!(e instanceof SandboxError)) throw e;
    console.error(`${e.name}: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await account.tasks.idle();
    await account.close();
  }
}

/** `generate-account`: the account file and, beside it, which employee is which. */
function generate(flags: Flags): void {
  const out = typeof flags.out === 'string' ? path.resolve(flags.out) : null;
  if (!out) throw new UsageError('generate-account needs --out FILE (.json, .yaml or .yml).');
  const num = (name: string): number | undefined => {
    if (flags[name] === undefined) return undefined;
    const n = Number(flags[name]);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, not ${String(flags[name])}.`);
    return n;
  };
  const today = typeof flags.today === 'string' ? flags.today : undefined;
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(`--today is a date YYYY-MM-DD, not ${today}.`);
  let generated;
  try {
    generated = generateAccount({ employees: num('employees'), seed: num('seed'), today });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const { account, truth } = generated;
  fs.writeFileSync(out, /\.ya?ml$/i.test(out) ? YAML.stringify(account) : JSON.stringify(account));
  fs.writeFileSync(out.replace(/(\.[a-z]+)?$/i, '.truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
  console.log(`Wrote ${account.employees.length} employees to ${out}: ${Object.entries(truth).filter(([k]) => k !== 'protectedIds').map(([k, v]) => `${k} ${v.length}`).join(', ')}.`);
  console.log(`Load it with: npm run sandbox -- reset --account ${path.relative(process.cwd(), out)}`);
}

const START_PID = 'start.pid';

/** Refuse to reset the data a running `start` serves. */
function refuseWhileStarted(dataDir: string | undefined): void {
  const pidFile = path.join(dataDir || path.join(PROJECT_ROOT, '.sandbox'), START_PID);
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
  } catch {
    return; // that start is gone (it was killed): its pid file is stale
  }
  throw new CliError(`A sandbox started on this data is running (process ${pid}): stop it with Ctrl+C first, then reset.`);
}

function need(v: string | undefined, usage: string): string {
  if (v === undefined) throw new UsageError(`Missing argument: ${usage}`);
  return v;
}

main().catch((e: unknown) => {
  const err = e as (Error & { code?: string, port?: number }) | null;
  if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
  else if (e instanceof CliError) console.error(e.message);
  else if (e instanceof AccountFileError || (err && (err.name === 'SdfProjectError' || err.name === 'AccessAdminError'))) console.error(err?.message);
  else if (err && err.code === 'EADDRINUSE') console.error(`Port ${String(err.port)} is in use: npm start -- --port <another port> (or PORT=…; the demo receiver takes the next port).`);
  else console.error(e);
  process.exit(1);
});
