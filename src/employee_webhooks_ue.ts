/**
 * Employee change webhooks: every create, edit, inline edit and delete of an employee, from any
 * execution context, becomes signed events in the outbox. It never fails the user's save.
 *
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { recordEmployeeChange } from './webhooks/employee-change';

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  try {
    recordEmployeeChange(context);
  } catch (e) {
    // afterSubmit runs after the commit: a throw would only show the user an error for a save that stands.
    const err = e as { name?: string; message?: string };
    log.error({ title: 'Webhook events not queued', details: `${err.name ?? 'Error'}: ${err.message ?? String(e)} (employee ${String(context.newRecord?.id ?? context.oldRecord?.id)})` });
  }
};
