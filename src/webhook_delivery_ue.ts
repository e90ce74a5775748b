/**
 * Webhook delivery records: checking Replay on a dead or failed delivery queues it again under the same
 * event id, and asks the dispatcher to run.
 *
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { submitDispatcher } from './webhooks/employee-change';
import { DELIVERY } from './webhooks/ids';
import { prepareReplay } from './webhooks/replay';

export const beforeSubmit: EntryPoints.UserEvent.beforeSubmit = (context) => {
  prepareReplay(context);
};

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  if (context.type !== context.UserEventType.DELETE && context.newRecord.getValue({ fieldId: DELIVERY.status }) === 'pending') submitDispatcher();
};
