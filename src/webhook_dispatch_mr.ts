/**
 * The webhook dispatcher: expands outbox records into deliveries and sends due deliveries, one reduce per
 * endpoint and employee so each employee's events arrive in order; retries on the Standard Webhooks
 * schedule.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { dispatchGroup } from './webhooks/dispatch';
import { dispatcherInput, inputRow, reportRun, startAgainIfNew } from './webhooks/dispatch-run';
import { expandOutbox, writeDeliveries, type TargetValue } from './webhooks/expand';

export const config = { retryCount: 0, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => dispatcherInput();

export const map: EntryPoints.MapReduce.map = (context) => {
  const row = inputRow(context.value);
  if (row.kind === 'delivery') context.write({ key: `${row.endpoint}:${row.employee}`, value: row.id });
  else for (const t of expandOutbox(row.id)) context.write({ key: t.key, value: JSON.stringify(t.value) });
};

export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const targets = context.values.filter((v) => v.startsWith('{')).map((v) => JSON.parse(v) as TargetValue);
  const pending = context.values.filter((v) => !v.startsWith('{'));
  const written = writeDeliveries(targets, context.isRestarted, new Date());
  const result = dispatchGroup(context.key.split(':')[0], [...pending, ...written.ids], () => new Date(), written.fresh);
  context.write({ key: context.key, value: JSON.stringify(result) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  startAgainIfNew(reportRun(summary));
};
