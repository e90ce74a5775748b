/**
 * The map stage for one input row: skip protected employees and token owners, report a dry run, or
 * offboard; every outcome (a failure included) becomes the key's output, so one employee's error never
 * stops the others and the summary sees who failed and why.
 */
import * as runtime from 'N/runtime';
import { GUARD_KEY, type Outcome } from './outcome';
import { liveTokens, supervisees } from './leavers';
import { queueHeldEvent } from './held-event';
import { offboardEmployee } from './offboard';
import { currentSettings } from './parameters';
import { isHold, skipReason, type Candidate } from './rules';

/** SuiteQL checkboxes are 'T'/'F'. */
const checked = (v: unknown) => v === 'T' || v === true;

export function candidateFromRow(values: unknown[]): Candidate {
  const [id, name, isInactive, giveAccess, tokens, supervisees, kept] = values;
  return {
    id: String(id), name: typeof name === 'string' ? name : '', isInactive: checked(isInactive), giveAccess: checked(giveAccess),
    liveTokens: Number(tokens ?? 0), supervisees: Number(supervisees ?? 0), kept: Number(kept ?? 0) > 0,
  };
}

/** @param restarted the key runs again after a restart (map context isRestarted) */
export function mapRow(key: string, value: string, restarted = false): { key: string; value: string } {
  // getInputData's guard stop passes through unchanged for summarize to report.
  if (key === GUARD_KEY) return { key, value };
  const c = candidateFromRow((JSON.parse(value) as { values: unknown[] }).values);
  const outcome = decideAndApply(c, restarted);
  return { key: c.id, value: JSON.stringify({ ...outcome, inputKey: key }) };
}

function decideAndApply(c: Candidate, restarted: boolean): Outcome {
  const script = runtime.getCurrentScript();
  const start = script.getRemainingUsage();
  const base = { id: c.id, name: c.name };
  const used = () => start - script.getRemainingUsage();
  const { settings } = currentSettings();
  if (skipReason(c, settings) === 'protected') return { ...base, status: 'skipped', reason: 'protected', units: used() };
  // The preflight: what depends on this leaver. The input's counts may be minutes old: what is read now decides.
  const tokens = c.liveTokens > 0 ? liveTokens(c.id) : [];
  const team = c.supervisees > 0 ? supervisees(c.id) : { people: [], successor: null };
  const withTokens = {
    ...(tokens.length ? { tokens } : {}),
    ...(team.people.length ? { supervisees: team.people, successor: team.successor } : {}),
  };
  const reason = skipReason({ ...c, liveTokens: tokens.length, supervisees: team.people.length }, settings);
  if (reason && isHold(reason)) {
    const held: Outcome = { ...base, ...withTokens, status: 'skipped', reason, units: 0 };
    if (!settings.dryRun) held.heldEvent = queueHeldEvent(held);
    return { ...held, units: used() };
  }
  if (settings.dryRun) return { ...base, ...withTokens, status: 'would_offboard', units: used() };
  try {
    const done = offboardEmployee(c.id, settings.removeRoles);
    // The input listed the employee as not yet offboarded; run again after a restart, finding it done means
    // this run's first attempt saved it before the restart cut it short.
    if (done.status === 'already_done' && restarted) done.status = 'offboarded';
    if (done.status === 'offboarded' && tokens.length) {
      log.audit({ title: 'Token owner offboarded', details: `employee ${c.id}: ${tokens.map((t) => `${t.name} (${t.application})`).join(', ')} stop working` });
    }
    return { ...base, ...withTokens, status: done.status, rolesRemoved: done.rolesRemoved, units: used() };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    const message = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
    log.error({ title: 'Offboarding failed', details: `employee ${c.id} (${c.name}): ${message}` });
    return { ...base, ...withTokens, status: 'failed', error: message, units: used() };
  }
}
