// @ts-check
'use strict';
/**
 * The account as seen from one thread: its database connection, record service, SuiteQL, and the
 * script runner that fires user events and runs entry points with governance.
 */
const { openDatabase, readAccountSettings, getSetting, roleIdByRef } = require('../storage/db');
const { recordTypesFor, suiteqlMeta } = require('../records/types');
const { RecordService } = require('../records/operations');
const { createSuiteQL } = require('../suiteql/run');
const { createLoader } = require('./loader');
const { Invocation } = require('./invocation');
const { LIMITS } = require('./governance');
const { scriptRecord } = require('./modules/script-record');
const { formatDate } = require('./modules/N-format');
const { isoDateMs } = require('../records/values');
const { sandboxError, SandboxError } = require('../errors');

const UserEventType = Object.fromEntries(['APPROVE', 'CANCEL', 'CHANGEPASSWORD', 'COPY', 'CREATE', 'DELETE', 'DROPSHIP', 'EDIT', 'EDITFORECAST', 'EMAIL', 'MARKCOMPLETE', 'ORDERITEMS', 'PACK', 'PAYBILLS', 'PRINT', 'QUICKVIEW', 'REASSIGN', 'REJECT', 'SHIP', 'SPECIALORDER', 'TRANSFORM', 'VIEW', 'XEDIT']
  .map((k) => [k, k.toLowerCase()]));

/**
 * @typedef {{ recordType: string, field: string, value: string }} CrashPoint
 * @typedef {{ allowHttpLoopback: boolean, httpsConnectTimeoutMs: number, httpsTimeoutMs: number, crashBeforeAfterSubmit?: CrashPoint | null }} EngineOptions
 * @typedef {{ call(op: string, payload: unknown): any }} Bridge
 */

class Engine {
  /**
   * @param {{ dbFile: string, project: any, options: EngineOptions, bridge: Bridge }} o
   */
  constructor(o) {
    this.project = o.project;
    this.options = o.options;
    this.bridge = o.bridge;
    /** @type {import('better-sqlite3').Database} */
    this.db = openDatabase(o.dbFile, { create: false });
    this.types = recordTypesFor(this.project);
    this.settings = readAccountSettings(this.db);
    this.clockOffset = 0;
    this.refreshClock();
    this.suiteql = createSuiteQL(this.db, {
      meta: suiteqlMeta(this.types), now: () => new Date(this.nowMs()), timeZone: this.settings.timeZone, dateFormat: this.settings.dateFormat,
    });
    this.records = new RecordService({
      db: this.db, types: this.types, nowIso: () => new Date(this.nowMs()).toISOString(), fireUserEvents: (c) => this.fireUserEvents(c),
      access: { permissionLevel: (role, key) => this.permissionLevel(role, key), roleId: (ref) => this.roleId(ref), isAdministrator: (role) => this.isAdministrator(role) },
    });
    /** @type {Map<string, Array<{ script: any, deployment: any }>>} */
    this.ueCache = new Map();
  }

  /** Re-read the account clock (moved by `sandbox clock`); called at the start of each operation. */
  refreshClock() {
    this.clockOffset = Number(getSetting(this.db, 'clock.offsetMs') || 0);
  }

  nowMs() {
    return Date.now() + this.clockOffset;
  }

  /** @param {string} iso */
  formatDate(iso) {
    return formatDate(new Date(isoDateMs(iso)), this.settings.dateFormat);
  }

  /** @param {number} userId @param {number} roleId */
  userInfo(userId, roleId) {
    const e = /** @type {any} */ (this.db.prepare('SELECT id, entityid, firstname, lastname, email, subsidiary, department, location FROM employee WHERE id = ?').get(userId)) || {};
    const r = /** @type {any} */ (this.db.prepare('SELECT id, scriptid FROM role WHERE id = ?').get(roleId)) || {};
    return {
      id: userId, name: e.entityid || `${e.firstname || ''} ${e.lastname || ''}`.trim(), email: e.email || '',
      role: roleId, roleId: r.scriptid || '', subsidiary: e.subsidiary || 0, department: e.department || 0, location: e.location || 0,
    };
  }

  /** Administrator holds every permission at Full. @param {number} roleId */
  isAdministrator(roleId) {
    const role = /** @type {{ scriptid: string } | undefined} */ (this.db.prepare('SELECT scriptid FROM role WHERE id = ?').get(roleId));
    return !!role && role.scriptid === 'administrator';
  }

