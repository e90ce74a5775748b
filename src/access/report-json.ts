/**
 * The self-check for monitoring: one JSON shape, `{role, method, profile, counts, checks, explanation}`,
 * that the Suitelet's `format=json` and the RESTlet both answer, or the error that says what to fix.
 */
import type { Report } from './evaluate';
import type { Explanation } from './explain';
import type { SelfCheckRun } from './run';

export interface JsonReport extends Report {
  explanation: Explanation | null;
}

export interface JsonError {
  error: { code: 'INVALID_PARAMETER'; message: string; problems: string[] };
}

export function reportJson(run: SelfCheckRun): JsonReport | JsonError {
  if (run.report) return { ...run.report, explanation: run.explanation };
  return { error: { code: 'INVALID_PARAMETER', message: run.problems.join(' '), problems: run.problems } };
}

export function isJsonError(body: JsonReport | JsonError): body is JsonError {
  return 'error' in body;
}
