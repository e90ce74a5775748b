// @ts-check
'use strict';
/**
 * The bundle's SDF id modules (src/webhooks/ids.ts, src/offboarding/ids.ts) for the plain-Node bench: it
 * cannot require src/ (TypeScript) and the build compiles it to AMD (FileCabinet/), so this reads the
 * compiled modules the sandbox runs, through the sandbox's loader. They import nothing but `require` and
 * `exports`. The types come from the TypeScript sources.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createLoader } = require('@employee-lifecycle/sandbox/runtime/loader');
const { createRealm } = require('@employee-lifecycle/sandbox/runtime/realm');

const CABINET = '/SuiteScripts/employee_lifecycle';
const BUNDLE = path.join(__dirname, '..', 'FileCabinet', 'SuiteScripts', 'employee_lifecycle');

/**
 * One compiled module through the sandbox's own AMD loader, in a realm of its own.
 * @param {string} file relative to the bundle folder, without .js @returns {unknown}
 */
function loadBundleModule(file) {
  const full = path.join(BUNDLE, `${file}.js`);
  if (!fs.existsSync(full)) throw new Error(`bench: ${full} is missing: run npm run build first`);
  const cabinetPath = `${CABINET}/${file}.js`;
  const loader = createLoader({
    realm: createRealm({ nowMs: Date.now }),
    files: { [cabinetPath]: full },
    nativeModule: (id) => { throw new Error(`bench: ${file}.js imports ${id}; sdf-ids.js loads only modules without N/* imports`); },
  });
  return loader.load(cabinetPath);
}

const webhooks = /** @type {typeof import('../src/webhooks/ids')} */ (/** @type {unknown} */ (loadBundleModule('webhooks/ids')));
const offboarding = /** @type {typeof import('../src/offboarding/ids')} */ (/** @type {unknown} */ (loadBundleModule('offboarding/ids')));

module.exports = { ...webhooks, OFFBOARDING_PARAM: offboarding.PARAM };
