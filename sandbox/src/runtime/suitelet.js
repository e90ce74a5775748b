// @ts-check
'use strict';
/**
 * One Suitelet request, in a worker (task kind 'suitelet'): onRequest({ request, response }) with the
 * SUITELET execution context and the Suitelet limit of 1,000 units. request is an http.ServerRequest,
 * response an http.ServerResponse that collects the status, headers and body sent back by the main thread.
 * An uncaught error comes back as its name and message only: the page never shows a stack trace.
 */
const http = require('node:http');
const { LIMITS } = require('./governance');
const { scriptDeployment } = require('../sdf/project');
const { options, hostObject } = require('./expose');
const { formModels } = require('./modules/N-ui-serverWidget');
const { suiteletPath } = require('./suitelet-deployments');
const { RedirectType } = require('./modules/N-https');
const { renderForm } = require('../ui/form-page');
const store = require('../records/store');
const { sandboxError } = require('../errors');

/**
 * @typedef {{ method: string, url: string, path: string, headers: Record<string, string>, parameters: Record<string, string>,
 *   body: string, clientIpAddress: string }} RequestData
 *   url: the full URL without its query string; path: path and query, where the form posts back to
 * @typedef {{ script: string, deployment: string, user: number, role: number, request: RequestData,
 *   chrome: import('../ui/html').Chrome }} SuiteletTask
 * @typedef {{ status: number, headers: Array<[string, string]>, body: string } | { error: { name: string, message: string } }} SuiteletResult
 */

// Unverified: NetSuite's default Suitelet content type, taken to be HTML in UTF-8.
const DEFAULT_CONTENT_TYPE = 'text/html; charset=UTF-8';

/** @param {import('./engine').Engine} engine @param {SuiteletTask} t @returns {SuiteletResult} */
function handleSuitelet(engine, t) {
  const found = scriptDeployment(engine.project, t.script, t.deployment);
  if (!found) throw new Error(`no Suitelet deployment ${t.script}/${t.deployment}`);
  const { script, deployment } = found;
  /** @type {{ status: number, headers: Array<[string, string]>, body: string[] }} */
  const out = { status: 200, headers: [['Content-Type', DEFAULT_CONTENT_TYPE]], body: [] };
  const run = engine.invoke({
    script, deployment, entry: 'onRequest', executionContext: 'SUITELET', user: t.user, role: t.role, limit: LIMITS.suitelet,
    args: (inv) => [{ request: serverRequest(inv, t.request), response: serverResponse(inv, t, out) }],
  });
  if (run.error) return { error: { name: run.error.name, message: run.error.message } };
  return { status: out.status, headers: out.headers, body: out.body.join('') };
}

/** @param {import('./invocation').Invocation} inv @param {RequestData} r */
function serverRequest(inv, r) {
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

/**
 * @param {import('./invocation').Invocation} inv @param {SuiteletTask} t
 * @param {{ status: number, headers: Array<[string, string]>, body: string[] }} out
 */
function serverResponse(inv, t, out) {
  const eng = inv.engine;
  /** @param {any[]} a @param {string} where */
  const header = (a, where) => {
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
  /** @param {string} name */
  const drop = (name) => { out.headers = out.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()); };
  /** @param {any[]} a @param {string} where */
  const output = (a, where) => {
    const o = options(a, ['output']);
    if (o.output == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: output`);
    // Unverified code: NetSuite documents only that write() "only accepts strings".
    if (typeof o.output !== 'string') throw sandboxError('WRONG_PARAMETER_TYPE', `${where}: output must be a string; JSON.stringify objects first.`);
    return o.output;
  };
  return hostObject(inv.realm, 'http.ServerResponse', {
    get headers() {
      return inv.realm.copy(Object.fromEntries(out.headers));
    },
    write: (/** @type {any[]} */ ...a) => { out.body.push(output(a, 'ServerResponse.write')); },
    writeLine: (/** @type {any[]} */ ...a) => { out.body.push(`${output(a, 'ServerResponse.writeLine')}\n`); },
    writePage(/** @type {any[]} */ ...a) {
      const arg = a[0];
      const form = arg && (formModels.get(arg) || formModels.get(arg.pageObject));
      if (!form) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.writePage: Missing a required argument: pageObject (a serverWidget.Form)');
      out.body.push(renderForm(form, { action: t.request.path, chrome: t.chrome, optionsFor: (source) => sourceOptions(eng, source) }));
    },
    setHeader: (/** @type {any[]} */ ...a) => {
      const h = header(a, 'ServerResponse.setHeader');
      drop(h.name);
      out.headers.push([h.name, h.value]);
    },
    addHeader: (/** @type {any[]} */ ...a) => {
      const h = header(a, 'ServerResponse.addHeader');
      out.headers.push([h.name, h.value]);
    },
    getHeader(/** @type {any[]} */ ...a) {
      const name = String(options(a, ['name']).name ?? '');
      if (!name) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.getHeader: Missing a required argument: name');
      const values = out.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
      return values.length > 1 ? inv.realm.copy(values) : values[0] ?? null;
    },
    sendRedirect(/** @type {any[]} */ ...a) {
      const o = options(a, ['type', 'identifier', 'id', 'editMode', 'parameters']);
      if (o.type == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.sendRedirect: Missing a required argument: type');
      if (o.identifier == null) throw sandboxError('SSS_MISSING_REQD_ARGUMENT', 'ServerResponse.sendRedirect: Missing a required argument: identifier');
      const type = String(o.type).toUpperCase();
      if (type !== RedirectType.SUITELET) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `ServerResponse.sendRedirect: type ${o.type} is not provided by the sandbox account (it serves Suitelets only).`);
      const params = o.parameters && typeof o.parameters === 'object' ? o.parameters : {};
      out.status = 302;
      drop('Location');
      out.headers.push(['Location', suiteletPath(eng.db, eng.project, String(o.identifier), o.id == null ? null : String(o.id), params)]);
    },
    toString: () => 'http.ServerResponse',
  });
}

/**
 * A sourced SELECT's options: the active records of the source type, by display name, after a blank option
 * (unverified: that NetSuite leads with a blank). Sources are record type ids (employee, department, customrecord_x).
 * @param {import('./engine').Engine} eng @param {string} source
 */
function sourceOptions(eng, source) {
  const t = eng.types[source.toLowerCase()];
  if (!t) throw sandboxError('SSS_SANDBOX_UNSUPPORTED', `A select field's source ${source} is not a record type the sandbox knows: use one of ${Object.keys(eng.types).join(', ')}.`);
  const ids = /** @type {Array<{ id: number }>} */ (eng.db.prepare(`SELECT id FROM ${t.table} WHERE isinactive = 'F' ORDER BY id`).all());
  const options = ids.map(({ id }) => ({ value: String(id), text: store.displayText(eng.db, eng.types, t.id, id) }));
  return [{ value: '', text: '' }, ...options.sort((x, y) => x.text.localeCompare(y.text))];
}

module.exports = { handleSuitelet };
