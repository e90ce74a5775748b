// @ts-check
'use strict';
/**
 * The bundle's SDF id modules (src/webhooks/ids.ts, src/offboarding/ids.ts) for the plain-Node bench: it
 * cannot require src/ (TypeScript) and the build compiles it to AMD (FileCabinet/), so this reads the
 * compiled modules the sandbox runs and calls their define() factory. They import nothing (only `require`
 * and `exports`), which is all this loader supports. The types come from the TypeScript sources.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const BUNDLE = path.join(__dirname, '..', 'FileCabinet', 'SuiteScripts', 'employee_lifecycle');

/** @param {string} file relative to the bundle folder, without .js @returns {Record<string, unknown>} */
function loadAmd(file) {
  const full = path.join(BUNDLE, `${file}.js`);
  if (!fs.existsSync(full)) throw new Error(`bench: ${full} is missing: run npm run build first`);
  /** @type {Record<string, unknown>} */
  const exports = {};
  /** @param {string[]} deps @param {(...args: unknown[]) => void} factory */
  const define = (deps, factory) => {
    factory(...deps.map((d) => {
      if (d === 'exports') return exports;
      if (d === 'require') return undefined;
      throw new Error(`bench: ${file}.js imports ${d}; sdf-ids.js loads only modules without imports`);
    }));
  };
  const run = /** @type {(d: typeof define) => void} */ (vm.runInThisContext(`(function (define) {${fs.readFileSync(full, 'utf8')}\n})`, { filename: full }));
  run(define);
  return exports;
}

const webhooks = /** @type {typeof import('../src/webhooks/ids')} */ (/** @type {unknown} */ (loadAmd('webhooks/ids')));
const offboarding = /** @type {typeof import('../src/offboarding/ids')} */ (/** @type {unknown} */ (loadAmd('offboarding/ids')));

module.exports = { ...webhooks, OFFBOARDING_PARAM: offboarding.PARAM };
