/**
 * The sandbox account on the main thread: loads the SDF project, opens (or creates from an account file)
 * the SQLite database, starts the worker pool and the HTTP server, and offers the programmatic API that
 * tests and the CLI use.
 */
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Database } from 'better-sqlite3';
import { loadProject } from './sdf/project';
import { deployRoles } from './storage/deploy-roles';
import { openDatabase, readAccountSettings, getSetting, setSetting } from './storage/db';
import { readAccountFile, loadAccount, type AccountFile } from './storage/account-file';
import { recordTypesFor, suiteqlMeta } from './records/types';
import { toRest } from './records/rest-shape';
import * as store from './records/store';
import { createSuiteQL } from './suiteql/run';
import { WorkerPool } from './runtime/pool';
import { QueryProcesses } from './runtime/query-processes';
import { logSafe } from './limits';
import { sendRequest, type OutboundRequest } from './http/outbound';
import { createServer } from './http/server';
import { parseDuration } from './duration';
import { TaskRunner } from './runtime/mapreduce/orchestrator';
import * as taskStore from './runtime/mapreduce/store';
import type { TaskRow, TaskSummary } from './runtime/mapreduce/store';
import { Scheduler } from './scheduler/scheduler';
import { assignInternalIds } from './runtime/deployments';
import { suiteletPath } from './runtime/suitelet-deployments';
import { restletPath } from './http/restlet-host';
import { createSessions } from './http/sessions';
import { signInCookie } from './http/sign-in';
import * as accessAdmin from './access-admin';
import type { CrashPoint, Notice } from './runtime/engine';

// The SDF project this package sits in (sandbox/dist/ → the repository root): the default project to run.
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const DEMO_ACCOUNT = path.join(__dirname, 'demo', 'account.yaml');
/**
 * The demo account's client credentials mapping: its certificate id, the private key of its certificate (a demo
 * key, published with this repository: for this sandbox only) and a client that gets a token with it.
 */
export const DEMO_M2M = {
  certificateId: 'demo-m2m-certificate-employee-sync-0001',
  privateKey: path.join(__dirname, 'demo', 'm2m', 'employee-sync-key.pem'),
  client: path.join(__dirname, 'demo', 'm2m', 'get-token.js'),
};

export interface BootOptions {
  projectRoot?: string, overlays?: string[], dataDir?: string, accountFile?: string,
  /** the account itself instead of a file (an account file's content) */
  account?: AccountFile,
  reset?: boolean, port?: number | false, host?: string, allowHttpLoopback?: boolean,
  httpsConnectTimeoutMs?: number, httpsTimeoutMs?: number,
  /**
   * CA certificates (PEM) that scripts' https calls trust beside the public roots, so a local https
   * receiver with its own certificate can stand in for a real one
   */
  trustedCertificates?: string[],
  onNote?: (kind: string, detail: string) => void,
  /** SuiteCloud processors, the workers that run Map/Reduce and scheduled scripts (default 2) */
  processors?: number,
  /** also tick the scheduler on a real-time timer (default: only account.scheduler.tick()) */
  schedulerIntervalMs?: number,
  /** start the tasks a previous process left unfinished (default true) */
  resumeTasks?: boolean,
  /**
   * for crash tests only. crashBeforeAfterSubmit: SIGKILL the process when a save of that record type
   * with that field value has committed, before its afterSubmit runs
   */
  faults?: { crashBeforeAfterSubmit?: CrashPoint },
}

/** Who acts: an employee and one of its roles. */
export interface Actor { user: number, role: number }

export interface WriteOptions {
  as?: Actor, context?: string,
  /** sublist id → its lines (field ids → values) */
  lines?: Record<string, Array<Record<string, unknown>>>,
}

type TaskKind = 'MAP_REDUCE' | 'SCHEDULED_SCRIPT';
type Values = Record<string, unknown>;

export interface LogLine { seq: number, at: string, script: string | null, deployment: string | null, kind: string, level: string | null, title: string, detail: string }
export interface InvocationRow { id: string, script: string, deployment: string, entry: string, context: string, units: number, error: string | null }
interface MailRow { id: number, at: string, script: string | null, author: number, sender: string, recipients: string, cc: string, bcc: string, subject: string, body: string, related: string | null }

