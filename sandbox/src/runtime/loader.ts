/**
 * NetSuite's AMD loader in miniature: `define(deps, factory)` with N/* modules from the sandbox and
 * relative or absolute ids resolved against the File Cabinet. Files are compiled once per thread and run
 * in each invocation's own realm, so module state never leaks between invocations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

import { sandboxError } from '../errors';
import type { Realm } from './realm';

const compiled = new Map<string, vm.Script>();

function compile(file: string): vm.Script {
  let s = compiled.get(file);
  if (!s) {
    s = new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file });
    compiled.set(file, s);
  }
  return s;
}

/** Forget compiled files (after a rebuild). */
export function clearCompiled(): void {
  compiled.clear();
}

interface Definition { deps: string[], factory: unknown }

export interface Loader {
  /** Load an entry-point file by its File Cabinet path. */
  load(cabinetPath: string): unknown,
}

/** files: File Cabinet path (/SuiteScripts/…/x.js) → file on disk. */
export function createLoader({ realm, files, nativeModule }: {
  realm: Realm, files: Record<string, string>, nativeModule: (id: string) => unknown,
}): Loader {
  const loaded = new Map<string, unknown>();
  let pending: Definition | null = null;

  function define(...args: unknown[]): void {
    const factory = args.pop();
    const deps = Array.isArray(args[args.length - 1]) ? args.pop() as string[] : ['require', 'exports', 'module'];
    pending = { deps, factory };
  }
  (realm.context as Record<string, unknown>).define = define;

  /** fromPath: the File Cabinet path of the requiring module. */
  function resolvePath(id: string, fromPath: string): string {
    const withExt = id.endsWith('.js') ? id : `${id}.js`;
    return id.startsWith('.') ? path.posix.join(path.posix.dirname(fromPath), withExt) : path.posix.normalize(withExt.startsWith('/') ? withExt : `/${withExt}`);
  }

  function requireModule(id: string, fromPath: string): unknown {
    if (id.startsWith('N/') || id === 'N') return nativeModule(id);
    const cabinetPath = resolvePath(id, fromPath);
    if (loaded.has(cabinetPath)) return loaded.get(cabinetPath);
    const file = files[cabinetPath];
    if (!file) throw sandboxError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${cabinetPath}`);
    return loadFile(cabinetPath, file);
  }

  function loadFile(cabinetPath: string, file: string): unknown {
    const exportsObj = {};
    loaded.set(cabinetPath, exportsObj);
    pending = null;
    compile(file).runInContext(realm.context);
    // define() ran inside runInContext and set pending; TypeScript cannot see that.
    const def = pending as Definition | null;
    pending = null;
    if (!def) throw sandboxError('SSS_MISSING_DEFINE', `${cabinetPath} does not call define(): SuiteScript 2.x files must be AMD modules.`);
    const moduleObj = { id: cabinetPath, exports: exportsObj };
    const localRequire = (id: string): unknown => requireModule(id, cabinetPath);
    const args: unknown[] = def.deps.map((d) => (d === 'require' ? localRequire : d === 'exports' ? exportsObj : d === 'module' ? moduleObj : requireModule(d, cabinetPath)));
    const result: unknown = typeof def.factory === 'function' ? (def.factory as (...a: unknown[]) => unknown)(...args) : def.factory;
    const value: unknown = result !== undefined ? result : moduleObj.exports;
    loaded.set(cabinetPath, value);
    return value;
  }

  return {
    load(cabinetPath) {
      return requireModule(cabinetPath, '/');
    },
  };
}

