/**
 * N/task: submit a Map/Reduce or scheduled script deployment (MapReduceScriptTask / ScheduledScriptTask,
 * 20 units a submit) and read a task's status. submit() checks the deployment and queues the task in this
 * thread (mapreduce/submit.ts); the main thread's orchestrator runs it. Status reads come straight from
 * SQLite (sb_task). Other task types fail loudly by name.
 */
import { guard, options, required, type ScriptOptions } from '../expose';
import { UNITS } from '../governance';
import type { Invocation } from '../invocation';
import type { Realm } from '../realm';
import { sandboxError } from '../../errors';
import { partialEnum } from '../unsupported';
import * as store from '../mapreduce/store';
import { asText as text } from '../../text';

type ScriptTaskKind = 'MAP_REDUCE' | 'SCHEDULED_SCRIPT';
/** A MapReduceScriptTask or ScheduledScriptTask as the script fills it in. */
interface ScriptTask { scriptId: unknown, deploymentId: unknown, params: unknown, submit?: () => string | null, toString?: () => string }

// Values as Oracle's N/task stub defines them (SUITE_QL is 'SUITEQL' there).
// Written out (not built with Object.fromEntries) so that its type names every member.
const TaskType = {
  CSV_IMPORT: 'CSV_IMPORT', ENTITY_DEDUPLICATION: 'ENTITY_DEDUPLICATION', MAP_REDUCE: 'MAP_REDUCE', PIVOT: 'PIVOT', QUERY: 'QUERY',
  RECORD_ACTION: 'RECORD_ACTION', SCHEDULED_SCRIPT: 'SCHEDULED_SCRIPT', SEARCH: 'SEARCH', WORKFLOW_TRIGGER: 'WORKFLOW_TRIGGER', SUITE_QL: 'SUITEQL',
};
const TaskStatus = { PENDING: 'PENDING', PROCESSING: 'PROCESSING', COMPLETE: 'COMPLETE', FAILED: 'FAILED' };
const MapReduceStage = { GET_INPUT: 'GET_INPUT', MAP: 'MAP', SHUFFLE: 'SHUFFLE', REDUCE: 'REDUCE', SUMMARIZE: 'SUMMARIZE' };
const SUPPORTED = new Set(['MAP_REDUCE', 'SCHEDULED_SCRIPT']);

/**
 * The Map/Reduce run an invocation belongs to (set by the stage runner), so that a script resubmitting its
 * own deployment is queued behind the running instance as NetSuite does.
 */
const runningTask = new WeakMap<Invocation, string>();

/**
 * Properties a script may read but not set (NetSuite: READ_ONLY_PROPERTY).
 */
function readOnly(realm: Realm, target: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(values)) {
    Object.defineProperty(target, k, {
      enumerable: true,
      get: () => v,
      set: () => { throw realm.error('READ_ONLY_PROPERTY', `${k} is read-only.`); },
    });
  }
  return target;
}

