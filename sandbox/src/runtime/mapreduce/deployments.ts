/**
 * Which script and deployment a task runs, and whether it may be submitted: the checks NetSuite makes when
 * a Map/Reduce or scheduled script is submitted from a script, from the UI or by its schedule. Shared by the
 * orchestrator (main thread) and the stage runner (workers), so both read a deployment the same way.
 */
import { sandboxError } from '../../errors';
import { scriptDeployment } from '../../sdf/project';
import type { Script, Deployment } from '../../sdf/project';

export type { Script, Deployment };
export type TaskKind = 'MAP_REDUCE' | 'SCHEDULED_SCRIPT';
export type Source = 'script' | 'api' | 'schedule';

export const SCRIPT_TYPE = { MAP_REDUCE: 'mapreducescript', SCHEDULED_SCRIPT: 'scheduledscript' } as const;
const LABEL: Record<TaskKind, string> = { MAP_REDUCE: 'map/reduce', SCHEDULED_SCRIPT: 'scheduled' };

/**
 * Deployment statuses each way of submitting accepts. A script's task.submit() and the UI's Save and Execute
 * need NOTSCHEDULED (Oracle, "Submitting an On-Demand Map/Reduce Script Deployment"); the sandbox's API also
 * takes TESTING, which the UI can run for its owner. An absent status reads as NOTSCHEDULED (assumed).
 */
const ALLOWED: Record<Source, string[]> = { script: ['NOTSCHEDULED'], api: ['NOTSCHEDULED', 'TESTING'], schedule: ['SCHEDULED'] };

export const statusOf = (d: Deployment): string => String(d.status || 'NOTSCHEDULED').toUpperCase();

export function scriptFor(project: { scripts: Script[] }, kind: TaskKind, scriptId: string): Script {
  const id = String(scriptId || '').toLowerCase();
  const script = project.scripts.find((s) => s.scriptid === id);
  const type = SCRIPT_TYPE[kind];
  if (!script) {
    const known = project.scripts.filter((s) => s.type === type).map((s) => s.scriptid);
    throw sandboxError('SSS_INVALID_SCRIPT_ID', `There is no ${LABEL[kind]} script ${scriptId} in the project${known.length ? ` (it has ${known.join(', ')})` : ''}: check the scriptId, or add Objects/${id || 'customscript_…'}.xml.`);
  }
  if (script.type !== type) {
    throw sandboxError('SSS_INVALID_SCRIPT_ID', `${script.scriptid} is a ${script.type}, not a ${LABEL[kind]} script: submit it with task.TaskType.${kind === 'MAP_REDUCE' ? 'SCHEDULED_SCRIPT' : 'MAP_REDUCE'} if that is what it is, or pick another script.`);
  }
  return script;
}

/**
 * The deployment to run: the one named (checked), or the first free one with an accepted status.
 * @param busy whether the deployment has an unfinished task
 */
export function deploymentFor(
  script: Script, kind: TaskKind, deploymentId: string | null | undefined, source: Source, busy: (deployment: string) => boolean,
): { deployment: Deployment, busy: boolean } {
  const allowed = ALLOWED[source];
  if (deploymentId) {
    const id = String(deploymentId).toLowerCase();
    const deployment = script.deployments.find((d) => d.scriptid === id);
    if (!deployment) {
      throw sandboxError('INVALID_SCRIPT_DEPLOYMENT_ID_1', `${script.scriptid} has no deployment ${deploymentId} (it has ${script.deployments.map((d) => d.scriptid).join(', ') || 'none'}): add it to ${script.xmlFile} or submit one it has.`);
    }
    if (!deployment.isdeployed) {
      throw sandboxError('FAILED_TO_SUBMIT_JOB_REQUEST_1', `${deployment.scriptid} is not deployed (<isdeployed>F</isdeployed>): set it to T in ${script.xmlFile} to run it.`);
    }
    if (!allowed.includes(statusOf(deployment))) {
      throw sandboxError('FAILED_TO_SUBMIT_JOB_REQUEST_1', source === 'schedule'
        ? `${deployment.scriptid} has status ${statusOf(deployment)}: only a SCHEDULED deployment runs on its schedule.`
        : `${deployment.scriptid} has status ${statusOf(deployment)}: only a deployment with status ${allowed.join(' or ')} can be submitted ${source === 'script' ? 'from a script' : 'on demand'}. Set <status>NOTSCHEDULED</status> in ${script.xmlFile}, or submit another deployment.`);
    }
    return { deployment, busy: busy(deployment.scriptid) };
  }
  const candidates = script.deployments.filter((d) => d.isdeployed && allowed.includes(statusOf(d)));
  const free = candidates.find((d) => !busy(d.scriptid));
  if (!free) {
    throw sandboxError('NO_DEPLOYMENTS_AVAILABLE', candidates.length
      ? `Every deployment of ${script.scriptid} with status ${allowed.join(' or ')} (${candidates.map((d) => d.scriptid).join(', ')}) already has an unfinished instance: wait for it, or add another deployment.`
      : `${script.scriptid} has no deployed deployment with status ${allowed.join(' or ')}: add one to ${script.xmlFile}.`);
  }
  return { deployment: free, busy: false };
}

/**
 * Parameter values given to task.create (or the API) for one run, keyed by the script's own parameter ids.
 */
export function runParameters(script: Script, params: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params || {})) {
    const p = script.parameters.find((x) => x.id.toLowerCase() === name.toLowerCase());
    if (!p) {
      throw sandboxError('SSS_INVALID_SCRIPT_PARAMETER', `${script.scriptid} has no parameter ${name} (it has ${script.parameters.map((x) => x.id).join(', ') || 'none'}): add a <scriptcustomfield> to ${script.xmlFile} or drop it from params.`);
    }
    out[p.id] = value;
  }
  return out;
}

/**
 * The script and the deployment as one run sees them: the deployment's parameter values overridden by the
 * run's own (runtime.getCurrentScript().getParameter reads these).
 */
export function runDeployment(
  project: { scripts: Script[] }, scriptId: string, deploymentId: string, params: Record<string, unknown>,
): { script: Script, deployment: Deployment } {
  const found = scriptDeployment(project, scriptId, deploymentId);
  if (!found) throw sandboxError('INVALID_SCRIPT_DEPLOYMENT_ID_1', `${scriptId}/${deploymentId} is no longer in the project: the task cannot run.`);
  const { script, deployment } = found;
  return { script, deployment: { ...deployment, parameters: { ...deployment.parameters, ...params } as Record<string, string> } };
}
