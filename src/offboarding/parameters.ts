/** The run's script parameters, read through N/runtime (0 units). */
import * as runtime from 'N/runtime';
import { PARAM } from './ids';
import { readSettings, type Settings } from './settings';

export function currentSettings(): { settings: Settings; problems: string[] } {
  const script = runtime.getCurrentScript();
  const param = (name: string): unknown => script.getParameter({ name });
  const text = (name: string): string | null => {
    const v = param(name);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
  };
  const max = param(PARAM.maxChanges);
  return readSettings({
    dryRun: param(PARAM.dryRun) === true,
    maxChanges: typeof max === 'number' ? max : typeof max === 'string' && max.trim() !== '' ? Number(max) : null,
    protectedIds: text(PARAM.protectedIds),
    removeRoles: param(PARAM.removeRoles) === true,
    allowTokenOwners: param(PARAM.allowTokenOwners) === true,
    recipients: text(PARAM.recipients),
  });
}