export class Account {
  static async boot(o: BootOptions = {}): Promise<Account> {
    const account = new Account(o);
    await account.listen();
    if (o.resumeTasks !== false) account.runner.resume();
    if (o.schedulerIntervalMs) account.scheduler.every(o.schedulerIntervalMs, (e) => account.reportError(e));
    return account;
  }

  readonly options: BootOptions;
  readonly project: ReturnType<typeof loadProject>;
  readonly types: ReturnType<typeof recordTypesFor>;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly db: Database;
  readonly settings: ReturnType<typeof readAccountSettings>;
  readonly suiteql: ReturnType<typeof createSuiteQL>;
  readonly pool: WorkerPool;
  readonly processors: WorkerPool;
  /** REST SuiteQL's processes (stoppable; runtime/query-processes.ts) */
  readonly queries: QueryProcesses;
  readonly server: ReturnType<typeof createServer> | null;
  url: string;
  readonly clock: {
    /** Account time in ms. */
    nowMs: () => number,
    now: () => Date,
    set: (when: Date | string) => void,
    /** by: ms or a duration such as '5m', '2h', '1d' */
    advance: (by: number | string) => void,
    reset: () => void,
  };
  readonly records: {
    create: (type: string, values: Values, w?: WriteOptions) => Promise<number>,
    update: (type: string, id: number, values: Values, w?: WriteOptions) => Promise<number>,
    /** An inline edit (xedit), as from a list in the UI. */
    inlineEdit: (type: string, id: number, values: Values, w?: WriteOptions) => Promise<number>,
    delete: (type: string, id: number, w?: WriteOptions) => Promise<number>,
    /** The record as the REST Record API shows it (sublists expanded), or null. */
    get: (type: string, id: number) => ReturnType<typeof toRest> | null,
  };
  readonly roles: {
    /** Set a role's permission level as Manage Roles does (NONE removes it). */
    setPermission: (role: number | string, key: string, level: string | number) => ReturnType<typeof accessAdmin.setPermission>,
  };
  readonly tokens: {
    /** Regenerate a TBA access token: a new id and secret, the old token revoked. */
    regenerate: (tokenId: number) => ReturnType<typeof accessAdmin.regenerateToken>,
  };
  readonly integrations: {
    /** Edit an integration record as Manage Integrations does: State, grants, scopes. */
    update: (id: number, change: accessAdmin.IntegrationChange) => void,
    /** Revoke an OAuth 2.0 client credentials mapping's certificate. */
    revokeCertificate: (certificateId: string) => void,
  };
  readonly runner: TaskRunner;
  readonly mapReduce: {
    /**
     * Submit a Map/Reduce deployment as "Save and Execute" does (status NOTSCHEDULED or TESTING); without a
     * deployment, the first free one. params override the deployment's parameter values for this run.
     * @returns the task id
     */
    submit: (scriptId: string, deploymentId?: string | null, params?: Record<string, unknown>, w?: { as?: Actor }) => Promise<string>,
    /** The run's summary once it has finished (see README). */
    wait: (taskId: string) => Promise<TaskSummary>,
    /** submit, then wait. */
    run: (scriptId: string, deploymentId?: string | null, params?: Record<string, unknown>, w?: { as?: Actor }) => Promise<TaskSummary>,
  };
  readonly scheduledScripts: {
    /** Submit a scheduled script deployment now. */
    submit: (scriptId: string, deploymentId?: string | null, params?: Record<string, unknown>, w?: { as?: Actor }) => Promise<string>,
    wait: (taskId: string) => Promise<TaskSummary>,
  };
  readonly tasks: {
    /** Resolves when no task is pending or running. */
    idle: () => Promise<void>,
    /** A task's row (status, stage, units …), or null. */
    get: (taskId: string) => TaskRow | null,
    /** Recent tasks, newest first. */
    list: (f?: { script?: string, deployment?: string, limit?: number }) => TaskRow[],
  };
  readonly scheduler: {
    /** Run what is due on the account clock. @returns the ids of the tasks started */
    tick: () => Promise<string[]>,
    /** The scheduled deployments, their recurrence and last run. */
    deployments: () => ReturnType<Scheduler['deployments']>,
    /** Deployments with status SCHEDULED the sandbox cannot schedule, and why. */
    problems: Scheduler['problems'],
    every: (ms: number, onError: (e: unknown) => void) => void,
    stop: () => void,
  };

