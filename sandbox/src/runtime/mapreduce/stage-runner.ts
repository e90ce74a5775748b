/**
 * One stage invocation of a background task, in a worker (task kind 'task'): getInputData, one map key,
 * one reduce key, summarize, or a scheduled script's execute. Each is an engine.invoke with its own
 * governance meter, the run's user and role and the MAPREDUCE (or SCHEDULED) execution context. The
 * result goes back to the orchestrator as plain data; it persists it.
 */
import { LIMITS } from '../governance';
import { Invocation } from '../invocation';
import { createLoader } from '../loader';
import { toHostError } from '../engine';
import type { Engine } from '../engine';
import { runningTask } from '../modules/N-task';
import { runDeployment } from './deployments';
import type { Script, Deployment } from './deployments';
import { inputEntries } from './input';
import { errorJson } from './error-json';
import * as contexts from './contexts';
import { sandboxError } from '../../errors';
import type { SandboxError } from '../../errors';
import type { KeyError, Pair, RunConfig } from './store';

export type { RunConfig };

/** context.InvocationType of a scheduled script. */
export const InvocationType = { SCHEDULED: 'SCHEDULED', ON_DEMAND: 'ON_DEMAND', USER_INTERFACE: 'USER_INTERFACE', ABORTED: 'ABORTED', SKIPPED: 'SKIPPED' };

export interface StageTask {
  taskId: string, kind: 'MAP_REDUCE' | 'SCHEDULED_SCRIPT', stage: 'input' | 'map' | 'reduce' | 'summarize' | 'execute',
  script: string, deployment: string, params: Record<string, unknown>, user: number, role: number, isRestarted?: boolean,
  key?: string, value?: string, values?: string[], executionNo?: number,
  errors?: KeyError[], invocationType?: string,
}
export interface StageResult {
  units: number, error: string | null, output?: Pair[],
  entries?: Pair[], config?: RunConfig,
}

interface StageBase { script: Script, deployment: Deployment, user: number, role: number, executionContext: string }

export function handleTaskStage(engine: Engine, t: StageTask): StageResult {
  const { script, deployment } = runDeployment(engine.project, t.script, t.deployment, t.params);
  const base: StageBase = { script, deployment, user: t.user, role: t.role, executionContext: t.kind === 'SCHEDULED_SCRIPT' ? 'SCHEDULED' : 'MAPREDUCE' };
  const invoke = (entry: string, limit: number, args: (inv: Invocation) => unknown[]) => engine.invoke({
    ...base, entry, limit,
    args: (inv) => {
      runningTask.set(inv, t.taskId);
      return args(inv);
    },
  });
  const done = (out: { units: number, error: SandboxError | null }, written?: Pair[]): StageResult => ({ units: out.units, error: out.error ? errorJson(out.error) : null, output: out.error ? [] : written || [] });

  switch (t.stage) {
    case 'execute':
      return done(invoke('execute', LIMITS.scheduledscript, () => [{ type: t.invocationType || InvocationType.ON_DEMAND, InvocationType }]));
    case 'input': {
      let config: RunConfig | undefined;
      let configError: SandboxError | null = null;
      try {
        config = runConfig(engine, base);
      } catch (e) {
        // A module that does not load fails getInputData's invocation below too, with the same error.
        configError = toHostError(e);
      }
      const out = invoke('getInputData', LIMITS['mapreducescript.getInputData'], () => [contexts.inputContext(t)]);
      if (out.error) return { units: out.units, error: errorJson(out.error), config };
      try {
        if (configError || !config) throw configError || sandboxError('SSS_INVALID_SCRIPT_ENTRY_POINT', `${script.scriptid}: its module could not be read.`);
        return { units: out.units, error: null, entries: inputEntries(engine, out.result), config };
      } catch (e) {
        const err = toHostError(e);
        if (out.invocation) failInvocation(engine, out.invocation, err);
        return { units: out.units, error: errorJson(err), config };
      }
    }
    case 'map': {
      const written: Pair[] = [];
      const out = invoke('map', LIMITS['mapreducescript.map'], (inv) => [contexts.mapContext(inv, {
        key: String(t.key), value: String(t.value), executionNo: t.executionNo || 1, errors: t.errors || [],
      }, written)]);
      return done(out, written);
    }
    case 'reduce': {
      const written: Pair[] = [];
      const out = invoke('reduce', LIMITS['mapreducescript.reduce'], (inv) => [contexts.reduceContext(inv, {
        key: String(t.key), values: t.values || [], executionNo: t.executionNo || 1, errors: t.errors || [],
      }, written)]);
      return done(out, written);
    }
    case 'summarize':
      return done(invoke('summarize', LIMITS['mapreducescript.summarize'], (inv) => [contexts.summaryContext(inv, t.taskId, t)]));
    default:
      throw new Error(`unknown task stage ${String((t as { stage: unknown }).stage)}`);
  }
}

/**
 * The script's `config` export (retryCount 0–3, exitOnError) and which entry points it has, read by loading
 * the module once in a realm of its own (its invocation is never recorded).
 */
function runConfig(engine: Engine, base: StageBase): RunConfig {
  const inv = new Invocation(engine, { ...base, entry: 'config', limit: LIMITS['mapreducescript.getInputData'] });
  const loader = createLoader({ realm: inv.realm, files: engine.project.files, nativeModule: (id) => inv.module(id) });
  const mod = (loader.load(base.script.scriptfile as string) || {}) as Record<string, unknown>;
  const raw = (mod.config && typeof mod.config === 'object' ? mod.config : {}) as { retryCount?: unknown, exitOnError?: unknown };
  const where = `${base.script.scriptid} (${base.script.scriptfile})`;
  const retryCount = raw.retryCount === undefined ? 0 : Number(raw.retryCount);
  if (!Number.isInteger(retryCount) || retryCount < 0 || retryCount > 3) {
    throw sandboxError('SSS_INVALID_SCRIPT_CONFIG', `${where}: config.retryCount must be a whole number from 0 to 3, not ${JSON.stringify(raw.retryCount)}.`);
  }
  const has = (name: string) => typeof mod[name] === 'function';
  if (!has('map') && !has('reduce')) {
    throw sandboxError('SSS_INVALID_SCRIPT_ENTRY_POINT', `${where} exports neither map nor reduce: a map/reduce script needs at least one of them.`);
  }
  return { retryCount, exitOnError: raw.exitOnError === true, hasMap: has('map'), hasReduce: has('reduce'), hasSummarize: has('summarize') };
}

/**
 * A failure found after the invocation ended (what getInputData returned cannot be run): recorded on that
 * invocation, so its execution log shows it.
 */
function failInvocation(engine: Engine, inv: Invocation, err: SandboxError): void {
  const db = engine.db;
  db.transaction(() => {
    db.prepare('UPDATE sb_invocation SET error = ? WHERE id = ?').run(`${err.name}: ${err.message}`, inv.id);
    db.prepare('INSERT INTO sb_log (at, invocation, script, deployment, kind, level, title, detail) VALUES (?,?,?,?,?,?,?,?)')
      .run(new Date(engine.nowMs()).toISOString(), inv.id, inv.script?.scriptid ?? null, inv.deployment?.scriptid ?? null, 'log', 'ERROR', err.name, err.message);
  }).immediate();
}
