/**
 * getInputData: check the parameters, apply the guard, list the leavers. The guard counts before any
 * change: map runs per key and cannot see the total, so an oversized live run returns no employees at
 * all, only the guard's reason, which map passes through and summarize reports.
 */
import * as error from 'N/error';
import { countToChange, leaverInput } from './leavers';
import { GUARD_KEY, type GuardStop } from './outcome';
import { currentSettings } from './parameters';
import { guardReason } from './rules';

export function runInput(): ReturnType<typeof leaverInput> | Record<string, string> {
  const { settings, problems } = currentSettings();
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- NetSuite's SuiteScriptError (inputSummary.error shows its name); its typing is not an Error subclass
  if (problems.length) throw error.create({ name: 'OFFBOARDING_BAD_PARAMETERS', message: `Fix the deployment's parameters: ${problems.join(' ')}` });
  // A dry run changes nothing, so it lists everyone and its report says whether a live run would stop.
  if (!settings.dryRun) {
    const toChange = countToChange(settings);
    const reason = guardReason(toChange, settings.maxChanges);
    if (reason) {
      log.audit({ title: 'Offboarding stopped by the guard', details: reason });
      const stop: GuardStop = { toChange, maxChanges: settings.maxChanges, reason };
      return { [GUARD_KEY]: JSON.stringify(stop) };
    }
  }
  return leaverInput();
}
