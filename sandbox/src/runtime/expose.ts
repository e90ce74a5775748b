/**
 * How host objects are handed to scripts: every function converts host errors into SuiteScriptErrors,
 * accepts NetSuite's two calling styles (an options object or positional arguments), and a module
 * member the sandbox does not provide fails loudly with its name instead of being undefined.
 */
import { sandboxError } from '../errors';
import type { Realm } from './realm';

/**
 * What a script passes to an N/* call: anything at all, checked by the member that reads it. Typed loosely
 * (any) while the N/* modules that read these values are JavaScript; each narrows what it reads.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- values from scripts, see above
export type ScriptOptions = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function a module hands to scripts
type AnyFunction = (...args: any[]) => any;

/** Wrap a function so host errors become SuiteScriptErrors in the realm. */
export function guard<F extends AnyFunction>(realm: Realm, fn: F): F {
  return function guarded(...args: Parameters<F>): ReturnType<F> {
    try {
      return fn(...args) as ReturnType<F>;
    } catch (e) {
      throw realm.fromHost(e);
    }
  } as F;
}

/** Turn positional arguments into NetSuite's options object: f('x') and f({ fieldId: 'x' }) read the same. */
export function options(args: unknown[], names: string[]): ScriptOptions {
  if (args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0]) && Object.prototype.toString.call(args[0]) === '[object Object]') {
    return args[0];
  }
  return Object.fromEntries(names.map((n, i) => [n, args[i]]));
}

/** o[name], refused as NetSuite does when it is missing or empty; where: the call, for the message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a value from a script, see ScriptOptions
export function required(o: ScriptOptions, name: string, where: string): any {
  if (o[name] === undefined || o[name] === null || o[name] === '') {
    throw sandboxError('SSS_MISSING_REQD_ARGUMENT', `${where}: Missing a required argument: ${name}`);
  }
  return o[name];
}

/** The modules whose functions have .promise in 2.1 server scripts (facts sheet: N/https); elsewhere it is undefined. */
const PROMISE_MODULES = new Set(['N/http', 'N/https', 'N/llm', 'N/query', 'N/search', 'N/transaction']);

const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', 'inspect', 'prototype', '__esModule', 'default']);

/** A module object for scripts: functions guarded, unknown members refused by name. */
export function exposeModule(realm: Realm, moduleId: string, members: Record<string, unknown>): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(members)) {
    if (typeof v === 'function') {
      const g = guard(realm, v as AnyFunction);
      // The promise rejects with what the call threw (a SuiteScriptError of the script's realm).
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      if (PROMISE_MODULES.has(moduleId)) Object.assign(g, { promise: (...a: unknown[]) => new realm.Promise((res, rej) => { try { res(g(...a)); } catch (e) { rej(e); } }) });
      target[k] = g;
    } else target[k] = v;
  }
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop in t || PASS_THROUGH.has(prop)) return Reflect.get(t, prop) as unknown;
      throw realm.error('SSS_SANDBOX_UNSUPPORTED', `${moduleId}.${prop} is not provided by the sandbox account. Add it to sandbox/src/runtime/modules or avoid it.`);
    },
  });
}

/**
 * An object handed to scripts that is not a module (a Form, a Field, a ServerResponse …): methods and
 * accessors guarded, and a member the sandbox does not provide refused by name, as for modules.
 * typeName: e.g. 'serverWidget.Form'.
 */
export function hostObject<T extends object>(realm: Realm, typeName: string, target: T): T {
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(target))) {
    if (typeof d.value === 'function') Reflect.set(target, k, guard(realm, d.value as AnyFunction));
    else if (d.get || d.set) {
      // Host objects' accessors are closures over their state, not methods that read `this`.
      // eslint-disable-next-line @typescript-eslint/unbound-method
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

