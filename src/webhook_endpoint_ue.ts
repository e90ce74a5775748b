/**
 * Webhook endpoint records: a bad configuration is refused at save with what to fix; re-enabling an
 * endpoint clears its failure state.
 *
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import * as error from 'N/error';
import type { EntryPoints } from 'N/types';
import { checkEndpointSave } from './webhooks/endpoint-record';

export const beforeSubmit: EntryPoints.UserEvent.beforeSubmit = (context) => {
  const problems = checkEndpointSave(context);
  if (problems.length) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- NetSuite's SuiteScriptError is what the UI shows; its typing is not an Error subclass
    throw error.create({ name: 'EL_INVALID_WEBHOOK_ENDPOINT', message: `This webhook endpoint cannot be saved: ${problems.join(' ')}`, notifyOff: true });
  }
};
