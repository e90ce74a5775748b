// @ts-check
'use strict';
/**
 * Before `tsc -b`: empty both build outputs, so a removed or renamed source file leaves no stale script to
 * deploy or to run, then copy the sandbox's data files (SQL schema, SDF tables, demo account, TLS files)
 * beside the JavaScript that reads them through __dirname.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const SANDBOX_SRC = path.join(ROOT, 'sandbox', 'src');
const SANDBOX_DIST = path.join(ROOT, 'sandbox', 'dist');
/** Compiled by tsc (JSON the code imports is emitted by tsc too). */
const COMPILED = /\.(ts|js)$/;

fs.rmSync(path.join(ROOT, 'FileCabinet', 'SuiteScripts', 'employee_lifecycle'), { recursive: true, force: true });
fs.rmSync(SANDBOX_DIST, { recursive: true, force: true });
fs.cpSync(SANDBOX_SRC, SANDBOX_DIST, {
  recursive: true,
  filter: (from) => fs.statSync(from).isDirectory() || !COMPILED.test(from),
});
