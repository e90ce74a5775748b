/**
 * Leavers: who is due for offboarding and what depends on each (held or ready, as the run would treat
 * them), who is done; approve one (optionally reassigning their supervisees) or run the whole batch.
 * Administrators only. `&format=json` for monitoring.
 *
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { handleLeavers } from './leavers/suitelet';

export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  handleLeavers(context.request, context.response);
};
