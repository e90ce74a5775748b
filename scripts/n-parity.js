// @ts-check
'use strict';
/**
 * N/* API-surface parity of the sandbox: for every N/* module the bundle imports (src/, value imports),
 * each member and enum value that @oracle/suitecloud-unit-testing's stub defines, and what the sandbox's
 * module has for it: emulated, unsupported (declared in sandbox/src/runtime/unsupported.ts and failing by
 * name), missing, or a different enum value. Writes sandbox/N-COVERAGE.md.
 *
 *   node scripts/n-parity.js          write the table
 *   node scripts/n-parity.js --check  exit 1 when the table is out of date or a problem is found
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { Invocation } = require('@employee-lifecycle/sandbox/runtime/invocation');
const { exposeModule } = require('@employee-lifecycle/sandbox/runtime/expose');
const { freshRealm } = require('@employee-lifecycle/sandbox/runtime/realm-ahead');
const { declaredUnsupported } = require('@employee-lifecycle/sandbox/runtime/unsupported');

const ROOT = path.join(__dirname, '..');
const COVERAGE_FILE = path.join(ROOT, 'sandbox', 'N-COVERAGE.md');
const COMMAND = 'npm run parity';
/** Object protocol on Oracle's stubs (runtime.toJSON …), not API. */
const PROTOCOL = new Set(['toJSON', 'toString']);

/**
 * @typedef {'function' | 'enum' | 'enum-no-values' | 'property'} Kind
 * @typedef {{ name: string, kind: Kind, values?: Record<string, unknown> }} OracleMember
 * @typedef {'emulated' | 'unsupported' | 'missing' | 'value-mismatch'} Status
 * @typedef {{ key: string, expected: unknown, actual?: unknown, status: Status }} EnumValue
 * @typedef {{ name: string, kind: Kind, status: Status, detail: string, values: EnumValue[], used: string[] }} MemberRow
 * @typedef {{ id: string, stub: string, rows: MemberRow[], extra: string[] }} ModuleParity
 * @typedef {(inv: Invocation) => Record<string, any>} Factory
 */

// ---- what the bundle uses -------------------------------------------------------------------------

/** @param {string} dir @returns {string[]} */
function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * Modules the bundle imports as values (`import type` is erased, N/types is types only), and per module
 * the members src/ reads: `alias.member` and `alias.Enum.VALUE`.
 * @param {string} srcDir @returns {Map<string, Set<string>>} module id → 'member' and 'Enum.VALUE'
 */
function usedApi(srcDir) {
  /** @type {Map<string, Set<string>>} */
  const used = new Map();
  for (const file of tsFiles(srcDir)) {
    const text = fs.readFileSync(file, 'utf8');
    // SuiteScript's global `log` is N/log.
    const imports = [...text.matchAll(/^import\s+\*\s+as\s+(\w+)\s+from\s+'(N\/[\w/]+)';/gm)].map((m) => [m[1], m[2]]);
    if (/\blog\.\w+\(/.test(text)) imports.push(['log', 'N/log']);
    for (const [alias, id] of imports) {
      if (id === 'N/types') continue;
      const set = used.get(id) ?? new Set();
      used.set(id, set);
      for (const u of text.matchAll(new RegExp(`\\b${alias}\\.([A-Za-z_$][\\w$]*)(?:\\.([A-Z][A-Z0-9_]*)\\b)?`, 'g'))) {
        set.add(u[1]);
        if (u[2]) set.add(`${u[1]}.${u[2]}`);
      }
    }
  }
  return used;
}

// ---- Oracle's stubs -------------------------------------------------------------------------------

/**
 * Where each N/* stub is, as the jest project configured by SuiteCloudJestConfiguration maps it
 * (Oracle's stubs and our customStubs).
 * @returns {Record<string, string>} module id → file
 */
function stubFiles() {
  const config = require('../jest.config.js');
  const project = config.projects.find((/** @type {{ displayName?: string }} */ p) => p.displayName === 'nstubs');
  /** @type {Record<string, string>} */
  const out = {};
  for (const [pattern, file] of Object.entries(/** @type {Record<string, string>} */ (project.moduleNameMapper))) {
    const m = /^\^(N\/[\w/]+)\$$/.exec(pattern);
    if (m) out[m[1]] = file.replace('<rootDir>', ROOT);
  }
  return out;
}

/**
 * Load an AMD stub file the way Oracle's jest transformer makes it usable: define(deps, factory) with
 * relative deps (cycles get the empty object the dependency has so far).
 * @param {string} file @param {Map<string, unknown>} [cache] @returns {any}
 */
function loadStub(file, cache = new Map()) {
  if (cache.has(file)) return cache.get(file);
  /** @type {{ deps: string[], factory: (...a: unknown[]) => unknown } | null} */
  let def = null;
  const define = (/** @type {any[]} */ ...args) => {
    const factory = args.pop();
    def = { deps: Array.isArray(args[args.length - 1]) ? args.pop() : [], factory };
  };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { define }, { filename: file });
  const d = /** @type {{ deps: string[], factory: (...a: unknown[]) => unknown } | null} */ (def);
  if (!d) throw new Error(`${file} does not call define()`);
  cache.set(file, {});
  const value = d.factory(...d.deps.map((dep) => loadStub(path.resolve(path.dirname(file), `${dep}.js`), cache)));
  cache.set(file, value);
  return value;
}

