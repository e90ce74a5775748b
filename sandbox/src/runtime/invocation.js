// @ts-check
'use strict';
/**
 * One script invocation: its realm, governance meter, N/* modules, who runs it and in which execution
 * context, and the log lines it writes (flushed to sb_log / sb_invocation when it ends).
 */
const { randomUUID } = require('node:crypto');
const { createRealm } = require('./realm');
const { Meter } = require('./governance');
const { exposeModule } = require('./expose');
const { sandboxError } = require('../errors');

/** @type {Record<string, (inv: Invocation) => Record<string, any>>} */
const FACTORIES = {
  'N/record': require('./modules/N-record'),
  'N/search': require('./modules/N-search'),
  'N/query': require('./modules/N-query'),
  'N/runtime': require('./modules/N-runtime'),
  'N/log': require('./modules/N-log'),
  'N/error': require('./modules/N-error'),
  'N/https': require('./modules/N-https'),
  'N/crypto': require('./modules/N-crypto'),
  'N/encode': require('./modules/N-encode'),
  'N/format': require('./modules/N-format'),
  'N/task': require('./modules/N-task'),
  'N/crypto/random': require('./modules/N-crypto-random'),
  'N/ui/serverWidget': require('./modules/N-ui-serverWidget'),
  'N/email': require('./modules/N-email'),
};

/**
 * @typedef {{ script: import('../sdf/project').Script | null, deployment: import('../sdf/project').Deployment | null,
 *   entry: string, executionContext: string, user: number, role: number, userRole?: number, inUserEvent?: boolean, limit: number }} InvocationSpec
 *   role: whose permissions the script has (its Execute as Role, when one applies);
 *   userRole: the role the user is signed in with, which runtime.getCurrentUser() reports (default: role).
 *   Assumption (unverified): Execute as Role changes the permissions only, not the user's role as the
 *   script reads it; kept here and in fireUserEvents.
 */

class Invocation {
  /** @param {import('./engine').Engine} engine @param {InvocationSpec} spec */
  constructor(engine, spec) {
    this.engine = engine;
    this.id = randomUUID();
    this.script = spec.script;
    this.deployment = spec.deployment;
    this.entry = spec.entry;
    this.executionContext = spec.executionContext;
    this.user = spec.user;
    this.role = spec.role;
    this.userRole = spec.userRole ?? spec.role;
    this.inUserEvent = !!spec.inUserEvent;
    this.meter = new Meter(spec.limit);
    this.started = new Date(engine.nowMs()).toISOString();
    /** @type {Array<{ at: string, kind: string, level: string | null, title: string, detail: string, units: number | null }>} */
    this.lines = [];
    /** @type {Map<string, unknown>} */
    this.modules = new Map();
    this.realm = createRealm({ nowMs: () => engine.nowMs() });
    this.realm.context.log = this.module('N/log');
  }

  /** @param {string} id */
  module(id) {
    if (!this.modules.has(id)) {
      const factory = FACTORIES[id];
      if (!factory) throw sandboxError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${id} (the sandbox provides ${Object.keys(FACTORIES).join(', ')}).`);
      this.modules.set(id, exposeModule(this.realm, id, factory(this)));
    }
    return this.modules.get(id);
  }

  /** Who saves when this script saves: its user, role and execution context. */
  actor() {
    return { user: this.user, role: this.role, userRole: this.userRole, executionContext: this.executionContext, inUserEvent: this.inUserEvent, script: true };
  }

  /** @param {string} level @param {string} title @param {string} detail */
  log(level, title, detail) {
    this.lines.push({ at: new Date(this.engine.nowMs()).toISOString(), kind: 'log', level, title, detail, units: null });
  }

  /** @param {string} kind @param {string} detail @param {number} ms */
  trace(kind, detail, ms) {
    this.lines.push({ at: new Date(this.engine.nowMs()).toISOString(), kind, level: null, title: detail, detail: `${ms} ms`, units: null });
  }

  /** Write the invocation and its log lines. @param {string | null} error */
  flush(error) {
    const db = this.engine.db;
    const script = this.script ? this.script.scriptid : null;
    const dep = this.deployment ? this.deployment.scriptid : null;
    db.transaction(() => {
      db.prepare('INSERT INTO sb_invocation (id, script, deployment, entry, context, user, role, started, ended, units, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)')
        .run(this.id, script, dep, this.entry, this.executionContext, this.user, this.role, this.started, new Date(this.engine.nowMs()).toISOString(), this.meter.used, error);
      const ins = db.prepare('INSERT INTO sb_log (at, invocation, script, deployment, kind, level, title, detail, units) VALUES (?,?,?,?,?,?,?,?,?)');
      for (const l of this.lines) ins.run(l.at, this.id, script, dep, l.kind, l.level, l.title, l.detail, l.units);
    }).immediate();
  }
}

module.exports = { Invocation };
