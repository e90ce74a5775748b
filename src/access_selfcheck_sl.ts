/**
 * Integration access self-check: for a role and an authentication method, every feature and permission
 * an integration needs, what the role has, and how to fix each gap. `&format=json` for monitoring.
 *
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { handleSelfCheck } from './access/suitelet';

export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  handleSelfCheck(context.request, context.response);
};