/**
 * The members a stub defines (own and prototype, as Oracle writes them on the prototype).
 * Oracle leaves some enums without values (runtime.ContextType undefined, query.Type a function): a
 * capitalised name that is not an object is such an enum, checked for presence only.
 * @param {any} stub @returns {OracleMember[]}
 */
function oracleMembers(stub) {
  /** @type {OracleMember[]} */
  const out = [];
  for (const name in stub) {
    if (PROTOCOL.has(name)) continue;
    const v = stub[name];
    const capital = /^[A-Z]/.test(name);
    if (v && typeof v === 'object') out.push({ name, kind: 'enum', values: { ...v } });
    else if (capital) out.push({ name, kind: 'enum-no-values' });
    else out.push({ name, kind: typeof v === 'function' ? 'function' : 'property' });
  }
  return out;
}

// ---- the sandbox's modules ------------------------------------------------------------------------

/**
 * The engine a module factory sees while it is built here: no database, no account. Anything else a
 * factory reads at build time fails with a message saying where to add it.
 */
function offlineEngine() {
  const engine = {
    nowMs: () => 0,
    settings: { accountId: 'PARITY', companyName: 'Parity', timeZone: 'UTC', dateFormat: 'M/D/YYYY', concurrencyLimit: 1 },
    records: {},
    options: {},
    db: { prepare: () => ({ get: () => undefined, all: () => [], run: () => undefined }) },
    userInfo: () => ({ id: 0, name: '', email: '', role: 0, roleId: '', subsidiary: 0, department: 0, location: 0 }),
    takeRealm: () => freshRealm({ nowMs: () => 0, files: {} }),
  };
  return new Proxy(engine, {
    get(t, prop) {
      if (typeof prop === 'symbol' || prop in t) return t[/** @type {keyof typeof engine} */ (prop)];
      throw new Error(`n-parity: a sandbox module read engine.${prop} while being built; add it to offlineEngine() in scripts/n-parity.js.`);
    },
  });
}

/** @param {string} id e.g. 'N/ui/serverWidget' → sandbox/dist/runtime/modules/N-ui-serverWidget.js */
const moduleFile = (id) => path.join(ROOT, 'sandbox', 'dist', 'runtime', 'modules', `${id.replace(/\//g, '-')}.js`);

/**
 * The module object a script gets, built as Invocation.module() builds it: exposeModule(realm, id, factory(inv)).
 * @param {string} id @param {Factory} [factory] defaults to the module's file
 */
function sandboxModule(id, factory) {
  const inv = new Invocation(/** @type {any} */ (offlineEngine()), {
    script: null, deployment: null, entry: 'parity', executionContext: 'USERINTERFACE', user: 0, role: 0, limit: 1000,
  });
  const make = factory ?? /** @type {Factory} */ (require(moduleFile(id)));
  return exposeModule(inv.realm, id, make(inv));
}

/**
 * Whether using a member fails with an error that names it: unsupported.js ("is not supported by the
 * sandbox") or, for a member a module leaves out, expose.js ("is not provided by the sandbox").
 * @param {() => unknown} use @param {string} name e.g. 'N/https.createSecretKey'
 */
function failsByName(use, name) {
  try {
    use();
    return false;
  } catch (e) {
    const msg = String(/** @type {any} */ (e)?.message);
    return msg.includes(`${name} is not supported by the sandbox`) || msg.includes(`${name} is not provided by the sandbox`);
  }
}

// ---- comparison -----------------------------------------------------------------------------------

/**
 * @param {string} id @param {OracleMember[]} oracle @param {Record<string, any>} sandbox the exposed module
 * @param {Set<string>} used @returns {{ rows: MemberRow[], extra: string[] }}
 */
