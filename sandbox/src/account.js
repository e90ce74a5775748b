// @ts-check
'use strict';
/**
 * The sandbox account on the main thread: loads the SDF project, opens (or creates from an account file)
 * the SQLite database, starts the worker pool and the HTTP server, and offers the programmatic API that
 * tests and the CLI use.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadProject } = require('./sdf/project');
const { deployRoles } = require('./storage/deploy-roles');
const { openDatabase, readAccountSettings, getSetting, setSetting } = require('./storage/db');
const { readAccountFile, loadAccount } = require('./storage/account-file');
const { recordTypesFor, suiteqlMeta } = require('./records/types');
const { toRest } = require('./records/rest-shape');
const store = require('./records/store');
const { createSuiteQL } = require('./suiteql/run');
const { WorkerPool } = require('./runtime/pool');
const { sendRequest } = require('./http/outbound');
const { createServer } = require('./http/server');
const { parseDuration } = require('./duration');
const { TaskRunner } = require('./runtime/mapreduce/orchestrator');
const taskStore = require('./runtime/mapreduce/store');
const { Scheduler } = require('./scheduler/scheduler');
const { assignInternalIds } = require('./runtime/deployments');
const { suiteletPath } = require('./runtime/suitelet-deployments');
const { restletPath } = require('./http/restlet-host');
const { createSessions } = require('./http/sessions');
const { signInCookie } = require('./http/sign-in');
const accessAdmin = require('./access-admin');

// The SDF project this package sits in (sandbox/dist/ → the repository root): the default project to run.
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const DEMO_ACCOUNT = path.join(__dirname, 'demo', 'account.yaml');

/**
 * @typedef {{ projectRoot?: string, overlays?: string[], dataDir?: string, accountFile?: string, account?: any,
 *   reset?: boolean, port?: number | false, host?: string, allowHttpLoopback?: boolean,
 *   httpsConnectTimeoutMs?: number, httpsTimeoutMs?: number, trustedCertificates?: string[],
 *   onNote?: (kind: string, detail: string) => void, processors?: number, schedulerIntervalMs?: number,
 *   resumeTasks?: boolean, faults?: { crashBeforeAfterSubmit?: import('./runtime/engine').CrashPoint } }} BootOptions
 *   trustedCertificates: CA certificates (PEM) that scripts' https calls trust beside the public roots,
 *   so a local https receiver with its own certificate can stand in for a real one
 *   processors: SuiteCloud processors, the workers that run Map/Reduce and scheduled scripts (default 2)
 *   schedulerIntervalMs: also tick the scheduler on a real-time timer (default: only account.scheduler.tick())
 *   resumeTasks: start the tasks a previous process left unfinished (default true)
 *   faults: for crash tests only. crashBeforeAfterSubmit: SIGKILL the process when a save of that record type
 *   with that field value has committed, before its afterSubmit runs
 * @typedef {{ as?: { user: number, role: number }, context?: string, lines?: Record<string, Array<Record<string, any>>> }} WriteOptions
 */

class Account {
  /** @param {BootOptions} [o] @returns {Promise<Account>} */
  static async boot(o = {}) {
    const account = new Account(o);
    await account.listen();
    if (o.resumeTasks !== false) account.runner.resume();
    if (o.schedulerIntervalMs) account.scheduler.every(o.schedulerIntervalMs, (e) => account.reportError(e));
    return account;
  }

