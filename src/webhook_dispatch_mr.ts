/**
 * The webhook dispatcher: sends due deliveries, one reduce per endpoint and employee so each
 * employee's events arrive in order; retries on the Standard Webhooks schedule.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { dispatchGroup } from './webhooks/dispatch';
import { pendingDeliveries, reportRun } from './webhooks/dispatch-run';

export const config = { retryCount: 0, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => pendingDeliveries();

export const map: EntryPoints.MapReduce.map = (context) => {
  const [id, endpoint, employee] = (JSON.parse(context.value) as { values: Array<string | number> }).values;
  context.write({ key: `${endpoint}:${employee}`, value: String(id) });
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const result = dispatchGroup(context.key.split(':')[0], context.values, () => new Date());
  context.write({ key: context.key, value: JSON.stringify(result) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => reportRun(summary);
