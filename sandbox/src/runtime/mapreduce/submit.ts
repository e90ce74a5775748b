/**
 * A task submission: the checks NetSuite makes, then the task's row (PENDING). Run on the main thread (the
 * API, the scheduler) and in workers (a script's task.submit(), which so needs no round trip to the main
 * thread); the check and the insert are one IMMEDIATE transaction, so two threads submitting the same
 * deployment at once cannot both find it free.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { sandboxError } from '../../errors';
import { roleIdByRef } from '../../storage/db';
import { transactionOf } from '../../storage/statements';
import type { Project } from '../../sdf/project';
import { scriptFor, deploymentFor, runParameters } from './deployments';
import type { TaskKind, Source } from './deployments';
import * as store from './store';

export interface SubmitRequest {
  kind: TaskKind, scriptId: string, deploymentId?: string | null, params?: Record<string, unknown> | null,
  user: number, role: number, source: Source, fromTask?: string | null,
}

/** 24 random hex digits, upper case: a UUID's random ones (randomUUID draws from a pool; randomBytes asks the OS each time). */
function randomHex24(): string {
  const u = randomUUID();
  return (u.slice(0, 8) + u.slice(9, 13) + u.slice(24)).toUpperCase();
}

/**
 * The new task's id, and whether its run starts now. A run resubmitting its own deployment is queued behind
 * itself (start false); its orchestrator starts it when the running one ends.
 */
export function queueTask(db: Database, project: Project, req: SubmitRequest, nowIso: string): { id: string, start: boolean } {
  return transactionOf(db, checkAndInsert).immediate(db, project, req, nowIso);
}

function checkAndInsert(db: Database, project: Project, req: SubmitRequest, nowIso: string): { id: string, start: boolean } {
  const script = scriptFor(project, req.kind, req.scriptId);
  const unfinished = (dep: string) => store.unfinishedTasks(db, dep).filter((x) => x.script === script.scriptid);
  const { deployment, busy } = deploymentFor(script, req.kind, req.deploymentId, req.source, (d) => unfinished(d).length > 0);
  const params = runParameters(script, req.params);
  let role = req.role;
  if (deployment.runasrole) {
    const r = roleIdByRef(db, deployment.runasrole);
    if (r === null) throw sandboxError('INVALID_ROLE', `${deployment.scriptid} runs as ${deployment.runasrole}, which is not a role of this account: fix <runasrole> in ${script.xmlFile} or add the role to the account file.`);
    role = r;
  }
  if (busy) {
    const current = unfinished(deployment.scriptid);
    const resubmitsItself = !!req.fromTask && current.length === 1 && current[0].id === req.fromTask;
    if (!resubmitsItself) {
      throw sandboxError(req.kind === 'MAP_REDUCE' ? 'MAP_REDUCE_ALREADY_RUNNING' : 'FAILED_TO_SUBMIT_JOB_REQUEST_1',
        `${script.scriptid}/${deployment.scriptid} already has an unfinished instance (task ${current[0].id}, ${current[0].status}): wait for it to finish, or submit another deployment of the script.`);
    }
  }
  const id = `${req.kind === 'MAP_REDUCE' ? 'MAPREDUCETASK' : 'SCHEDSCRIPT'}_${randomHex24()}`;
  store.insertTask(db, {
    id, kind: req.kind, script: script.scriptid, deployment: deployment.scriptid, status: 'PENDING', source: req.source,
    params: JSON.stringify(params), user: req.user, role, submitted: nowIso,
  });
  return { id, start: !busy };
}
