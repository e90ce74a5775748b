/**
 * A Map/Reduce error as scripts read it (inputSummary.error, mapSummary.errors, context.errors): the JSON
 * of the SuiteScriptError. The shape follows what NetSuite logs (type, name, message, id, stack as lines,
 * cause with code and details, notifyOff, userFacing); the cause's exact fields are recalled, not checked
 * against an Oracle page.
 */

export function errorJson(e: { name?: string, code?: string, message?: string, stack?: string }): string {
  const name = String(e.code || e.name || 'UNEXPECTED_ERROR');
  const message = String(e.message ?? '');
  const stack = String(e.stack || `${name}: ${message}`).split('\n').map((l) => l.trim()).filter(Boolean);
  return JSON.stringify({
    type: 'error.SuiteScriptError',
    name,
    message,
    id: '',
    stack,
    cause: { type: 'internal error', code: name, details: message, userEvent: null, stackTrace: stack, notifyOff: false },
    notifyOff: false,
    userFacing: true,
  });
}
