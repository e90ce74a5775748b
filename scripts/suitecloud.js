#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run validate` / `npm run deploy`: the project's own SuiteCloud CLI (an optionalDependency), never
 * whichever global copy a PATH happens to hold. npm skips the CLI when its postinstall cannot fetch
 * Oracle's Java component; then this says what the machine needs instead of a bare "command not found".
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'node_modules', '@oracle', 'suitecloud-cli', 'src', 'suitecloud.js');
/** The CLI's commander 15 needs Node 22.12 or later; Oracle's README for 4.x names Node 24 LTS. */
const MIN_NODE = [22, 12];

/** @param {string} version e.g. 'v20.19.0' */
function nodeTooOld(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]);
}

/**
 * @param {string[]} args the CLI's arguments, e.g. ['project:deploy']
 * @returns {number} exit code
 */
function run(args) {
  if (!fs.existsSync(CLI)) {
    console.error([
      'The SuiteCloud CLI is not installed in this project: npm skipped @oracle/suitecloud-cli because its',
      "postinstall downloads Oracle's Java component, which needs a JDK and access to Oracle.",
      'On a machine with Oracle JDK 17 or 21 and Node 22.12 or later (Oracle names Node 24 LTS):',
      '  SUITECLOUD_CLI_ACCEPT_LICENSE=true npm install',
      'then `npx suitecloud account:setup` once, and this command again. README.md, "Deploy to a NetSuite account".',
    ].join('\n'));
    return 2;
  }
  if (nodeTooOld(process.version)) {
    console.error(`The SuiteCloud CLI needs Node ${MIN_NODE.join('.')} or later; this is Node ${process.version}. Switch Node (e.g. with nvm) and run it again.`);
    return 2;
  }
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));

module.exports = { run, nodeTooOld };