function compareModule(id, oracle, sandbox, used) {
  const declared = declaredUnsupported(id);
  const rows = oracle.map((m) => {
    const deeper = [...used].filter((u) => u.startsWith(`${m.name}.`)).sort();
    const usedHere = deeper.length ? deeper : used.has(m.name) ? [m.name] : [];
    /** @type {MemberRow} */
    const row = { name: m.name, kind: m.kind, status: 'emulated', detail: '', values: [], used: usedHere };
    const present = m.name in sandbox;
    if (declared.has(m.name)) {
      // Declared unsupported: a function fails when called, an enum when read; a property left out fails when read (expose.js).
      const v = present ? sandbox[m.name] : undefined;
      const loud = !present ? failsByName(() => sandbox[m.name], `${id}.${m.name}`)
        : typeof v === 'function' ? failsByName(() => v(), `${id}.${m.name}`)
          : failsByName(() => v.PARITY_PROBE, `${id}.${m.name}.PARITY_PROBE`);
      return loud ? { ...row, status: /** @type {Status} */ ('unsupported') } : { ...row, status: /** @type {Status} */ ('missing'), detail: 'declared unsupported but does not fail by name' };
    }
    if (!present) return { ...row, status: /** @type {Status} */ ('missing') };
    const v = sandbox[m.name];
    if (m.kind === 'function' && typeof v !== 'function') return { ...row, status: /** @type {Status} */ ('value-mismatch'), detail: `a ${typeof v} in the sandbox` };
    if (m.kind === 'enum' && m.values) {
      row.values = Object.entries(m.values).map(([key, expected]) => enumValue(id, m.name, v, key, expected));
      const counts = countBy(row.values.map((x) => x.status));
      if (counts['value-mismatch']) row.status = 'value-mismatch';
      else if (counts.missing) row.status = 'missing';
      row.detail = `${counts.emulated || 0} of ${row.values.length} values${counts.unsupported ? `; ${counts.unsupported} unsupported` : ''}`;
      const sandboxOnly = Object.keys(v).filter((k) => !(k in /** @type {object} */ (m.values)));
      if (sandboxOnly.length) row.detail += `; sandbox only: ${sandboxOnly.join(', ')}`;
    }
    if (m.kind === 'enum-no-values') row.detail = 'no values in Oracle\'s stub: presence only';
    return row;
  });
  const extra = Object.keys(sandbox).filter((k) => !oracle.some((m) => m.name === k));
  return { rows, extra };
}

/**
 * @param {string} id @param {string} name @param {Record<string, unknown>} sandboxEnum @param {string} key @param {unknown} expected
 * @returns {EnumValue}
 */
function enumValue(id, name, sandboxEnum, key, expected) {
  if (!(key in sandboxEnum)) {
    const status = failsByName(() => sandboxEnum[key], `${id}.${name}.${key}`) ? 'unsupported' : 'missing';
    return { key, expected, status };
  }
  const actual = sandboxEnum[key];
  return { key, expected, actual, status: actual === expected ? 'emulated' : 'value-mismatch' };
}

/** @param {string[]} xs @returns {Record<string, number>} */
function countBy(xs) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const x of xs) out[x] = (out[x] || 0) + 1;
  return out;
}

/**
 * Parity for every N/* module the bundle imports.
 * @param {{ srcDir?: string, factories?: Record<string, Factory> }} [o] factories: replace a sandbox module (tests)
 * @returns {ModuleParity[]}
 */
function computeParity(o = {}) {
  const used = usedApi(o.srcDir ?? path.join(ROOT, 'src'));
  const stubs = stubFiles();
  return [...used.keys()].sort().map((id) => {
    const stub = stubs[id];
    if (!stub) throw new Error(`n-parity: no stub for ${id}: add one to customStubs in jest.config.js.`);
    const { rows, extra } = compareModule(id, oracleMembers(loadStub(stub)), sandboxModule(id, o.factories?.[id]), /** @type {Set<string>} */ (used.get(id)));
    return { id, stub: path.relative(ROOT, stub).split(path.sep).join('/'), rows, extra };
  });
}

/**
 * What must be fixed: (a) a member or enum value src/ uses that is not emulated, (b) an enum value that
 * differs, (c) a member or enum value missing without being declared unsupported.
 * @param {ModuleParity[]} parity @returns {string[]}
 */
function problems(parity) {
  const out = [];
  for (const mod of parity) {
    for (const r of mod.rows) {
      const where = `${mod.id}.${r.name}`;
      for (const u of r.used) {
        const key = u.split('.')[1];
        const v = key ? r.values.find((x) => x.key === key) : null;
        if (r.status === 'unsupported' || r.status === 'missing') out.push(`(a) src/ uses ${mod.id}.${u}, which the sandbox has as ${r.status}`);
        else if (v && v.status !== 'emulated') out.push(`(a) src/ uses ${mod.id}.${u}, which the sandbox has as ${v.status}`);
      }
      for (const v of r.values) {
        if (v.status === 'value-mismatch') out.push(`(b) ${where}.${v.key} is ${JSON.stringify(v.actual)} in the sandbox, ${JSON.stringify(v.expected)} in Oracle's stub`);
        if (v.status === 'missing') out.push(`(c) ${where}.${v.key} is missing: emulate it or leave it out of partialEnum's values so it fails by name`);
      }
      if (r.status === 'value-mismatch' && !r.values.length) out.push(`(b) ${where}: ${r.detail}`);
      if (r.status === 'missing' && !r.values.length) {
        out.push(`(c) ${where} is missing${r.detail ? ` (${r.detail})` : ''}: emulate it or declare it with sandbox/src/runtime/unsupported.ts`);
      }
    }
  }
  return out;
}

