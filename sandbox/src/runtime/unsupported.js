// @ts-check
'use strict';
/**
 * Members of NetSuite's N/* API that the sandbox does not emulate, declared as such: a function that
 * throws naming itself when called (so `typeof https.createSecretKey` reads as on NetSuite), an enum whose
 * other values throw by name when read, or a property left out on purpose (expose.js refuses the read by
 * name). Each declaration is recorded, so scripts/n-parity.js can tell a decision from an omission.
 */
const { sandboxError } = require('../errors');

/** moduleId → member names declared unsupported. @type {Map<string, Set<string>>} */
const declared = new Map();

/** @param {string} moduleId @param {string[]} names */
function declare(moduleId, names) {
  const set = declared.get(moduleId) ?? new Set();
  for (const n of names) set.add(n);
  declared.set(moduleId, set);
}

/** @param {string} what e.g. 'N/https.createSecretKey' */
const message = (what) => `${what} is not supported by the sandbox account. Add it to sandbox/src/runtime/modules or avoid it.`;

/**
 * Functions that throw SSS_SANDBOX_UNSUPPORTED naming themselves.
 * @param {string} moduleId @param {string[]} names @returns {Record<string, () => never>}
 */
function unsupportedFunctions(moduleId, names) {
  declare(moduleId, names);
  return Object.fromEntries(names.map((n) => [n, () => { throw sandboxError('SSS_SANDBOX_UNSUPPORTED', message(`${moduleId}.${n}`)); }]));
}

/**
 * Properties the sandbox leaves out on purpose; reading one fails by name in expose.js.
 * @param {string} moduleId @param {string[]} names
 */
function unsupportedProperties(moduleId, names) {
  declare(moduleId, names);
}

// Read by host code, JSON and inspection: never a script's enum value.
const PASS_THROUGH = new Set(['then', 'toJSON', 'constructor', 'valueOf', 'toString', 'inspect', 'prototype', '__esModule', 'default', 'asymmetricMatch', 'nodeType']);

/**
 * An enum with only the values the sandbox emulates (none: the whole enum is unsupported): reading any
 * other value throws by name, instead of handing the script undefined.
 * @template {Record<string, string | number>} T
 * @param {import('./realm').Realm} realm @param {string} moduleId @param {string} name e.g. 'N/record', 'Type' @param {T} values
 * @returns {T}
 */
function partialEnum(realm, moduleId, name, values) {
  if (!Object.keys(values).length) declare(moduleId, [name]);
  return new Proxy({ ...values }, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop in t || PASS_THROUGH.has(prop)) return t[/** @type {any} */ (prop)];
      throw realm.error('SSS_SANDBOX_UNSUPPORTED', message(`${moduleId}.${name}.${prop}`));
    },
  });
}

/** @param {string} moduleId @returns {ReadonlySet<string>} */
const declaredUnsupported = (moduleId) => declared.get(moduleId) ?? new Set();

module.exports = { unsupportedFunctions, unsupportedProperties, partialEnum, declaredUnsupported, unsupportedMessage: message };