function createTask(inv: Invocation) {
  const realm = inv.realm;
  const eng = inv.engine;

  function scriptTask(kind: ScriptTaskKind, o: ScriptOptions): ScriptTask {
    const name = kind === 'MAP_REDUCE' ? 'MapReduceScriptTask' : 'ScheduledScriptTask';
    const t: ScriptTask = { scriptId: o.scriptId ?? null, deploymentId: o.deploymentId ?? null, params: o.params ?? null };
    t.submit = guard(realm, (): string | null => {
      const scriptId = text(required(t, 'scriptId', `${name}.submit`));
      inv.meter.charge('task.submit', UNITS['task.submit']);
      const id = eng.submitTask({
        kind, scriptId, deploymentId: t.deploymentId ? text(t.deploymentId) : null,
        // a copy: what the script changes after submit() does not reach the run
        params: t.params == null ? {} : JSON.parse(JSON.stringify(t.params)) as Record<string, unknown>,
        user: inv.user, role: inv.role, source: 'script', fromTask: runningTask.get(inv) ?? null,
      });
      inv.lines.push({
        at: new Date(eng.nowMs()).toISOString(), kind: 'task', level: null, units: UNITS['task.submit'],
        title: `${kind} ${scriptId}${t.deploymentId ? `/${text(t.deploymentId)}` : ''} submitted`,
        detail: id ?? 'queued behind the running instance of this deployment (no task id)',
      });
      return id;
    });
    t.toString = () => name;
    return t;
  }

  return {
    TaskType,
    TaskStatus,
    MapReduceStage,
    // For entity deduplication and record action tasks, which the sandbox does not run.
    MasterSelectionMode: partialEnum(realm, 'N/task', 'MasterSelectionMode', {}),
    DedupeMode: partialEnum(realm, 'N/task', 'DedupeMode', {}),
    DedupeEntityType: partialEnum(realm, 'N/task', 'DedupeEntityType', {}),
    ActionCondition: partialEnum(realm, 'N/task', 'ActionCondition', {}),
    create(...a: unknown[]) {
      const o = options(a, ['taskType']);
      const type = String(required(o, 'taskType', 'task.create'));
      if (!Object.values(TaskType).includes(type)) throw sandboxError('SSS_INVALID_TASK_TYPE', `task.create: unknown taskType ${type}: use task.TaskType.MAP_REDUCE or task.TaskType.SCHEDULED_SCRIPT.`);
      if (!SUPPORTED.has(type)) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `task.create: task.TaskType.${type} is not provided by the sandbox account (it runs MAP_REDUCE and SCHEDULED_SCRIPT tasks).`);
      return scriptTask(type as ScriptTaskKind, o);
    },
    checkStatus(...a: unknown[]) {
      const taskId = String(required(options(a, ['taskId']), 'taskId', 'task.checkStatus'));
      eng.sendNotices(); // a script waiting for its task must see it start
      const t = store.getTask(eng.db, taskId);
      // Assumed (FIDELITY.md, N/task: "checkStatus of an unknown task id → SSS_INVALID_TASK_ID").
      if (!t) throw sandboxError('SSS_INVALID_TASK_ID', `task.checkStatus: there is no task ${taskId}. Pass the id MapReduceScriptTask.submit() returned.`);
      const status: Record<string, unknown> = { taskId: t.id, scriptId: t.script, deploymentId: t.deployment, status: t.status };
      if (t.kind === 'SCHEDULED_SCRIPT') return readOnly(realm, {}, status);
      // stage: the stage running now; null while PENDING and once finished. Assumed (FIDELITY.md, N/task: "Status stage").
      const stage = t.status === 'PROCESSING' ? t.stage : null;
      const metered = (call: string, fn: () => number) => guard(realm, () => {
        inv.meter.charge(`MapReduceScriptTaskStatus.${call}`, 10);
        return fn();
      });
      const counts = (s: string) => store.keyCounts(eng.db, t.id, s);
      const cfg = store.runConfig(t);
      const outputStage = cfg && !cfg.hasReduce ? 'map' : 'reduce';
      return readOnly(realm, {
        getPercentageCompleted: metered('getPercentageCompleted', () => {
          if (t.status === 'COMPLETE' || t.status === 'FAILED') return 100;
          if (stage === 'MAP' || stage === 'REDUCE') {
            const c = counts(stage.toLowerCase());
            return c.total ? Math.round((c.done / c.total) * 100) : 0;
          }
          return 0;
        }),
        getTotalMapCount: metered('getTotalMapCount', () => counts('map').total),
        getPendingMapCount: metered('getPendingMapCount', () => { const c = counts('map'); return c.total - c.done; }),
        getTotalReduceCount: metered('getTotalReduceCount', () => counts('reduce').total),
        getPendingReduceCount: metered('getPendingReduceCount', () => { const c = counts('reduce'); return c.total - c.done; }),
        getTotalOutputCount: metered('getTotalOutputCount', () => store.outputs(eng.db, t.id, outputStage).length),
      }, { ...status, stage });
    },
  };
}

createTask.runningTask = runningTask;
createTask.TaskType = TaskType;

export = createTask;
