/**
 * What an admin does from the "Leavers" page, confirmed first and run on a POST: offboard one leaver now
 * (their supervisees reassigned to the leaver's own supervisor, when asked), or start the whole run.
 */
import * as record from 'N/record';
import * as task from 'N/task';
import { offboardEmployee } from '../offboarding/offboard';
import * as runtime from 'N/runtime';
import { HOLD, PARAM } from '../offboarding/ids';
import { dueLeavers, holds, supervisees, type LeaverRow } from './data';

export const RUN = { script: 'customscript_el_offboarding_mr', deployment: 'customdeploy_el_offboarding_now' } as const;

export interface Outcome { ok: boolean, message: string }
export type Action = 'approve' | 'run' | 'protect' | 'unprotect';
export const ACTIONS: Action[] = ['approve', 'run', 'protect', 'unprotect'];

const leaver = (id: number | null): LeaverRow | undefined => dueLeavers().find((l) => l.id === id);

export function describe(action: Action, id: number | null, reassign: boolean): Outcome {
  if (action === 'run') {
    const due = dueLeavers();
    const held = due.filter((l) => l.liveTokens || l.supervisees || l.kept).length;
    return { ok: true, message: `Start the leaver run now (live): it offboards the ${due.length - held} leaver${due.length - held === 1 ? '' : 's'} nothing depends on and holds ${held}, as this page shows; the report is emailed to the deployment's recipients.` };
  }
  const l = leaver(id);
  if (!l) return { ok: false, message: `Employee ${String(id)} is not a leaver due for offboarding.` };
  if (action === 'protect') {
    return l.kept ? { ok: false, message: `${l.name} is already protected: ${l.kept}` }
      : { ok: true, message: `Protect ${l.name} (${l.id}): no leaver run offboards them until the protection is lifted here.` };
  }
  if (action === 'unprotect') {
    return !l.kept ? { ok: false, message: `${l.name} is not protected.` }
      : { ok: true, message: `Lift the protection of ${l.name} (${l.id}) (${l.kept}): the next leaver run offboards them unless something else holds them.` };
  }
  if (l.kept) return { ok: false, message: `${l.name} is protected (${l.kept}): lift the protection first.` };
  const parts = [`Offboard ${l.name} (${l.id}) now: inactive, no login access.`];
  if (l.liveTokens) parts.push(`Their ${l.liveTokens} live access token${l.liveTokens === 1 ? '' : 's'} stop working.`);
  if (l.supervisees) {
    if (!reassign) return { ok: false, message: `${l.name} supervises ${l.supervisees} active employee${l.supervisees === 1 ? '' : 's'}: approve with "reassign" so they report to ${l.supervisor ? l.supervisor.name : 'someone'} first.` };
    if (!l.supervisor) return { ok: false, message: `${l.name} supervises ${l.supervisees} active employees and has no supervisor to take them: set their supervisor on each employee first.` };
    const team = supervisees(String(l.id)).people;
    parts.push(`First ${team.map((p) => `${p.name} (${p.id})`).join(', ')} will report to ${l.supervisor.name} (${l.supervisor.id}).`);
  }
  return { ok: true, message: parts.join(' ') };
}

export function perform(action: Action, id: number | null, reassign: boolean): Outcome {
  const check = describe(action, id, reassign);
  if (!check.ok) return check;
  if (action === 'run') {
    const taskId = task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: RUN.script, deploymentId: RUN.deployment, params: { [PARAM.dryRun]: false } }).submit();
    return { ok: true, message: `The leaver run started (task ${taskId}).` };
  }
  const l = leaver(id) as LeaverRow;
  if (action === 'protect') {
    const user = runtime.getCurrentUser();
    const rec = record.create({ type: HOLD.type });
    rec.setValue({ fieldId: 'name', value: `Hold ${l.id}` });
    rec.setValue({ fieldId: HOLD.employee, value: l.id });
    rec.setValue({ fieldId: HOLD.reason, value: `Protected by ${user.name} (user ${user.id}) on ${new Date().toISOString().slice(0, 10)}` });
    rec.save();
    return { ok: true, message: `${l.name} (${l.id}) is protected.` };
  }
  if (action === 'unprotect') {
    for (const h of holds(l.id)) record.delete({ type: HOLD.type, id: h });
    return { ok: true, message: `${l.name} (${l.id}) is no longer protected.` };
  }
  let moved = 0;
  if (l.supervisees && reassign && l.supervisor) {
    // supervisor is inline-editable (facts sheet, Employee record): 5 units each.
    for (const p of supervisees(String(l.id)).people) {
      record.submitFields({ type: record.Type.EMPLOYEE, id: p.id, values: { supervisor: l.supervisor.id } });
      moved += 1;
    }
  }
  const done = offboardEmployee(String(l.id), false);
  return { ok: true, message: `${l.name} (${l.id}) is ${done.status === 'offboarded' ? 'offboarded' : 'already offboarded'}${moved ? `; ${moved} supervisee${moved === 1 ? '' : 's'} now report to ${l.supervisor?.name ?? ''}` : ''}.` };
}
