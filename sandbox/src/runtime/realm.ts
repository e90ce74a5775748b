/**
 * A fresh script realm for one invocation: a vm context with SuiteScript 2.1's globals (define, log, util)
 * and no Node globals (no require, process, Buffer, timers, fetch). Date reads the account clock.
 * Errors and dates handed to scripts are made inside the realm so `instanceof` works there.
 */
import * as vm from 'node:vm';

const SETUP = `(function (nowMs, realMs) {
  'use strict';
  const NativeDate = Date;
  function ClockDate(...args) {
    if (!new.target) return new NativeDate(nowMs()).toString();
    return args.length === 0 ? new NativeDate(nowMs()) : new NativeDate(...args);
  }
  ClockDate.prototype = NativeDate.prototype;
  ClockDate.now = () => nowMs();
  ClockDate.parse = NativeDate.parse;
  ClockDate.UTC = NativeDate.UTC;
  Object.defineProperty(NativeDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
  globalThis.Date = ClockDate;

  class SuiteScriptError extends Error {
    constructor(name, message, id) {
      super(message);
      Object.defineProperty(this, 'name', { value: name, enumerable: true, writable: true });
      this.id = id || '';
      this.type = 'error.SuiteScriptError';
      this.cause = undefined;
      this.notifyOff = false;
      this.userFacing = true;
    }
    toString() { return this.name + ': ' + this.message; }
    toJSON() { return { type: this.type, name: this.name, message: this.message, id: this.id, stack: String(this.stack || '').split('\\n'), cause: this.cause, notifyOff: this.notifyOff, userFacing: this.userFacing }; }
  }
  const is = (tag) => (v) => Object.prototype.toString.call(v) === '[object ' + tag + ']';
  const util = {
    isArray: Array.isArray, isBoolean: is('Boolean'), isDate: is('Date'), isFunction: (v) => typeof v === 'function',
    isNumber: is('Number'), isObject: (v) => v !== null && typeof v === 'object', isRegExp: is('RegExp'), isString: is('String'),
    each(iterable, cb) { if (Array.isArray(iterable)) iterable.forEach((v, i) => cb(v, i)); else Object.keys(iterable).forEach((k) => cb(iterable[k], k)); return iterable; },
    extend(target, src) { return Object.assign(target, src); },
    deepExtend(target, src) { return Object.assign(target, JSON.parse(JSON.stringify(src))); },
    nanoTime: () => realMs() * 1e6,
  };
  globalThis.util = util;
  return {
    error: (name, message, id) => new SuiteScriptError(name, message, id),
    date: (ms) => new NativeDate(ms),
    copy: (value) => value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
    SuiteScriptError,
    Promise,
  };
})`;

export interface Realm {
  context: vm.Context,
  error(name: string, message: string, id?: string): Error,
  date(ms: number): Date,
  copy<T>(value: T): T,
  /** A host error as the script sees it; anything else as it is. */
  fromHost(e: unknown): unknown,
  Promise: PromiseConstructor,
}

/** What SETUP returns, made inside the realm. */
interface Made {
  error: (name: string, message: string, id?: string) => Error,
  date: (ms: number) => Date,
  copy: <T>(value: T) => T,
  SuiteScriptError: new (name: string, message: string, id?: string) => Error,
  Promise: PromiseConstructor,
}

/** nowMs: the account clock (Date); realMs: real time (util.nanoTime). */
export function createRealm({ nowMs, realMs = Date.now, globals = {} }: { nowMs: () => number, realMs?: () => number, globals?: Record<string, unknown> }): Realm {
  const context = vm.createContext({}, { name: 'suitescript', codeGeneration: { strings: false, wasm: false } });
  const setup = vm.runInContext(SETUP, context) as (now: () => number, real: () => number) => Made;
  const made = setup(nowMs, realMs);
  for (const [k, v] of Object.entries(globals)) (context as Record<string, unknown>)[k] = v;
  const realm: Realm = {
    context,
    error: made.error,
    date: made.date,
    copy: made.copy,
    Promise: made.Promise,
    // A host error (SandboxError or a plain Error) becomes a SuiteScriptError in the realm.
    fromHost(e) {
      if (e instanceof made.SuiteScriptError) return e;
      if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return made.error(e.code, Reflect.get(e, 'message') as string);
      return e;
    },
  };
  return realm;
}

