/**
 * One Suitelet request, in a worker (task kind 'suitelet'): onRequest({ request, response }) with the
 * SUITELET execution context and the Suitelet limit of 1,000 units. request is an http.ServerRequest,
 * response an http.ServerResponse that collects the status, headers and body sent back by the main thread.
 * An uncaught error comes back as its name and message only: the page never shows a stack trace.
 */
import http from 'node:http';
import { LIMITS } from './governance';
import { scriptDeployment } from '../sdf/project';
import { options, hostObject } from './expose';
import { formModels } from './modules/N-ui-serverWidget';
import { suiteletPath } from './suitelet-deployments';
import { RedirectType } from './modules/N-https';
import { renderForm } from '../ui/form-page';
import * as store from '../records/store';
import { sandboxError } from '../errors';
import type { Chrome } from '../ui/html';
import type { Engine } from './engine';
import type { Invocation } from './invocation';

/** url: the full URL without its query string; path: path and query, where the form posts back to */
export interface RequestData {
  method: string, url: string, path: string, headers: Record<string, string>, parameters: Record<string, string>,
  body: string, clientIpAddress: string,
}
export interface SuiteletTask { script: string, deployment: string, user: number, role: number, request: RequestData, chrome: Chrome }
export type SuiteletResult = { status: number, headers: Array<[string, string]>, body: string } | { error: { name: string, message: string } };
/** What the ServerResponse collects while onRequest runs. */
interface Collected { status: number, headers: Array<[string, string]>, body: string[] }

// NetSuite's default Suitelet content type, taken to be HTML in UTF-8. Assumed (FIDELITY.md, Suitelets and the UI
// sign-in: "Default response Content-Type text/html; charset=UTF-8").
const DEFAULT_CONTENT_TYPE = 'text/html; charset=UTF-8';

export function handleSuitelet(engine: Engine, t: SuiteletTask): SuiteletResult {
  const found = scriptDeployment(engine.project, t.script, t.deployment);
  if (!found) throw new Error(`no Suitelet deployment ${t.script}/${t.deployment}`);
  const { script, deployment } = found;
  const out: Collected = { status: 200, headers: [['Content-Type', DEFAULT_CONTENT_TYPE]], body: [] };
  const run = engine.invoke({
    script, deployment, entry: 'onRequest', executionContext: 'SUITELET', user: t.user, role: t.role, limit: LIMITS.suitelet,
    args: (inv) => [{ request: serverRequest(inv, t.request), response: serverResponse(inv, t, out) }],
  });
  if (run.error) return { error: { name: run.error.name, message: run.error.message } };
  return { status: out.status, headers: out.headers, body: out.body.join('') };
}

function serverRequest(inv: Invocation, r: RequestData) {
  return hostObject(inv.realm, 'http.ServerRequest', {
    method: r.method,
    url: r.url,
    headers: inv.realm.copy(r.headers),
    parameters: inv.realm.copy(r.parameters),
    body: r.body,
    clientIpAddress: r.clientIpAddress,
    files: inv.realm.copy({}),
    toString: () => 'http.ServerRequest',
  });
}

function serverResponse(inv: Invocation, t: SuiteletTask, out: Collected) {
  const eng = inv.engine;
  const header = (a: unknown[], where: string) => {
    const o = options(a, ['name', 'value']);
    if (o.name == null || o.name === '') throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: name`);
    if (o.value == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: value`);
    const name = String(o.name), value = String(o.value);
    try {
      http.validateHeaderName(name);
      http.validateHeaderValue(name, value);
    } catch {
      throw sandboxError('SSS_INVALID_HEADER', 'One or more headers are not valid.');
    }
    return { name, value };
  };
  const drop = (name: string) => { out.headers = out.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()); };
  const output = (a: unknown[], where: string): string => {
    const o = options(a, ['output']);
    if (o.output == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: output`);
    // The code is assumed (FIDELITY.md, Suitelets and the UI sign-in: "write/writeLine take strings only").
    if (typeof o.output !== 'string') throw sandboxError('WRONG_PARAMETER_TYPE', `${where}: output must be a string; JSON.stringify objects first.`);
    return o.output;
  };
  return hostObject(inv.realm, 'http.ServerResponse', {
    get headers() {
      return inv.realm.copy(Object.fromEntries(out.headers));
    },
    write: (...a: unknown[]) => { out.body.push(output(a, 'ServerResponse.write')); },
    writeLine: (...a: unknown[]) => { out.body.push(`${output(a, 'ServerResponse.writeLine')}\n`); },
    writePage(...a: unknown[]) {
      const arg = a[0] as { pageObject?: unknown } | null | undefined;
      const form = arg && (formModels.get(arg) || formModels.get(arg.pageObject as object));
      if (!form) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.writePage: Missing a required argument: pageObject (a serverWidget.Form)');
      out.body.push(renderForm(form, { action: t.request.path, chrome: t.chrome, optionsFor: (source) => sourceOptions(eng, source) }));
    },
    setHeader: (...a: unknown[]) => {
      const h = header(a, 'ServerResponse.setHeader');
      drop(h.name);
      out.headers.push([h.name, h.value]);
    },
    addHeader: (...a: unknown[]) => {
      const h = header(a, 'ServerResponse.addHeader');
      out.headers.push([h.name, h.value]);
    },
    getHeader(...a: unknown[]) {
      const name = String(options(a, ['name']).name ?? '');
      if (!name) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.getHeader: Missing a required argument: name');
      const values = out.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
      return values.length > 1 ? inv.realm.copy(values) : values[0] ?? null;
    },
    sendRedirect(...a: unknown[]) {
      const o = options(a, ['type', 'identifier', 'id', 'editMode', 'parameters']);
      if (o.type == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.sendRedirect: Missing a required argument: type');
      if (o.identifier == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.sendRedirect: Missing a required argument: identifier');
      const type = String(o.type).toUpperCase();
      if (type !== RedirectType.SUITELET) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `ServerResponse.sendRedirect: type ${o.type} is not provided by the sandbox account (it serves Suitelets only).`);
      const params = (o.parameters && typeof o.parameters === 'object' ? o.parameters : {}) as Record<string, unknown>;
      out.status = 302;
      drop('Location');
      out.headers.push(['Location', suiteletPath(eng.db, eng.project, String(o.identifier), o.id == null ? null : String(o.id), params)]);
    },
    toString: () => 'http.ServerResponse',
  });
}

/**
 * A sourced SELECT's options: the active records of the source type, by display name, after a blank option.
 * Assumed (FIDELITY.md, Suitelets and the UI sign-in: "A sourced SELECT lists the source type's active records").
 * Sources are record type ids (employee, department, customrecord_x).
 */
function sourceOptions(eng: Engine, source: string): Array<{ value: string, text: string }> {
  const t = eng.types[source.toLowerCase()];
  if (!t) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `A select field's source ${source} is not a record type the sandbox knows: use one of ${Object.keys(eng.types).join(', ')}.`);
  const ids = eng.db.prepare<[], { id: number }>(`SELECT id FROM ${t.table} WHERE isinactive = 'F' ORDER BY id`).all();
  const options = ids.map(({ id }) => ({ value: String(id), text: store.displayText(eng.db, eng.types, t.id, id) }));
  return [{ value: '', text: '' }, ...options.sort((x, y) => x.text.localeCompare(y.text))];
}
