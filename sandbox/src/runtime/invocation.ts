/**
 * One script invocation: its realm, governance meter, N/* modules, who runs it and in which execution
 * context, and the log lines it writes (flushed to sb_log / sb_invocation when it ends).
 */
import { randomUUID } from 'node:crypto';
import type { Deployment, Script } from '../sdf/project';
import { sandboxError } from '../errors';
import { transactionOf } from '../storage/statements';
import type { Engine } from './engine';
import { exposeModule } from './expose';
import { Meter } from './governance';
import type { Realm } from './realm';
import type { Loader } from './loader';
import createRecord from './modules/N-record';
import createSearch from './modules/N-search';
import createQuery from './modules/N-query';
import createRuntime from './modules/N-runtime';
import createLog from './modules/N-log';
import createError from './modules/N-error';
import createHttps from './modules/N-https';
import createCrypto from './modules/N-crypto';
import createEncode from './modules/N-encode';
import createFormat from './modules/N-format';
import createTask from './modules/N-task';
import createCryptoRandom from './modules/N-crypto-random';
import createServerWidget from './modules/N-ui-serverWidget';
import createEmail from './modules/N-email';

/** Each N/* module the sandbox provides: a factory of its members for one invocation. */
const FACTORIES: Record<string, (inv: Invocation) => Record<string, unknown>> = {
  'N/record': createRecord,
  'N/search': createSearch,
  'N/query': createQuery,
  'N/runtime': createRuntime,
  'N/log': createLog,
  'N/error': createError,
  'N/https': createHttps,
  'N/crypto': createCrypto,
  'N/encode': createEncode,
  'N/format': createFormat,
  'N/task': createTask,
  'N/crypto/random': createCryptoRandom,
  'N/ui/serverWidget': createServerWidget,
  'N/email': createEmail,
};

/** Whether the sandbox has this N/* module. */
export const providesModule = (id: string): boolean => id in FACTORIES;

export interface InvocationSpec {
  script: Script | null, deployment: Deployment | null,
  entry: string, executionContext: string, user: number,
  /** whose permissions the script has (its Execute as Role, when one applies) */
  role: number,
  /**
   * the role the user is signed in with, which runtime.getCurrentUser() reports (default: role). Execute as
   * Role changes the permissions only, not the user's role as the script reads it; kept here and in
   * fireUserEvents. Assumed (FIDELITY.md, N/runtime: "Execute as Role changes the permissions only").
   */
  userRole?: number,
  inUserEvent?: boolean, limit: number,
}

export interface LogLine { at: string, kind: string, level: string | null, title: string, detail: string, units: number | null }

export class Invocation {
  readonly engine: Engine;
  readonly id: string;
  readonly script: Script | null;
  readonly deployment: Deployment | null;
  readonly entry: string;
  readonly executionContext: string;
  readonly user: number;
  readonly role: number;
  readonly userRole: number;
  readonly inUserEvent: boolean;
  readonly meter: Meter;
  readonly started: string;
  readonly lines: LogLine[] = [];
  readonly modules = new Map<string, unknown>();
  readonly realm: Realm;
  /** loads the script's files into the realm (some may be loaded already: realm-ahead.ts) */
  readonly loader: Loader;

  constructor(engine: Engine, spec: InvocationSpec) {
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
    const ready = engine.takeRealm(spec.script?.scriptfile ?? null);
    this.realm = ready.realm;
    this.loader = ready.start(this);
  }

  module(id: string): unknown {
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

  log(level: string, title: string, detail: string): void {
    this.lines.push({ at: new Date(this.engine.nowMs()).toISOString(), kind: 'log', level, title, detail, units: null });
  }

  trace(kind: string, detail: string, ms: number): void {
    this.lines.push({ at: new Date(this.engine.nowMs()).toISOString(), kind, level: null, title: detail, detail: `${ms} ms`, units: null });
  }

  /** Write the invocation and its log lines. */
  flush(error: string | null): void {
    transactionOf(this.engine.db, writeInvocation).immediate(this, error, new Date(this.engine.nowMs()).toISOString());
  }
}

function writeInvocation(inv: Invocation, error: string | null, ended: string): void {
  const db = inv.engine.db;
  const script = inv.script ? inv.script.scriptid : null;
  const dep = inv.deployment ? inv.deployment.scriptid : null;
  db.prepare('INSERT INTO sb_invocation (id, script, deployment, entry, context, user, role, started, ended, units, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)')
    .run(inv.id, script, dep, inv.entry, inv.executionContext, inv.user, inv.role, inv.started, ended, inv.meter.used, error);
  const ins = db.prepare('INSERT INTO sb_log (at, invocation, script, deployment, kind, level, title, detail, units) VALUES (?,?,?,?,?,?,?,?,?)');
  for (const l of inv.lines) ins.run(l.at, inv.id, script, dep, l.kind, l.level, l.title, l.detail, l.units);
}