  constructor(o: BootOptions) {
    this.options = o;
    this.project = loadProject(o.projectRoot || PROJECT_ROOT, { overlays: o.overlays || [] });
    this.types = recordTypesFor(this.project);
    this.dataDir = path.resolve(o.dataDir || path.join(this.project.root, '.sandbox'));
    this.dbFile = path.join(this.dataDir, 'account.sqlite');
    const fresh = o.reset || !fs.existsSync(this.dbFile);
    const source = fresh && !o.account ? o.accountFile || DEMO_ACCOUNT : undefined;
    // Read the account file before the old data goes: a mistyped path must not leave an empty account behind.
    const data = fresh ? o.account || readAccountFile(source as string) : undefined;
    if (fresh) for (const f of ['', '-wal', '-shm']) fs.rmSync(this.dbFile + f, { force: true });
    this.db = openDatabase(this.dbFile, { customRecordTypes: this.project.customRecordTypes });
    if (fresh) {
      try {
        loadAccount(this.db, data, { source, types: this.types, nowIso: new Date().toISOString() });
      } catch (e) {
        this.db.close();
        for (const f of ['', '-wal', '-shm']) fs.rmSync(this.dbFile + f, { force: true });
        throw e;
      }
      setSetting(this.db, 'account.source', source || '(object)');
    }
    this.settings = readAccountSettings(this.db);
    assignInternalIds(this.db, this.project);
    // The project's custom roles are deployed like its scripts: present in the account from the first boot on.
    deployRoles(this.db, this.project.roles, this.types);
    const db = this.db;
    this.clock = {
      nowMs: () => Date.now() + Number(getSetting(db, 'clock.offsetMs') || 0),
      now: () => new Date(this.clock.nowMs()),
      set: (when) => setSetting(db, 'clock.offsetMs', new Date(when).getTime() - Date.now()),
      advance: (by) => setSetting(db, 'clock.offsetMs', Number(getSetting(db, 'clock.offsetMs') || 0) + parseDuration(by)),
      reset: () => setSetting(db, 'clock.offsetMs', 0),
    };
    this.suiteql = createSuiteQL(this.db, { meta: suiteqlMeta(this.types), now: () => new Date(this.clock.nowMs()), timeZone: this.settings.timeZone, dateFormat: this.settings.dateFormat });
    const engineOptions = {
      allowHttpLoopback: !!o.allowHttpLoopback,
      httpsConnectTimeoutMs: o.httpsConnectTimeoutMs ?? 5000,
      httpsTimeoutMs: o.httpsTimeoutMs ?? 45000,
      crashBeforeAfterSubmit: o.faults?.crashBeforeAfterSubmit ?? null,
    };
    // What workers ask of the main thread over the sync bridge (payloads as the worker side sends them).
    const bridgeHandlers = {
      https: (p: OutboundRequest) => sendRequest({ ...p, trusted: o.trustedCertificates }),
    };
    // A task a script queued in a worker (N/task's submit): the orchestrator runs it.
    const onNotice = (n: Notice) => this.runner.start(n.taskQueued);
    const workerData = { dbFile: this.dbFile, project: this.project, options: engineOptions };
    this.pool = new WorkerPool({ size: this.settings.concurrencyLimit + 2, workerData: { ...workerData, realmsAhead: true }, bridgeHandlers, onNotice });
    // Map/Reduce and scheduled scripts run on processors of their own, as on NetSuite's SuiteCloud
    // Processors: background work never takes a REST request's worker, and REST traffic never starves it.
    // They make no realms ahead (engine.ts prepareRealms): nobody waits on a stage, and that work would
    // take the CPU from the requests.
    this.processors = new WorkerPool({ size: Math.max(1, o.processors ?? 2), workerData, bridgeHandlers, onNotice });
    this.queries = new QueryProcesses({ size: this.settings.concurrencyLimit, init: workerData, onKill: (why) => this.note('suiteql.stopped', why) });
    this.server = o.port === false ? null : createServer(this);
    this.url = '';
    this.records = {
      create: (type, values, w = {}) => this.recordTask('create', type, undefined, values, w),
      update: (type, id, values, w = {}) => this.recordTask('update', type, id, values, w),
      inlineEdit: (type, id, values, w = {}) => this.recordTask('xedit', type, id, values, w),
      delete: (type, id, w = {}) => this.recordTask('delete', type, id, {}, w),
      get: (type, id) => {
        const t = this.types[type];
        const stored = t && store.readRecord(this.db, t, id);
        return stored ? toRest(this.db, this.types, t, stored, { baseUrl: this.url, expand: true }) : null;
      },
    };
    this.roles = {
      setPermission: (role, key, level) => accessAdmin.setPermission(db, role, key, level),
    };
    this.tokens = {
      regenerate: (tokenId) => accessAdmin.regenerateToken(db, tokenId, new Date(this.clock.nowMs()).toISOString()),
    };
    this.integrations = {
      update: (id, change) => accessAdmin.updateIntegration(db, id, change),
      revokeCertificate: (certificateId) => accessAdmin.revokeCertificate(db, certificateId),
    };
    this.runner = new TaskRunner({ db, project: this.project, pool: this.processors, nowMs: () => this.clock.nowMs(), reportError: (e) => this.reportError(e) });
    this.mapReduce = {
      // async: a refused submission is a rejected promise, not a throw
      submit: async (scriptId, deploymentId, params, w = {}) => Promise.resolve(this.submitTask('MAP_REDUCE', scriptId, deploymentId, params, w)),
      wait: (taskId) => this.runner.wait(taskId),
      run: async (scriptId, deploymentId, params, w = {}) => this.runner.wait(await this.mapReduce.submit(scriptId, deploymentId, params, w)),
    };
    this.scheduledScripts = {
      submit: async (scriptId, deploymentId, params, w = {}) => Promise.resolve(this.submitTask('SCHEDULED_SCRIPT', scriptId, deploymentId, params, w)),
      wait: (taskId) => this.runner.wait(taskId),
    };
    this.tasks = {
      idle: () => this.runner.idle(),
      get: (taskId) => taskStore.getTask(db, taskId) ?? null,
      list: (f) => taskStore.listTasks(db, f),
    };
    const scheduler = new Scheduler({
      project: this.project, db, timeZone: this.settings.timeZone, nowMs: () => this.clock.nowMs(), note: (k: string, d: string) => this.note(k, d),
      submit: (e: { kind: TaskKind, script: string, deployment: string }) => {
        const as = this.defaultActor();
        return this.runner.submit({ kind: e.kind, scriptId: e.script, deploymentId: e.deployment, user: as.user, role: as.role, source: 'schedule' });
      },
    });
    this.scheduler = {
      tick: async () => Promise.resolve(scheduler.tick()),
      deployments: () => scheduler.deployments(),
      problems: scheduler.problems,
      every: (ms, onError) => scheduler.every(ms, onError),
      stop: () => scheduler.stop(),
    };
  }

