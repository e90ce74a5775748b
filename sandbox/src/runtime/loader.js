// @ts-check
'use strict';
/**
 * NetSuite's AMD loader in miniature: `define(deps, factory)` with N/* modules from the sandbox and
 * relative or absolute ids resolved against the File Cabinet. Files are compiled once per thread and run
 * in each invocation's own realm, so module state never leaks between invocations.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { sandboxError } = require('../errors');

/** @type {Map<string, vm.Script>} */
const compiled = new Map();

/** @param {string} file */
function compile(file) {
  let s = compiled.get(file);
  if (!s) {
    s = new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file });
    compiled.set(file, s);
  }
  return s;
}

/** Forget compiled files (after a rebuild). */
function clearCompiled() {
  compiled.clear();
}

/**
 * @param {{ realm: import('./realm').Realm, files: Record<string, string>, nativeModule: (id: string) => unknown }} options
 *   files: File Cabinet path (/SuiteScripts/…/x.js) → file on disk
 */
function createLoader({ realm, files, nativeModule }) {
  /** @type {Map<string, unknown>} */
  const loaded = new Map();
  /** @type {{ deps: string[], factory: unknown } | null} */
  let pending = null;

  /** @param {...unknown} args */
  function define(...args) {
    const factory = args.pop();
    const deps = Array.isArray(args[args.length - 1]) ? /** @type {string[]} */ (args.pop()) : ['require', 'exports', 'module'];
    pending = { deps, factory };
  }
  realm.context.define = define;

  /** @param {string} id @param {string} fromPath File Cabinet path of the requiring module */
  function resolvePath(id, fromPath) {
    const withExt = id.endsWith('.js') ? id : `${id}.js`;
    return id.startsWith('.') ? path.posix.join(path.posix.dirname(fromPath), withExt) : path.posix.normalize(withExt.startsWith('/') ? withExt : `/${withExt}`);
  }

  /** @param {string} id @param {string} fromPath @returns {unknown} */
  function requireModule(id, fromPath) {
    if (id.startsWith('N/') || id === 'N') return nativeModule(id);
    const cabinetPath = resolvePath(id, fromPath);
    if (loaded.has(cabinetPath)) return loaded.get(cabinetPath);
    const file = files[cabinetPath];
    if (!file) throw sandboxError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${cabinetPath}`);
    return loadFile(cabinetPath, file);
  }

  /** @param {string} cabinetPath @param {string} file @returns {unknown} */
  function loadFile(cabinetPath, file) {
    const exportsObj = {};
    loaded.set(cabinetPath, exportsObj);
    pending = null;
    compile(file).runInContext(realm.context);
    const def = /** @type {{ deps: string[], factory: unknown } | null} */ (pending);
    pending = null;
    if (!def) throw sandboxError('SSS_MISSING_DEFINE', `${cabinetPath} does not call define(): SuiteScript 2.x files must be AMD modules.`);
    const moduleObj = { id: cabinetPath, exports: exportsObj };
    /** @type {(id: string) => unknown} */
    const localRequire = (id) => requireModule(id, cabinetPath);
    /** @type {unknown[]} */
    const args = def.deps.map((d) => (d === 'require' ? localRequire : d === 'exports' ? exportsObj : d === 'module' ? moduleObj : requireModule(d, cabinetPath)));
    /** @type {unknown} */
    const result = typeof def.factory === 'function' ? def.factory(...args) : def.factory;
    /** @type {unknown} */
    const value = result !== undefined ? result : moduleObj.exports;
    loaded.set(cabinetPath, value);
    return value;
  }

  return {
    /** Load an entry-point file by its File Cabinet path. @param {string} cabinetPath */
    load(cabinetPath) {
      return requireModule(cabinetPath, '/');
    },
  };
}

module.exports = { createLoader, clearCompiled };