  /** @param {BootOptions} o */
  constructor(o) {
    this.options = o;
    this.project = loadProject(o.projectRoot || PROJECT_ROOT, { overlays: o.overlays || [] });
    this.types = recordTypesFor(this.project);
    this.dataDir = path.resolve(o.dataDir || path.join(this.project.root, '.sandbox'));
    this.dbFile = path.join(this.dataDir, 'account.sqlite');
    const fresh = o.reset || !fs.existsSync(this.dbFile);
    const source = fresh && !o.account ? o.accountFile || DEMO_ACCOUNT : undefined;
    // Read the account file before the old data goes: a mistyped path must not leave an empty account behind.
    const data = fresh ? o.account || readAccountFile(/** @type {string} */ (source)) : undefined;
    if (fresh) for (const f of ['', '-wal', '-shm']) fs.rmSync(this.dbFile + f, { force: true });
    /** @type {import('better-sqlite3').Database} */
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
    this.suiteql = createSuiteQL(this.db, { meta: suiteqlMeta(this.types), now: () => new Date(this.clock.nowMs()), timeZone: this.settings.timeZone, dateFormat: this.settings.dateFormat });
    const engineOptions = {
      allowHttpLoopback: !!o.allowHttpLoopback,
      httpsConnectTimeoutMs: o.httpsConnectTimeoutMs ?? 5000,
      httpsTimeoutMs: o.httpsTimeoutMs ?? 45000,
      crashBeforeAfterSubmit: o.faults?.crashBeforeAfterSubmit ?? null,
    };
    /** @type {Record<string, (p: any) => Promise<any>>} */
    const bridgeHandlers = {
      https: (p) => sendRequest({ ...p, trusted: o.trustedCertificates }),
      'task.submit': (p) => this.runner.submitFromScript(p),
    };
    const workerData = { dbFile: this.dbFile, project: this.project, options: engineOptions };
    this.pool = new WorkerPool({ size: this.settings.concurrencyLimit + 2, workerData, bridgeHandlers });
    // Map/Reduce and scheduled scripts run on processors of their own, as on NetSuite's SuiteCloud
    // Processors: background work never takes a REST request's worker, and REST traffic never starves it.
    this.processors = new WorkerPool({ size: Math.max(1, o.processors ?? 2), workerData, bridgeHandlers });
    this.server = o.port === false ? null : createServer(this);
    this.url = '';
    const db = this.db;
    this.clock = {
      /** Account time in ms. */
      nowMs: () => Date.now() + Number(getSetting(db, 'clock.offsetMs') || 0),
      now: () => new Date(this.clock.nowMs()),
      /** @param {Date | string} when */
      set: (when) => setSetting(db, 'clock.offsetMs', new Date(/** @type {any} */ (when)).getTime() - Date.now()),
      /** @param {number | string} by ms or a duration such as '5m', '2h', '1d' */
      advance: (by) => setSetting(db, 'clock.offsetMs', Number(getSetting(db, 'clock.offsetMs') || 0) + parseDuration(/** @type {any} */ (by))),
      reset: () => setSetting(db, 'clock.offsetMs', 0),
    };
    this.records = {
      /** @param {string} type @param {Record<string, any>} values @param {WriteOptions} [w] @returns {Promise<number>} */
      create: (type, values, w = {}) => this.recordTask('create', type, undefined, values, w),
      /** @param {string} type @param {number} id @param {Record<string, any>} values @param {WriteOptions} [w] @returns {Promise<number>} */
      update: (type, id, values, w = {}) => this.recordTask('update', type, id, values, w),
      /** An inline edit (xedit), as from a list in the UI. @param {string} type @param {number} id @param {Record<string, any>} values @param {WriteOptions} [w] */
      inlineEdit: (type, id, values, w = {}) => this.recordTask('xedit', type, id, values, w),
      /** @param {string} type @param {number} id @param {WriteOptions} [w] */
      delete: (type, id, w = {}) => this.recordTask('delete', type, id, {}, w),
      /** The record as the REST Record API shows it (sublists expanded), or null. @param {string} type @param {number} id */
      get: (type, id) => {
        const t = this.types[type];
        const stored = t && store.readRecord(this.db, t, id);
        return stored ? toRest(this.db, this.types, t, stored, { baseUrl: this.url, expand: true }) : null;
      },
    };
    this.roles = {
      /** Set a role's permission level as Manage Roles does (NONE removes it). @param {number | string} role @param {string} key @param {string | number} level */
      setPermission: (role, key, level) => accessAdmin.setPermission(db, role, key, level),
    };
    this.tokens = {
      /** Regenerate a TBA access token: a new id and secret, the old token revoked. @param {number} tokenId */
      regenerate: (tokenId) => accessAdmin.regenerateToken(db, tokenId, new Date(this.clock.nowMs()).toISOString()),
    };
    this.runner = new TaskRunner({ db, project: this.project, pool: this.processors, nowMs: () => this.clock.nowMs(), reportError: (e) => this.reportError(e) });
    this.mapReduce = {
      /**
       * Submit a Map/Reduce deployment as "Save and Execute" does (status NOTSCHEDULED or TESTING); without a
       * deployment, the first free one. params override the deployment's parameter values for this run.
       * @param {string} scriptId @param {string | null} [deploymentId] @param {Record<string, unknown>} [params]
       * @param {{ as?: { user: number, role: number } }} [w] @returns {Promise<string>} the task id
       */
      submit: async (scriptId, deploymentId, params, w = {}) => this.submitTask('MAP_REDUCE', scriptId, deploymentId, params, w),
      /** The run's summary once it has finished (see README). @param {string} taskId @returns {Promise<import('./runtime/mapreduce/store').TaskSummary>} */
      wait: (taskId) => this.runner.wait(taskId),
      /** submit, then wait. @param {string} scriptId @param {string | null} [deploymentId] @param {Record<string, unknown>} [params] @param {{ as?: { user: number, role: number } }} [w] @returns {Promise<import('./runtime/mapreduce/store').TaskSummary>} */
      run: async (scriptId, deploymentId, params, w = {}) => this.runner.wait(await this.mapReduce.submit(scriptId, deploymentId, params, w)),
    };
    this.scheduledScripts = {
      /** Submit a scheduled script deployment now. @param {string} scriptId @param {string | null} [deploymentId] @param {Record<string, unknown>} [params] @param {{ as?: { user: number, role: number } }} [w] */
      submit: async (scriptId, deploymentId, params, w = {}) => this.submitTask('SCHEDULED_SCRIPT', scriptId, deploymentId, params, w),
      /** @param {string} taskId @returns {Promise<import('./runtime/mapreduce/store').TaskSummary>} */
      wait: (taskId) => this.runner.wait(taskId),
    };
    this.tasks = {
      /** Resolves when no task is pending or running. */
      idle: () => this.runner.idle(),
      /** A task's row (status, stage, units …), or null. @param {string} taskId @returns {import('./runtime/mapreduce/store').TaskRow | null} */
      get: (taskId) => taskStore.getTask(db, taskId) ?? null,
      /** Recent tasks, newest first. @param {{ script?: string, deployment?: string, limit?: number }} [f] @returns {import('./runtime/mapreduce/store').TaskRow[]} */
      list: (f) => taskStore.listTasks(db, f),
    };
    const scheduler = new Scheduler({
      project: this.project, db, timeZone: this.settings.timeZone, nowMs: () => this.clock.nowMs(), note: (k, d) => this.note(k, d),
      submit: (e) => {
        const as = this.defaultActor();
        return this.runner.submit({ kind: e.kind, scriptId: e.script, deploymentId: e.deployment, user: as.user, role: as.role, source: 'schedule' });
      },
    });
    this.scheduler = {
      /** Run what is due on the account clock. @returns {Promise<string[]>} the ids of the tasks started */
      tick: async () => scheduler.tick(),
      /** The scheduled deployments, their recurrence and last run. */
      deployments: () => scheduler.deployments(),
      /** Deployments with status SCHEDULED the sandbox cannot schedule, and why. */
      problems: scheduler.problems,
      /** @param {number} ms @param {(e: unknown) => void} onError */
      every: (ms, onError) => scheduler.every(ms, onError),
      stop: () => scheduler.stop(),
    };
  }