  submitTask(kind: TaskKind, scriptId: string, deploymentId: string | null | undefined, params: Record<string, unknown> | undefined, w: { as?: Actor }): string {
    const as = w.as || this.defaultActor();
    // Submitted from outside any run, so never queued behind itself: there is always a task id.
    return this.runner.submit({ kind, scriptId, deploymentId, params, user: as.user, role: as.role, source: 'api' }) as string;
  }

  async listen(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    const port = Number(this.options.port ?? 8470);
    const host = this.options.host || '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    this.url = `http://${host}:${addr.port}`;
  }

  /** The first active administrator: who acts when a test or the CLI does not say. */
  defaultActor(): Actor {
    const row = this.db.prepare<[], Actor>(`SELECT e.id AS user, r.id AS role FROM employee e JOIN employeerolesforsearch er ON er.entity = e.id
      JOIN role r ON r.id = er.role WHERE r.scriptid = 'administrator' AND e.isinactive = 'F' ORDER BY e.id LIMIT 1`).get();
    if (!row) throw new Error('The account has no active employee with the Administrator role: say who acts with { as: { user, role } }.');
    return row;
  }

  recordTask(op: 'create' | 'update' | 'xedit' | 'delete', type: string, id: number | undefined, values: Values, w: WriteOptions): Promise<number> {
    const as = w.as || this.defaultActor();
    return this.pool.run('record', { op, type, id, values, lines: w.lines, user: as.user, role: as.role, executionContext: w.context || 'USERINTERFACE' }) as Promise<number>;
  }

  /** SuiteQL as the account's administrator sees it: rows as objects with lowercase keys. */
  query(sql: string, params: unknown[] = []): Array<Record<string, unknown>> {
    const { columns, rows } = this.suiteql.runSuiteQL({ query: sql, params });
    return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  }

