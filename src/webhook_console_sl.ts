/**
 * Webhook deliveries: each endpoint's health, every delivery and its attempts, replay, recovery since a
 * time, a test event, enable and disable, secret rotation. Administrators only. `&format=json` for monitoring.
 *
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { handleConsole } from './console/suitelet';

export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  handleConsole(context.request, context.response);
};
