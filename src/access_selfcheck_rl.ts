/**
 * Integration access self-check as a RESTlet, for monitoring with token-based authentication or OAuth 2.0:
 * GET returns the same report as the Suitelet's `&format=json`. Send `Content-Type: application/json`
 * (without it NetSuite refuses to return an object: INVALID_RETURN_DATA_FORMAT).
 *
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { selfCheckReport } from './access/restlet';
import type { JsonReport } from './access/report-json';

export const get: EntryPoints.RESTlet.get<Record<string, string>, JsonReport> = (requestParams) => selfCheckReport(requestParams ?? {});