  /** The execution log: script log lines, outbound requests and sandbox notes, oldest first. */
  logs(f: { script?: string, kind?: string, since?: number } = {}): LogLine[] {
    return this.db.prepare<unknown[], LogLine>(`SELECT seq, at, script, deployment, kind, level, title, detail FROM sb_log
        WHERE (? IS NULL OR script = ?) AND (? IS NULL OR kind = ?) AND seq > ? ORDER BY seq`)
      .all(f.script ?? null, f.script ?? null, f.kind ?? null, f.kind ?? null, f.since ?? 0);
  }

  /** Script invocations with their governance use. */
  invocations(f: { script?: string } = {}): InvocationRow[] {
    return this.db.prepare<unknown[], InvocationRow>('SELECT * FROM sb_invocation WHERE (? IS NULL OR script = ?) ORDER BY started, rowid').all(f.script ?? null, f.script ?? null);
  }

  /**
   * The local mailbox: what scripts sent with N/email, oldest first (addresses resolved from ids).
   * to: an address among recipients, cc or bcc
   */
  mailbox(f: { to?: string, script?: string, since?: number } = {}) {
    const rows = this.db.prepare<unknown[], MailRow>('SELECT * FROM sb_mail WHERE (? IS NULL OR script = ?) AND id > ? ORDER BY id').all(f.script ?? null, f.script ?? null, f.since ?? 0);
    const mails = rows.map((r) => ({
      ...r, recipients: JSON.parse(r.recipients) as string[], cc: JSON.parse(r.cc) as string[], bcc: JSON.parse(r.bcc) as string[],
      related: r.related ? JSON.parse(r.related) as unknown : null,
    }));
    const to = f.to?.toLowerCase();
    return to ? mails.filter((m) => [...m.recipients, ...m.cc, ...m.bcc].some((a) => a.toLowerCase() === to)) : mails;
  }

  /**
   * Sign in as the login page does (sandbox/src/http/sessions rules) and get the Cookie header value for
   * requests, e.g. fetch(account.suiteletUrl(…), { headers: { cookie } }). role: internal id or script id,
   * needed when the user has several roles that can log in. Throws NetSuite's login message when refused.
   */
  signIn(o: { email: string, password: string, role?: number | string }): string {
    return signInCookie(createSessions(this.db, { companyName: () => this.settings.companyName }), o);
  }

  /**
   * A Suitelet deployment's URL, as url.resolveScript gives it (with this account's origin).
   * @param deploymentId the first deployment when omitted
   * @param params extra query parameters
   */
  suiteletUrl(scriptId: string, deploymentId: string | null = null, params: Record<string, unknown> = {}): string {
    return `${this.url}${suiteletPath(this.db, this.project, scriptId, deploymentId, params)}`;
  }

  /**
   * A RESTlet deployment's URL, as url.resolveScript gives it (with this account's origin, where NetSuite
   * uses <account>.restlets.api.netsuite.com). Sign TBA requests over the whole URL, query included.
   * @param deploymentId the first deployment when omitted
   * @param params extra query parameters (a GET entry point's requestParams)
   */
  restletUrl(scriptId: string, deploymentId: string | null = null, params: Record<string, unknown> = {}): string {
    return `${this.url}${restletPath(this.db, this.project, scriptId, deploymentId, params)}`;
  }

  /** A line of the sandbox's own log (and console): a client's text in it is escaped and cut (limits.ts). */
  note(kind: string, rawDetail: string): void {
    const detail = logSafe(rawDetail);
    this.db.prepare('INSERT INTO sb_log (at, kind, title, detail) VALUES (?, ?, ?, ?)').run(new Date(this.clock.nowMs()).toISOString(), 'sandbox', kind, detail);
    if (this.options.onNote) this.options.onNote(kind, detail);
  }

  /** An unexpected error, on the console: its message escaped (it may quote a client's input), then its stack frames. */
  reportError(e: unknown): void {
    if (!(e instanceof Error)) return console.error('[sandbox]', logSafe(String(e)));
    const frames = (e.stack || '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');
    console.error(`[sandbox] ${logSafe(`${e.name}: ${e.message}`)}${frames ? `\n${frames}` : ''}`);
  }

  async close(): Promise<void> {
    // First: a SuiteQL process may be inside a statement that would never end.
    this.queries.close();
    this.scheduler.stop();
    this.runner.close();
    if (this.server) {
      const server = this.server;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    await Promise.all([this.pool.close(), this.processors.close()]);
    this.db.close();
  }
}
