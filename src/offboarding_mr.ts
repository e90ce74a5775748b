/**
 * Leaver offboarding: employees past their termination date become inactive without login access,
 * except those listed as never to touch and (unless allowed) owners of live access tokens. A guard stops
 * a run that would change too many; summarize logs and emails the report.
 *
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { runInput } from './offboarding/input';
import { mapRow } from './offboarding/map-key';
import { reportRun } from './offboarding/summarize';

export const config = { retryCount: 0, exitOnError: false };

export const getInputData: EntryPoints.MapReduce.getInputData = () => runInput();

export const map: EntryPoints.MapReduce.map = (context) => context.write(mapRow(context.key, context.value, context.isRestarted));

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  reportRun(summary);
};