// ---- the table ------------------------------------------------------------------------------------

/** @param {ModuleParity[]} parity @returns {string} */
function coverageMarkdown(parity) {
  const stubVersion = require('@oracle/suitecloud-unit-testing/package.json').version;
  const lines = [
    '# N/* API coverage of the sandbox',
    '',
    `Generated by \`${COMMAND}\` (scripts/n-parity.js): do not edit by hand; \`npx jest __tests__/sandbox/n-parity.test.ts\` fails when it is out of date.`,
    '',
    `For each N/* module the bundle imports, every member and enum value that Oracle's stub in @oracle/suitecloud-unit-testing ${stubVersion} defines`,
    '(N/crypto/random: our custom stub, Oracle has none), against the module a script gets in the sandbox.',
    '**emulated**: the sandbox has it (enum values equal to Oracle\'s); **unsupported**: declared in sandbox/src/runtime/unsupported.ts,',
    'it fails by name when called or read; **missing**: neither; **value-mismatch**: an enum value differs. "Used" lists what src/ reads.',
    'Members the sandbox adds (not in Oracle\'s stub) are listed under each module.',
    '',
    '| module | members | emulated | unsupported | missing | value-mismatch | enum values: emulated / unsupported / missing / value-mismatch |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const mod of parity) {
    const c = countBy(mod.rows.map((r) => r.status));
    const v = countBy(mod.rows.flatMap((r) => r.values.map((x) => x.status)));
    const n = (/** @type {Record<string, number>} */ x, /** @type {Status} */ k) => x[k] || 0;
    lines.push(`| ${mod.id} | ${mod.rows.length} | ${n(c, 'emulated')} | ${n(c, 'unsupported')} | ${n(c, 'missing')} | ${n(c, 'value-mismatch')} | ` +
      `${n(v, 'emulated')} / ${n(v, 'unsupported')} / ${n(v, 'missing')} / ${n(v, 'value-mismatch')} |`);
  }
  for (const mod of parity) {
    lines.push('', `## ${mod.id}`, '', `Reference: \`${mod.stub}\`.`, '', '| member | kind | sandbox | detail | used by src/ |', '|---|---|---|---|---|');
    for (const r of mod.rows) {
      lines.push(`| \`${r.name}\` | ${r.kind} | ${r.status} | ${r.detail} | ${r.used.map((u) => `\`${u}\``).join(', ')} |`);
    }
    for (const r of mod.rows.filter((x) => x.values.length)) {
      const by = (/** @type {Status} */ s) => r.values.filter((x) => x.status === s).map((x) => x.key);
      const emulated = by('emulated');
      if (emulated.length === r.values.length) continue;
      const parts = [`the sandbox emulates ${emulated.length ? emulated.join(', ') : 'none'}`];
      if (by('unsupported').length) parts.push(`the other ${by('unsupported').length} fail by name`);
      if (by('missing').length) parts.push(`missing: ${by('missing').join(', ')}`);
      if (by('value-mismatch').length) parts.push(`differing: ${by('value-mismatch').join(', ')}`);
      lines.push('', `\`${r.name}\`: ${parts.join('; ')}.`);
    }
    if (mod.extra.length) lines.push('', `In the sandbox only: ${mod.extra.map((e) => `\`${e}\``).join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}

function main() {
  const parity = computeParity();
  const md = coverageMarkdown(parity);
  const found = problems(parity);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(COVERAGE_FILE) ? fs.readFileSync(COVERAGE_FILE, 'utf8') : '';
    if (current !== md) found.push(`(d) sandbox/N-COVERAGE.md is out of date: run \`${COMMAND}\``);
  } else {
    fs.writeFileSync(COVERAGE_FILE, md);
    console.log(`wrote ${path.relative(process.cwd(), COVERAGE_FILE)}`);
  }
  for (const p of found) console.error(p);
  if (found.length) process.exitCode = 1;
}

if (require.main === module) main();

module.exports = { computeParity, problems, coverageMarkdown, usedApi, sandboxModule, COVERAGE_FILE, COMMAND };
