/**
 * The webhook change sweep: queues the employee changes no user event recorded (see webhooks/sweep.ts).
 * Each map compares one employee; the summary's report is kept on the sweep record.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { sweepOne, sweepRow } from './webhooks/sweep';
import { reportSweep, sweepInput } from './webhooks/sweep-run';

export const config = { retryCount: 0, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => sweepInput();

export const map: EntryPoints.MapReduce.map = (context) => {
  context.write({ key: sweepOne(sweepRow(context.value)), value: '1' });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  reportSweep(summary);
};
