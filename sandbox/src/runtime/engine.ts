/**
 * The account as seen from one thread: its database connection, record service, SuiteQL, and the
 * script runner that fires user events and runs entry points with governance.
 */
import type { Database } from 'better-sqlite3';
import { openDatabase, readAccountSettings, getSetting, roleIdByRef } from '../storage/db';
import { recordTypesFor, suiteqlMeta } from '../records/types';
import type { RecordTypeDef } from '../records/types';
import { RecordService } from '../records/operations';
import type { UserEventCall } from '../records/operations';
import { createSuiteQL } from '../suiteql/run';
import { freshRealm, loadedRealm } from './realm-ahead';
import type { ReadyRealm } from './realm-ahead';
import { Invocation } from './invocation';
import type { InvocationSpec } from './invocation';
import { LIMITS } from './governance';
import { scriptRecord } from './modules/script-record';
import { dateText } from '../account-dates';
import { isoDateMs } from '../records/values';
import { queueTask } from './mapreduce/submit';
import type { SubmitRequest } from './mapreduce/submit';
import { sandboxError, SandboxError } from '../errors';
import type { Project, Script, Deployment } from '../sdf/project';

export const UserEventType = Object.fromEntries(['APPROVE', 'CANCEL', 'CHANGEPASSWORD', 'COPY', 'CREATE', 'DELETE', 'DROPSHIP', 'EDIT', 'EDITFORECAST', 'EMAIL', 'MARKCOMPLETE', 'ORDERITEMS', 'PACK', 'PAYBILLS', 'PRINT', 'QUICKVIEW', 'REASSIGN', 'REJECT', 'SHIP', 'SPECIALORDER', 'TRANSFORM', 'VIEW', 'XEDIT']
  .map((k) => [k, k.toLowerCase()]));

export interface CrashPoint { recordType: string, field: string, value: string }
export interface EngineOptions { allowHttpLoopback: boolean, httpsConnectTimeoutMs: number, httpsTimeoutMs: number, crashBeforeAfterSubmit?: CrashPoint | null }
/** What outbound HTTP answers over the bridge (http/outbound.js's sendRequest). */
export interface HttpsAnswer { code: number, headers: Record<string, string>, body: string }
/** Synchronous calls to the main thread (sync-bridge.ts), answered by account.ts's bridge handlers: an https request. */
export interface Bridge {
  call(op: 'https', payload: unknown): HttpsAnswer;
  call(op: string, payload: unknown): unknown;
}
/** What a worker tells the main thread without waiting for an answer: a task it queued, to be started. */
export interface Notice { taskQueued: string }

export type EngineSettings = ReturnType<typeof readAccountSettings>;
type InvokeSpec = InvocationSpec & { args: (inv: Invocation) => unknown[], optionalEntry?: boolean };
export type InvokeResult = { result: unknown, units: number, error: SandboxError | null, invocation: Invocation, missingEntry: false }
  | { result: undefined, units: 0, error: null, invocation: Invocation | null, missingEntry: true };

interface EmployeeRow {
  id: number, entityid: string | null, firstname: string | null, lastname: string | null, email: string | null,
  subsidiary: number | null, department: number | null, location: number | null,
}

export class Engine {
  project: Project;
  options: EngineOptions;
  bridge: Bridge;
  db: Database;
  types: Record<string, RecordTypeDef>;
  settings: EngineSettings;
  clockOffset = 0;
  suiteql: ReturnType<typeof createSuiteQL>;
  records: RecordService;
  ueCache = new Map<string, Array<{ script: Script, deployment: Deployment }>>();
  roleFacts = new Map<string, unknown>();
  /** Optional entry points a script file did not export when this thread loaded it (files are compiled once a thread). */
  missingEntries = new Map<string, Set<string>>();

  /** Tell the main thread without waiting for it (worker.ts posts it). */
  notify: (n: Notice) => void;
  /** Notices not sent yet: see sendNotices. */
  notices: Notice[] = [];
  /** Realms made while the thread was idle (realm-ahead.ts): a fresh one, and by file ones with it loaded. */
  fresh: ReadyRealm | null = null;
  loaded = new Map<string, ReadyRealm>();
  /** Whether this thread makes realms ahead (request workers do; processors do not). */
  realmsAhead: boolean;
  /** Script files invoked since realms were last made ahead, and files whose load cannot be made ahead. */
  ran: string[] = [];
  notAhead = new Set<string>();

