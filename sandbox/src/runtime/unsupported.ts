/**
 * Members of NetSuite's N/* API that the sandbox does not emulate, declared as such: a function that
 * throws naming itself when called (so `typeof https.createSecretKey` reads as on NetSuite), an enum whose
 * other values throw by name when read, or a property left out on purpose (expose.js refuses the read by
 * name). Each declaration is recorded, so scripts/n-parity.js can tell a decision from an omission.
 */
import { sandboxError } from '../errors';
import type { Realm } from './realm';

/** moduleId → member names declared unsupported. */
const declared = new Map<string, Set<string>>();

function declare(moduleId: string, names: string[]): void {
  const set = declared.get(moduleId) ?? new Set();
  for (const n of names) set.add(n);
  declared.set(moduleId, set);
}

/** what: e.g. 'N/https.createSecretKey' */
export const unsupportedMessage = (what: string): string => `${what} is not supported by the sandbox account. Add it to sandbox/src/runtime/modules or avoid it.`;

/** Functions that throw SSS_SANDBOX_UNSUPPORTED naming themselves. */
export function unsupportedFunctions(moduleId: string, names: string[]): Record<string, () => never> {
  declare(moduleId, names);
  return Object.fromEntries(names.map((n) => [n, () => { throw sandboxError('SSS_SANDBOX_UNSUPPORTED', unsupportedMessage(`${moduleId}.${n}`)); }]));
}

/** Properties the sandbox leaves out on purpose; reading one fails by name in expose. */
export function unsupportedProperties(moduleId: string, names: string[]): void {
  declare(moduleId, names);
}

// Read by host code, JSON and inspection: never a script's enum value.
const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', 'inspect', 'prototype', '__esModule', 'default', 'asymmetricMatch', 'nodeType']);

/**
 * An enum with only the values the sandbox emulates (none: the whole enum is unsupported): reading any
 * other value throws by name, instead of handing the script undefined. moduleId and name: e.g. 'N/record', 'Type'.
 */
export function partialEnum<T extends Record<string, string | number>>(realm: Realm, moduleId: string, name: string, values: T): T {
  if (!Object.keys(values).length) declare(moduleId, [name]);
  return new Proxy({ ...values }, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop in t || PASS_THROUGH.has(prop)) return t[prop as keyof T];
      throw realm.error('SSS_SANDBOX_UNSUPPORTED', unsupportedMessage(`${moduleId}.${name}.${prop}`));
    },
  });
}

export const declaredUnsupported = (moduleId: string): ReadonlySet<string> => declared.get(moduleId) ?? new Set<string>();
