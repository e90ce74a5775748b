// @ts-check
'use strict';
/**
 * How host objects are handed to scripts: every function converts host errors into SuiteScriptErrors,
 * accepts NetSuite's two calling styles (an options object or positional arguments), and a module
 * member the sandbox does not provide fails loudly with its name instead of being undefined.
 */
const { sandboxError } = require('../errors');

/**
 * Wrap a function so host errors become SuiteScriptErrors in the realm.
 * @template {(...args: any[]) => any} F
 * @param {import('./realm').Realm} realm @param {F} fn @returns {F}
 */
function guard(realm, fn) {
  return /** @type {F} */ (function guarded(/** @type {any[]} */ ...args) {
    try {
      return fn(...args);
    } catch (e) {
      throw realm.fromHost(e);
    }
  });
}

/**
 * Turn positional arguments into NetSuite's options object: f('x') and f({ fieldId: 'x' }) read the same.
 * @param {any[]} args @param {string[]} names
 * @returns {Record<string, any>}
 */
function options(args, names) {
  if (args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0]) && Object.prototype.toString.call(args[0]) === '[object Object]') {
    return args[0];
  }
  return Object.fromEntries(names.map((n, i) => [n, args[i]]));
}

/** @param {Record<string, any>} o @param {string} name @param {string} where */
function required(o, name, where) {
  if (o[name] === undefined || o[name] === null || o[name] === '') {
    throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: ${name}`);
  }
  return o[name];
}

const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', 'inspect', 'prototype', '__esModule', 'default']);

/**
 * A module object for scripts: functions guarded, unknown members refused by name.
 * @param {import('./realm').Realm} realm @param {string} moduleId @param {Record<string, any>} members
 */
function exposeModule(realm, moduleId, members) {
  /** @type {Record<string, any>} */
  const target = {};
  for (const [k, v] of Object.entries(members)) {
    if (typeof v === 'function') {
      const g = guard(realm, v);
      // SuiteScript 2.1 offers .promise on N/https, N/query and N/search calls.
      Object.assign(g, { promise: (/** @type {any[]} */ ...a) => new realm.Promise((/** @type {any} */ res, /** @type {any} */ rej) => { try { res(g(...a)); } catch (e) { rej(e); } }) });
      target[k] = g;
    } else target[k] = v;
  }
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop in t || PASS_THROUGH.has(prop)) return t[/** @type {any} */ (prop)];
      throw realm.error('SSS_SANDBOX_UNSUPPORTED', `${moduleId}.${prop} is not provided by the sandbox account. Add it to sandbox/src/runtime/modules or avoid it.`);
    },
  });
}

/**
 * An object handed to scripts that is not a module (a Form, a Field, a ServerResponse …): methods and
 * accessors guarded, and a member the sandbox does not provide refused by name, as for modules.
 * @template {Record<string, any>} T
 * @param {import('./realm').Realm} realm @param {string} typeName e.g. 'serverWidget.Form' @param {T} target
 * @returns {T}
 */
function hostObject(realm, typeName, target) {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(target))) {
    if (typeof d.value === 'function') target[/** @type {keyof T} */ (k)] = guard(realm, d.value);
    else if (d.get || d.set) {
      Object.defineProperty(target, k, { ...d, get: d.get && guard(realm, d.get), set: d.set && guard(realm, d.set) });
    }
  }
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t || PASS_THROUGH.has(prop)) return Reflect.get(t, prop, receiver);
      throw realm.error('SSS_SANDBOX_UNSUPPORTED', `${typeName}.${prop} is not provided by the sandbox account.`);
    },
  });
}

module.exports = { guard, options, required, exposeModule, hostObject };