  /** o.stopQueriesIf: stops a running SuiteQL statement when true (query-child.ts: its server is gone) */
  constructor(o: { dbFile: string, project: Project, options: EngineOptions, bridge: Bridge, notify?: (n: Notice) => void, realmsAhead?: boolean, stopQueriesIf?: () => boolean }) {
    this.realmsAhead = !!o.realmsAhead;
    this.project = o.project;
    this.options = o.options;
    this.bridge = o.bridge;
    this.notify = o.notify ?? (() => { throw new Error('this thread cannot start tasks'); });
    this.db = openDatabase(o.dbFile, { create: false });
    this.types = recordTypesFor(this.project);
    this.settings = readAccountSettings(this.db);
    this.refreshClock();
    this.suiteql = createSuiteQL(this.db, {
      meta: suiteqlMeta(this.types), now: () => new Date(this.nowMs()), timeZone: this.settings.timeZone, dateFormat: this.settings.dateFormat,
      timeoutMs: this.settings.suiteqlTimeoutMs, stopIf: o.stopQueriesIf,
    });
    this.records = new RecordService({
      db: this.db, types: this.types, dateFormat: this.settings.dateFormat, nowIso: () => new Date(this.nowMs()).toISOString(), fireUserEvents: (c) => this.fireUserEvents(c),
      readsBack: (actor) => !actor.inUserEvent || !!this.options.crashBeforeAfterSubmit,
      access: { permissionLevel: (role, key) => this.permissionLevel(role, key), roleId: (ref) => this.roleId(ref), isAdministrator: (role) => this.isAdministrator(role) },
    });
  }

  /** At the start of each task: re-read the account clock (moved by `sandbox clock`), forget what the last task read. */
  beginTask(): void {
    this.refreshClock();
    this.roleFacts.clear();
    this.records.beginTask();
  }

  refreshClock(): void {
    this.clockOffset = Number(getSetting(this.db, 'clock.offsetMs') || 0);
  }

  /**
   * A role lookup, read once a task. Roles and their permissions change between tasks only (the account
   * file, the project's roles at boot, Manage Roles on the main thread): no script writes them.
   */
  roleFact<T>(key: string, read: () => T): T {
    if (!this.roleFacts.has(key)) this.roleFacts.set(key, read());
    return this.roleFacts.get(key) as T;
  }

  nowMs(): number {
    return Date.now() + this.clockOffset;
  }

  formatDate(iso: string): string {
    return dateText(new Date(isoDateMs(iso)), this.settings.dateFormat);
  }

  userInfo(userId: number, roleId: number) {
    const e: Partial<EmployeeRow> = this.db.prepare<[number], EmployeeRow>('SELECT id, entityid, firstname, lastname, email, subsidiary, department, location FROM employee WHERE id = ?').get(userId) || {};
    const r: Partial<{ id: number, scriptid: string | null }> = this.db.prepare<[number], { id: number, scriptid: string | null }>('SELECT id, scriptid FROM role WHERE id = ?').get(roleId) || {};
    return {
      id: userId, name: e.entityid || `${e.firstname || ''} ${e.lastname || ''}`.trim(), email: e.email || '',
      role: roleId, roleId: r.scriptid || '', subsidiary: e.subsidiary || 0, department: e.department || 0, location: e.location || 0,
    };
  }

  /** Administrator holds every permission at Full. */
  isAdministrator(roleId: number): boolean {
    return this.roleFact(`admin ${roleId}`, () => {
      const role = this.db.prepare<[number], { scriptid: string }>('SELECT scriptid FROM role WHERE id = ?').get(roleId);
      return !!role && role.scriptid === 'administrator';
    });
  }

  permissionLevel(roleId: number, key: string): number {
    if (this.isAdministrator(roleId)) return 4;
    // Standard keys are upper case (LIST_EMPLOYEE); a custom record type's key is its scriptid.
    const permkey = /^customrecord/i.test(key) ? String(key).toLowerCase() : String(key).toUpperCase();
    return this.roleFact(`level ${roleId} ${permkey}`, () => {
      const row = this.db.prepare<[number, string], { permlevel: number | string }>('SELECT permlevel FROM rolepermissions WHERE role = ? AND permkey = ?').get(roleId, permkey);
      return row ? Number(row.permlevel) : 0;
    });
  }

