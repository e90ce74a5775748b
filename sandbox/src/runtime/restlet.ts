/**
 * One RESTlet request, in a worker (task kind 'restlet'): the entry point named after the HTTP method (get,
 * post, put, delete) with the RESTLET execution context and the RESTlet limit of 5,000 units. GET and DELETE
 * get the URL parameters as an object, POST and PUT the body (parsed by the host when it is JSON).
 *
 * What comes back follows the request's Content-Type, as NetSuite's does (Oracle section_4619215993: "the
 * returned data will follow that same format"; without a JSON Content-Type an object return fails with
 * INVALID_RETURN_DATA_FORMAT, as recorded by public clients): to a JSON request an object is sent as JSON
 * and a string as it is; to any other request a string is sent as text/plain and an object is that error.
 * A number or boolean is sent as its text, and an error answers in JSON whatever the request's Content-Type:
 * assumed (FIDELITY.md, RESTlets: "A number or boolean is sent as its text"). An uncaught error answers 400
 * with its name and message, never a stack.
 */
import { LIMITS } from './governance';
import { scriptDeployment } from '../sdf/project';
import * as errors from '../rest-errors';
import type { Engine } from './engine';

/** HTTP method → entry point. */
export const ENTRY_POINTS = Object.freeze({ GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' });

/**
 * argument: what the entry point gets (URL parameters, the parsed JSON body or the raw body);
 * json: the request's Content-Type is application/json
 */
export interface RestletTask {
  script: string, deployment: string, user: number, role: number, method: keyof typeof ENTRY_POINTS,
  argument: unknown, json: boolean,
}
export interface RestletResult { status: number, headers: Record<string, string>, body?: unknown }

const TEXT = 'text/plain; charset=utf-8';

export function handleRestlet(engine: Engine, t: RestletTask): RestletResult {
  const found = scriptDeployment(engine.project, t.script, t.deployment);
  if (!found) throw new Error(`no RESTlet deployment ${t.script}/${t.deployment}`);
  const { script, deployment } = found;
  const run = engine.invoke({
    script, deployment, entry: ENTRY_POINTS[t.method], executionContext: 'RESTLET', user: t.user, role: t.role,
    limit: LIMITS.restlet, optionalEntry: true, args: (inv) => [inv.realm.copy(t.argument)],
  });
  if (run.missingEntry) return errors.restletFailure('methodNotAllowed', ENTRY_POINTS[t.method]);
  if (run.error) return errors.restletError(400, run.error.name, run.error.message);
  return responseFor(run.result, t.json);
}

/** The HTTP response for an entry point's return value. */
function responseFor(value: unknown, json: boolean): RestletResult {
  const contentType = json ? errors.RESTLET_CONTENT_TYPE : TEXT;
  if (value === undefined || value === null) return { status: 200, headers: { 'Content-Type': contentType }, body: '' };
  if (typeof value === 'string') return { status: 200, headers: { 'Content-Type': contentType }, body: value };
  if (json) return { status: 200, headers: { 'Content-Type': contentType }, body: JSON.stringify(value) };
  if (typeof value === 'object') return errors.restletFailure('returnFormat');
  // What is left: a number, boolean, bigint or function, sent as its text.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects were answered above
  return { status: 200, headers: { 'Content-Type': contentType }, body: String(value) };
}