  /**
   * @param {'MAP_REDUCE' | 'SCHEDULED_SCRIPT'} kind @param {string} scriptId @param {string | null | undefined} deploymentId
   * @param {Record<string, unknown> | undefined} params @param {{ as?: { user: number, role: number } }} w
   */
  submitTask(kind, scriptId, deploymentId, params, w) {
    const as = w.as || this.defaultActor();
    return /** @type {string} */ (this.runner.submit({ kind, scriptId, deploymentId, params, user: as.user, role: as.role, source: 'api' }));
  }

  async listen() {
    if (!this.server) return;
    const server = this.server;
    const port = Number(this.options.port ?? 8470);
    const host = this.options.host || '127.0.0.1';
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(undefined));
    });
    const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
    this.url = `http://${host}:${addr.port}`;
  }

  /** The first active administrator: who acts when a test or the CLI does not say. */
  defaultActor() {
    const row = /** @type {any} */ (this.db.prepare(`SELECT e.id AS user, r.id AS role FROM employee e JOIN employeerolesforsearch er ON er.entity = e.id
      JOIN role r ON r.id = er.role WHERE r.scriptid = 'administrator' AND e.isinactive = 'F' ORDER BY e.id LIMIT 1`).get());
    if (!row) throw new Error('The account has no active employee with the Administrator role: say who acts with { as: { user, role } }.');
    return row;
  }

  /**
   * @param {'create'|'update'|'xedit'|'delete'} op @param {string} type @param {number | undefined} id
   * @param {Record<string, any>} values @param {WriteOptions} w
   */
  recordTask(op, type, id, values, w) {
    const as = w.as || this.defaultActor();
    return this.pool.run('record', { op, type, id, values, lines: w.lines, user: as.user, role: as.role, executionContext: w.context || 'USERINTERFACE' });
  }

  /**
   * SuiteQL as the account's administrator sees it: rows as objects with lowercase keys.
   * @param {string} sql @param {unknown[]} [params]
   */
  query(sql, params = []) {
    const { columns, rows } = this.suiteql.runSuiteQL({ query: sql, params });
    return rows.map((/** @type {unknown[]} */ r) => Object.fromEntries(columns.map((/** @type {string} */ c, /** @type {number} */ i) => [c, r[i]])));
  }

  /**
   * The execution log: script log lines, outbound requests and sandbox notes, oldest first.
   * @param {{ script?: string, kind?: string, since?: number }} [f]
   */
  logs(f = {}) {
    return /** @type {Array<{ seq: number, at: string, script: string | null, deployment: string | null, kind: string, level: string | null, title: string, detail: string }>} */ (
      this.db.prepare(`SELECT seq, at, script, deployment, kind, level, title, detail FROM sb_log
        WHERE (? IS NULL OR script = ?) AND (? IS NULL OR kind = ?) AND seq > ? ORDER BY seq`)
        .all(f.script ?? null, f.script ?? null, f.kind ?? null, f.kind ?? null, f.since ?? 0));
  }

  /** Script invocations with their governance use. @param {{ script?: string }} [f] */
  invocations(f = {}) {
    return /** @type {Array<{ id: string, script: string, deployment: string, entry: string, context: string, units: number, error: string | null }>} */ (
      this.db.prepare('SELECT * FROM sb_invocation WHERE (? IS NULL OR script = ?) ORDER BY started, rowid').all(f.script ?? null, f.script ?? null));
  }

  /**
   * The local mailbox: what scripts sent with N/email, oldest first (addresses resolved from ids).
   * @param {{ to?: string, script?: string, since?: number }} [f] to: an address among recipients, cc or bcc
   */
  mailbox(f = {}) {
    const rows = /** @type {Array<{ id: number, at: string, script: string | null, author: number, sender: string, recipients: string, cc: string, bcc: string, subject: string, body: string, related: string | null }>} */ (
      this.db.prepare('SELECT * FROM sb_mail WHERE (? IS NULL OR script = ?) AND id > ? ORDER BY id').all(f.script ?? null, f.script ?? null, f.since ?? 0));
    const mails = rows.map((r) => ({ ...r, recipients: /** @type {string[]} */ (JSON.parse(r.recipients)), cc: /** @type {string[]} */ (JSON.parse(r.cc)),
      bcc: /** @type {string[]} */ (JSON.parse(r.bcc)), related: r.related ? JSON.parse(r.related) : null }));
    const to = f.to?.toLowerCase();
    return to ? mails.filter((m) => [...m.recipients, ...m.cc, ...m.bcc].some((a) => a.toLowerCase() === to)) : mails;
  }

  /**
   * Sign in as the login page does (sandbox/src/http/sessions.js rules) and get the Cookie header value for
   * requests, e.g. fetch(account.suiteletUrl(…), { headers: { cookie } }). role: internal id or script id,
   * needed when the user has several roles that can log in. Throws NetSuite's login message when refused.
   * @param {{ email: string, password: string, role?: number | string }} o @returns {string}
   */
  signIn(o) {
    return signInCookie(createSessions(this.db, { companyName: () => this.settings.companyName }), o);
  }

  /**
   * A Suitelet deployment's URL, as url.resolveScript gives it (with this account's origin).
   * @param {string} scriptId @param {string | null} [deploymentId] the first deployment when omitted
   * @param {Record<string, unknown>} [params] extra query parameters
   */
  suiteletUrl(scriptId, deploymentId = null, params = {}) {
    return `${this.url}${suiteletPath(this.db, this.project, scriptId, deploymentId, params)}`;
  }

  /**
   * A RESTlet deployment's URL, as url.resolveScript gives it (with this account's origin, where NetSuite
   * uses <account>.restlets.api.netsuite.com). Sign TBA requests over the whole URL, query included.
   * @param {string} scriptId @param {string | null} [deploymentId] the first deployment when omitted
   * @param {Record<string, unknown>} [params] extra query parameters (a GET entry point's requestParams)
   */
  restletUrl(scriptId, deploymentId = null, params = {}) {
    return `${this.url}${restletPath(this.db, this.project, scriptId, deploymentId, params)}`;
  }

  /** @param {string} kind @param {string} detail */
  note(kind, detail) {
    this.db.prepare('INSERT INTO sb_log (at, kind, title, detail) VALUES (?, ?, ?, ?)').run(new Date(this.clock.nowMs()).toISOString(), 'sandbox', kind, detail);
    if (this.options.onNote) this.options.onNote(kind, detail);
  }

  /** @param {unknown} e */
  reportError(e) {
    console.error('[sandbox]', e);
  }

  async close() {
    this.scheduler.stop();
    this.runner.close();
    if (this.server) {
      const server = this.server;
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r(undefined)));
    }
    await Promise.all([this.pool.close(), this.processors.close()]);
    this.db.close();
  }
}

module.exports = { Account, PROJECT_ROOT, DEMO_ACCOUNT };