  featureEnabled(feature: string): boolean {
    const row = this.db.prepare<[string], { enabled: string }>('SELECT enabled FROM feature WHERE id = ?').get(String(feature).toUpperCase());
    return !!row && row.enabled === 'T';
  }

  secretValue(scriptid: string): string {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM sb_secret WHERE scriptid = ?').get(String(scriptid).toLowerCase());
    if (!row) throw sandboxError('INVALID_SECRET_KEY', `API secret ${scriptid} does not exist or this script may not use it: create it at Setup > Company > Preferences > API Secrets.`);
    return row.value;
  }

  /**
   * task.submit() from a script: queued here; the main thread starts the run when it gets the notice. Null:
   * queued behind the running instance of its own deployment.
   */
  submitTask(req: SubmitRequest): string | null {
    const { id, start } = queueTask(this.db, this.project, req, new Date(this.nowMs()).toISOString());
    if (!start) return null;
    this.notices.push({ taskQueued: id });
    return id;
  }

  /**
   * Send the notices held back. Waking the main thread in the middle of a script costs a context switch (about
   * a millisecond on a busy machine), so they go out with the thread's next message to it: the task's answer
   * carries them (worker.ts), a bridge call sends them first, and so does a script asking for a task's status.
   */
  sendNotices(): void {
    for (const n of this.notices.splice(0)) this.notify(n);
  }

  /**
   * The realm for a new invocation of `file`: one made ahead if there is one, else a new one. Never one an
   * earlier invocation used, so nothing of it reaches this one.
   */
  takeRealm(file: string | null): ReadyRealm {
    if (file && this.realmsAhead) this.ran.push(file);
    const loaded = file ? this.loaded.get(file) : undefined;
    if (loaded && file) {
      this.loaded.delete(file);
      return loaded;
    }
    const ready = this.fresh ?? freshRealm(this.realmSources);
    this.fresh = null;
    return ready;
  }

  /**
   * Make the realms ahead (the worker calls this when it has answered a task): the files of the last task
   * that ran scripts (the last 3 of them: a save fires each user event of its record type), and a fresh one.
   */
  prepareRealms(): void {
    if (!this.realmsAhead) return;
    if (this.ran.length) {
      const files = [...new Set(this.ran.splice(0).reverse())].slice(0, 3).filter((f) => !this.notAhead.has(f));
      for (const f of this.loaded.keys()) if (!files.includes(f)) this.loaded.delete(f);
      for (const f of files) {
        if (this.loaded.has(f)) continue;
        const ready = loadedRealm(this.realmSources, f);
        if (ready) this.loaded.set(f, ready);
        else this.notAhead.add(f);
      }
    }
    this.fresh ??= freshRealm(this.realmSources);
  }

  get realmSources() {
    return { nowMs: () => this.nowMs(), files: this.project.files };
  }

  /** @param ref role reference from SDF (ADMINISTRATOR, customrole_x, [customrole_x]) */
  roleId(ref: string): number | null {
    return this.roleFact(`ref ${ref}`, () => roleIdByRef(this.db, ref));
  }

  /** User event deployments on a record type, in project order. */
  userEventDeployments(recordType: string): Array<{ script: Script, deployment: Deployment }> {
    let list = this.ueCache.get(recordType);
    if (!list) {
      list = [];
      for (const script of this.project.scripts) {
        if (script.type !== 'usereventscript') continue;
        for (const deployment of script.deployments) {
          const rt = String(deployment.recordtype || '').replace(/^\[(scriptid=)?|\]$/g, '').toLowerCase();
          if (rt === recordType && deployment.isdeployed !== false) list.push({ script, deployment });
        }
      }
      this.ueCache.set(recordType, list);
    }
    return list;
  }