  /** @param {number} roleId @param {string} key @returns {number} */
  permissionLevel(roleId, key) {
    if (this.isAdministrator(roleId)) return 4;
    // Standard keys are upper case (LIST_EMPLOYEE); a custom record type's key is its scriptid.
    const permkey = /^customrecord/i.test(key) ? String(key).toLowerCase() : String(key).toUpperCase();
    const row = /** @type {any} */ (this.db.prepare('SELECT permlevel FROM rolepermissions WHERE role = ? AND permkey = ?').get(roleId, permkey));
    return row ? Number(row.permlevel) : 0;
  }

  /** @param {string} feature */
  featureEnabled(feature) {
    const row = /** @type {any} */ (this.db.prepare('SELECT enabled FROM feature WHERE id = ?').get(String(feature).toUpperCase()));
    return !!row && row.enabled === 'T';
  }

  /** @param {string} scriptid */
  secretValue(scriptid) {
    const row = /** @type {any} */ (this.db.prepare('SELECT value FROM sb_secret WHERE scriptid = ?').get(String(scriptid).toLowerCase()));
    if (!row) throw sandboxError('INVALID_SECRET_KEY', `API secret ${scriptid} does not exist or this script may not use it: create it at Setup > Company > Preferences > API Secrets.`);
    return row.value;
  }

  /** @param {string} ref role reference from SDF (ADMINISTRATOR, customrole_x, [customrole_x]) @returns {number | null} */
  roleId(ref) {
    return roleIdByRef(this.db, ref);
  }

  /** User event deployments on a record type, in project order. @param {string} recordType */
  userEventDeployments(recordType) {
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

  /** @param {import('../records/operations').UserEventCall} call */
  fireUserEvents(call) {
    if (call.stage === 'afterSubmit') this.crashIfAsked(call);
    if (call.actor.inUserEvent) return; // a user event never fires another user event
    for (const { script, deployment } of this.userEventDeployments(call.recordType)) {
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
   * @param {import('../records/operations').UserEventCall} call
   */
  crashIfAsked(call) {
    const at = this.options.crashBeforeAfterSubmit;
    if (!at || at.recordType !== call.recordType || !call.newRecord) return;
    if (String(call.newRecord.getValue(at.field) ?? '') === at.value) process.kill(process.pid, 'SIGKILL');
  }

  /**
   * Run one entry point of a script.
   * @param {import('./invocation').InvocationSpec & { args: (inv: Invocation) => unknown[], optionalEntry?: boolean }} spec
   *   optionalEntry: a script without this entry point is skipped (a user event may define only some)
   * @returns {{ result: unknown, units: number, error: SandboxError | null, invocation: Invocation, missingEntry: boolean }}
   *   missingEntry: an optional entry point the script does not export (nothing ran)
   */
  invoke(spec) {
    const inv = new Invocation(this, spec);
    let result;
    /** @type {SandboxError | null} */
    let error = null;
    try {
      const loader = createLoader({ realm: inv.realm, files: this.project.files, nativeModule: (id) => inv.module(id) });
      const mod = /** @type {Record<string, unknown>} */ (loader.load(/** @type {any} */ (spec.script).scriptfile));
      const fn = mod && mod[spec.entry];
      if (typeof fn !== 'function' && spec.optionalEntry) return { result: undefined, units: 0, error: null, invocation: inv, missingEntry: true };
      if (typeof fn !== 'function') {
        throw sandboxError('SSS_INVALID_SCRIPT_ENTRY_POINT', `${spec.script?.scriptid}: ${spec.script?.scriptfile} does not export the ${spec.entry} entry point.`);
      }
      result = fn(...spec.args(inv));
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

/** @param {any} e @returns {SandboxError} */
function toHostError(e) {
  if (e instanceof SandboxError) return e;
  if (e && typeof e === 'object') {
    const err = sandboxError(String(e.name || e.code || 'UNEXPECTED_ERROR'), String(e.message ?? e));
    if (e.stack) err.stack = String(e.stack);
    return err;
  }
  return sandboxError('UNEXPECTED_ERROR', String(e));
}

module.exports = { Engine, UserEventType, toHostError };
