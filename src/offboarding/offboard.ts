/**
 * Offboarding one employee: one load and one save (giveaccess is not inline-editable, so submitFields
 * cannot clear it), with the role removal in the same save, then the two flags read back.
 */
import * as error from 'N/error';
import * as record from 'N/record';
import * as search from 'N/search';
import { isOffboarded } from './rules';

export interface Offboarded {
  status: 'offboarded' | 'already_done';
  rolesRemoved: number;
}

/** Someone saved the employee between our load and our save: load again once, then give up. */
const CHANGED = 'RCRD_HAS_BEEN_CHANGED';

export function offboardEmployee(id: string, removeRoles: boolean): Offboarded {
  try {
    return loadAndSave(id, removeRoles);
  } catch (e) {
    if ((e as { name?: string }).name !== CHANGED) throw e;
    return loadAndSave(id, removeRoles);
  }
}

function loadAndSave(id: string, removeRoles: boolean): Offboarded {
  const rec = record.load({ type: record.Type.EMPLOYEE, id });
  const roles = rec.getLineCount({ sublistId: 'roles' });
  const state = { isInactive: rec.getValue({ fieldId: 'isinactive' }) === true, giveAccess: rec.getValue({ fieldId: 'giveaccess' }) === true, roles };
  if (isOffboarded(state, removeRoles)) return { status: 'already_done', rolesRemoved: 0 };
  rec.setValue({ fieldId: 'isinactive', value: true });
  rec.setValue({ fieldId: 'giveaccess', value: false });
  const rolesRemoved = removeRoles ? roles : 0;
  for (let line = rolesRemoved - 1; line >= 0; line--) rec.removeLine({ sublistId: 'roles', line });
  // A leaver's old record may lack a field made mandatory since: that must not keep them able to log in.
  rec.save({ ignoreMandatoryFields: true });
  const after = search.lookupFields({ type: search.Type.EMPLOYEE, id, columns: ['isinactive', 'giveaccess'] });
  if (after.isinactive !== true || after.giveaccess !== false) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- NetSuite's SuiteScriptError; its typing is not an Error subclass
    throw error.create({
      name: 'OFFBOARDING_NOT_APPLIED',
      message: `The save went through, but the employee reads back as isinactive=${JSON.stringify(after.isinactive)}, giveaccess=${JSON.stringify(after.giveaccess)}: a user event or workflow may have set them back.`,
    });
  }
  return { status: 'offboarded', rolesRemoved };
}