  fireUserEvents(call: UserEventCall): void {
    if (call.stage === 'afterSubmit') this.crashIfAsked(call);
    if (call.actor.inUserEvent) return; // a user event never fires another user event
    for (const { script, deployment } of this.userEventDeployments(call.recordType)) {
      if (this.missingEntries.get(script.scriptfile as string)?.has(call.stage)) continue; // see invoke
      if (deployment.eventtype && String(deployment.eventtype).toLowerCase() !== call.type) continue;
      if (deployment.executioncontext && deployment.executioncontext.length && !deployment.executioncontext.includes(call.actor.executionContext)) continue;
      const status = String(deployment.status || 'RELEASED').toUpperCase();
      if (status === 'TESTING' && this.permissionLevel(call.actor.role, 'ADMI_CUSTOMSCRIPT') < 4) continue; // TESTING: owner (administrators) only
      if (status !== 'RELEASED' && status !== 'TESTING') continue;
      // Execute as Role applies when a person (UI, CSV, web services) saves; "when one script triggers
      // another, the triggered script runs with the first script's role" (Oracle, chapter_N2997500).
      const runAs = deployment.runasrole && !call.actor.script ? this.roleId(deployment.runasrole) : null;
      const out = this.invoke({
        script, deployment, entry: call.stage, executionContext: call.actor.executionContext, user: call.actor.user,
        role: runAs || call.actor.role, userRole: call.actor.userRole ?? call.actor.role, inUserEvent: true, limit: LIMITS.usereventscript, optionalEntry: true,
        args: (inv) => [{
          type: call.type,
          newRecord: call.newRecord ? scriptRecord(inv, call.newRecord) : null,
          oldRecord: call.oldRecord ? scriptRecord(inv, call.oldRecord) : null,
          UserEventType,
        }],
      });
      if (out.error) throw out.error;
    }
  }

  /**
   * Fault injection for crash tests (boot option faults.crashBeforeAfterSubmit): the process dies by SIGKILL
   * after the save has committed and before its afterSubmit user events run, the window in which NetSuite
   * too can lose a user event's work. Off unless a test asks for it.
   */
  crashIfAsked(call: UserEventCall): void {
    const at = this.options.crashBeforeAfterSubmit;
    if (!at || at.recordType !== call.recordType || !call.newRecord) return;
    if (String(call.newRecord.getValue(at.field) ?? '') === at.value) process.kill(process.pid, 'SIGKILL');
  }

  /**
   * Run one entry point of a script.
   * spec.optionalEntry: a script without this entry point is skipped (a user event may define only some).
   * The result's missingEntry: an optional entry point the script does not export (nothing ran).
   */
  invoke(spec: InvokeSpec): InvokeResult {
    const file = (spec.script as Script).scriptfile as string;
    // A missing optional entry point runs nothing and leaves no trace (no sb_invocation row, no log lines):
    // once this thread's load of the file has shown it missing, later invocations skip the realm and the load.
    if (spec.optionalEntry && this.missingEntries.get(file)?.has(spec.entry)) return { result: undefined, units: 0, error: null, invocation: null, missingEntry: true };
    const inv = new Invocation(this, spec);
    let result: unknown;
    let error: SandboxError | null = null;
    try {
      const mod = inv.loader.load(file) as Record<string, unknown> | null | undefined;
      const fn = mod && mod[spec.entry];
      if (typeof fn !== 'function' && spec.optionalEntry) {
        const missing = this.missingEntries.get(file) ?? new Set<string>();
        this.missingEntries.set(file, missing.add(spec.entry));
        return { result: undefined, units: 0, error: null, invocation: inv, missingEntry: true };
      }
      if (typeof fn !== 'function') {
        throw sandboxError('SSS_INVALID_SCRIPT_ENTRY_POINT', `${spec.script?.scriptid}: ${spec.script?.scriptfile} does not export the ${spec.entry} entry point.`);
      }
      result = (fn as (...args: unknown[]) => unknown)(...spec.args(inv));
    } catch (e) {
      error = toHostError(e);
    }
    // Governance exhaustion ends the invocation even if the script caught the error.
    if (!error && inv.meter.exhausted) error = sandboxError('SSS_USAGE_LIMIT_EXCEEDED', 'Script Execution Usage Limit Exceeded');
    if (error) inv.log('ERROR', error.name, error.message);
    inv.flush(error ? `${error.name}: ${error.message}` : null);
    return { result, units: inv.meter.used, error, invocation: inv, missingEntry: false };
  }
}

export function toHostError(e: unknown): SandboxError {
  if (e instanceof SandboxError) return e;
  if (e && typeof e === 'object') {
    // Whatever a script threw: its fields read as text, and an object without a message as its own toString.
    const o = e as { name?: string, code?: string, message?: string, stack?: string, toString(): string };
    const err = sandboxError(String(o.name || o.code || 'UNEXPECTED_ERROR'), String(o.message ?? o));
    if (o.stack) err.stack = String(o.stack);
    return err;
  }
  return sandboxError('UNEXPECTED_ERROR', String(e));
}
