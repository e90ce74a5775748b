// @ts-check
'use strict';
/**
 * N/task: submit a Map/Reduce or scheduled script deployment (MapReduceScriptTask / ScheduledScriptTask,
 * 20 units a submit) and read a task's status. A worker cannot start a run itself: submit() asks the main
 * thread over the sync bridge, which checks the deployment and queues the run. Status reads come straight
 * from SQLite (sb_task). Other task types fail loudly by name.
 */
const { guard, options, required } = require('../expose');
const { UNITS } = require('../governance');
const { sandboxError } = require('../../errors');
const { partialEnum } = require('../unsupported');
const store = require('../mapreduce/store');

// Values as Oracle's N/task stub defines them (SUITE_QL is 'SUITEQL' there).
const TaskType = { ...Object.fromEntries(['CSV_IMPORT', 'ENTITY_DEDUPLICATION', 'MAP_REDUCE', 'PIVOT', 'QUERY', 'RECORD_ACTION', 'SCHEDULED_SCRIPT', 'SEARCH', 'WORKFLOW_TRIGGER'].map((k) => [k, k])), SUITE_QL: 'SUITEQL' };
const TaskStatus = { PENDING: 'PENDING', PROCESSING: 'PROCESSING', COMPLETE: 'COMPLETE', FAILED: 'FAILED' };
const MapReduceStage = { GET_INPUT: 'GET_INPUT', MAP: 'MAP', SHUFFLE: 'SHUFFLE', REDUCE: 'REDUCE', SUMMARIZE: 'SUMMARIZE' };
const SUPPORTED = new Set(['MAP_REDUCE', 'SCHEDULED_SCRIPT']);

/**
 * The Map/Reduce run an invocation belongs to (set by the stage runner), so that a script resubmitting its
 * own deployment is queued behind the running instance as NetSuite does.
 * @type {WeakMap<import('../invocation').Invocation, string>}
 */
const runningTask = new WeakMap();

/**
 * Properties a script may read but not set (NetSuite: READ_ONLY_PROPERTY).
 * @param {import('../realm').Realm} realm @param {Record<string, unknown>} target @param {Record<string, unknown>} values
 */
function readOnly(realm, target, values) {
  for (const [k, v] of Object.entries(values)) {
    Object.defineProperty(target, k, {
      enumerable: true,
      get: () => v,
      set: () => { throw realm.error('READ_ONLY_PROPERTY', `${k} is read-only.`); },
    });
  }
  return target;
}

/** @param {import('../invocation').Invocation} inv */
module.exports = function createTask(inv) {
  const realm = inv.realm;
  const eng = inv.engine;

  /** @param {'MAP_REDUCE' | 'SCHEDULED_SCRIPT'} kind @param {Record<string, any>} o */
  function scriptTask(kind, o) {
    const name = kind === 'MAP_REDUCE' ? 'MapReduceScriptTask' : 'ScheduledScriptTask';
    /** @type {Record<string, any>} */
    const t = { scriptId: o.scriptId ?? null, deploymentId: o.deploymentId ?? null, params: o.params ?? null };
    t.submit = guard(realm, () => {
      const scriptId = required(t, 'scriptId', `${name}.submit`);
      inv.meter.charge('task.submit', UNITS['task.submit']);
      const id = /** @type {string | null} */ (eng.bridge.call('task.submit', {
        kind, scriptId: String(scriptId), deploymentId: t.deploymentId ? String(t.deploymentId) : null,
        params: t.params == null ? {} : JSON.parse(JSON.stringify(t.params)),
        user: inv.user, role: inv.role, fromTask: runningTask.get(inv) ?? null,
      }));
      inv.lines.push({
        at: new Date(eng.nowMs()).toISOString(), kind: 'task', level: null, units: UNITS['task.submit'],
        title: `${kind} ${scriptId}${t.deploymentId ? `/${t.deploymentId}` : ''} submitted`,
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
    create(/** @type {any[]} */ ...a) {
      const o = options(a, ['taskType']);
      const type = String(required(o, 'taskType', 'task.create'));
      if (!Object.values(TaskType).includes(type)) throw sandboxError('SSS_INVALID_TASK_TYPE', `task.create: unknown taskType ${type}: use task.TaskType.MAP_REDUCE or task.TaskType.SCHEDULED_SCRIPT.`);
      if (!SUPPORTED.has(type)) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `task.create: task.TaskType.${type} is not provided by the sandbox account (it runs MAP_REDUCE and SCHEDULED_SCRIPT tasks).`);
      return scriptTask(/** @type {'MAP_REDUCE' | 'SCHEDULED_SCRIPT'} */ (type), o);
    },
    checkStatus(/** @type {any[]} */ ...a) {
      const taskId = String(required(options(a, ['taskId']), 'taskId', 'task.checkStatus'));
      const t = store.getTask(eng.db, taskId);
      // Unverified: the error NetSuite gives for an unknown task id.
      if (!t) throw sandboxError('SSS_INVALID_TASK_ID', `task.checkStatus: there is no task ${taskId}. Pass the id MapReduceScriptTask.submit() returned.`);
      /** @type {Record<string, unknown>} */
      const status = { taskId: t.id, scriptId: t.script, deploymentId: t.deployment, status: t.status };
      if (t.kind === 'SCHEDULED_SCRIPT') return readOnly(realm, {}, status);
      // stage: the stage running now; null while PENDING and once finished (unverified).
      const stage = t.status === 'PROCESSING' ? t.stage : null;
      /** @param {string} call @param {() => number} fn */
      const metered = (call, fn) => guard(realm, () => {
        inv.meter.charge(`MapReduceScriptTaskStatus.${call}`, 10);
        return fn();
      });
      const counts = (/** @type {string} */ s) => store.keyCounts(eng.db, t.id, s);
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
};
module.exports.runningTask = runningTask;
module.exports.TaskType = TaskType;
