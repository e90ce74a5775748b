/**
 * The self-check RESTlet's GET: the same JSON report the Suitelet's `format=json` gives, for monitoring
 * tools that log in with a token (a Suitelet needs a UI session). `format` means nothing here: `format=json`
 * is accepted and ignored.
 */
import * as error from 'N/error';
import { isJsonError, reportJson } from './report-json';
import type { JsonReport } from './report-json';
import { runSelfCheck } from './run';

/**
 * Bad input is thrown, not returned: NetSuite then answers HTTP 400 with its RESTlet error shape
 * `{"error":{"code":"INVALID_PARAMETER","message":…}}`. A monitoring tool alerts on the status before it
 * reads a body, so a 200 carrying an error would pass as healthy; the message holds every problem.
 */
export function selfCheckReport(params: Record<string, string | undefined>): JsonReport {
  const body = reportJson(runSelfCheck(params));
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- NetSuite's SuiteScriptError gives the RESTlet's 400 its code; its typing is not an Error subclass
  if (isJsonError(body)) throw error.create({ name: body.error.code, message: body.error.message, notifyOff: true });
  return body;
}
