/**
 * Realms made ahead, while a worker is idle, so that an invocation does not wait for one (a vm context
 * takes ~0.5 ms, loading a script's files ~0.3 ms). Each is used by one invocation only:
 * - a fresh realm, in which no script has run;
 * - a realm in which a script file this worker ran in its last task is already loaded, as the file's next
 *   invocation would load it. Its files' module code ran, but no entry point: the N/* modules the factories got (and the
 *   global log) are stand-ins bound to the invocation when it starts. A load that touched a stand-in, read
 *   the clock or failed is thrown away, and the invocation loads the file itself; so a script sees exactly
 *   what a load at invocation time gives it (module code that only defines things runs the same early).
 */
import { createLoader } from './loader';
import type { Loader } from './loader';
import { createRealm } from './realm';
import type { Realm } from './realm';
import { providesModule } from './invocation';
import type { Invocation } from './invocation';

export interface ReadyRealm {
  realm: Realm;
  /** the File Cabinet path loaded in it, or null for a fresh realm */
  file: string | null;
  /** Give the realm to its invocation; answers the loader that loads the invocation's files. */
  start(inv: Invocation): Loader;
}

interface Sources { nowMs: () => number, files: Record<string, string> }

export function freshRealm({ nowMs, files }: Sources): ReadyRealm {
  const realm = createRealm({ nowMs });
  return {
    realm, file: null,
    start(inv) {
      realm.context.log = inv.module('N/log');
      return createLoader({ realm, files, nativeModule: (id) => inv.module(id) });
    },
  };
}

/** A realm with `file` loaded, or null when the load used something only an invocation has (see above). */
export function loadedRealm({ nowMs, files }: Sources, file: string): ReadyRealm | null {
  let inv: Invocation | null = null;
  let spoiled = false;
  const early = () => {
    spoiled = true;
    return new Error('not in an invocation yet');
  };
  const clock = (read: () => number) => () => {
    if (!inv) spoiled = true;
    return read();
  };
  const realm = createRealm({ nowMs: clock(nowMs), realMs: clock(Date.now) });
  const standIns = new Map<string, object>();
  const standIn = (id: string): object => {
    if (!providesModule(id)) throw early();
    let s = standIns.get(id);
    if (!s) {
      let real: object | null = null;
      standIns.set(id, s = forwarding(() => {
        if (!inv) throw early();
        return real ??= inv.module(id) as object;
      }));
    }
    return s;
  };
  realm.context.log = standIn('N/log');
  const loader = createLoader({ realm, files, nativeModule: standIn });
  try {
    loader.load(file);
  } catch {
    return null;
  }
  if (spoiled) return null;
  return { realm, file, start: (i) => ((inv = i), loader) };
}

/**
 * An object that is `real()` in every way a script can look at it. What a Proxy must keep true of its own
 * target (a frozen object stays frozen, a fixed property stays fixed) is copied onto the target as the
 * real object gets it.
 */
function forwarding(real: () => object): object {
  const shell: object = {};
  const fix = (k: string | symbol) => {
    const d = Reflect.getOwnPropertyDescriptor(real(), k);
    if (d && !d.configurable && !Reflect.getOwnPropertyDescriptor(shell, k)) Object.defineProperty(shell, k, d);
    return d;
  };
  const sealed = () => {
    const r = real();
    if (!Object.isExtensible(r) && Object.isExtensible(shell)) {
      for (const k of Reflect.ownKeys(r)) Object.defineProperty(shell, k, Reflect.getOwnPropertyDescriptor(r, k) as PropertyDescriptor);
      Object.preventExtensions(shell);
    }
    return r;
  };
  return new Proxy(shell, {
    get: (_t, k) => Reflect.get(real(), k) as unknown,
    set: (_t, k, v) => Reflect.set(real(), k, v),
    has: (_t, k) => Reflect.has(real(), k),
    deleteProperty: (_t, k) => Reflect.deleteProperty(real(), k),
    ownKeys: () => Reflect.ownKeys(sealed()),
    getOwnPropertyDescriptor: (_t, k) => (sealed(), fix(k)),
    defineProperty: (_t, k, d) => Reflect.defineProperty(real(), k, d) && (fix(k), true),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    setPrototypeOf: (_t, p) => Reflect.setPrototypeOf(real(), p) && Reflect.setPrototypeOf(shell, p),
    isExtensible: () => Object.isExtensible(sealed()),
    preventExtensions: () => (Object.preventExtensions(real()), sealed(), true),
  });
}
