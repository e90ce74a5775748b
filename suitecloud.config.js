// @ts-check
'use strict';
/**
 * SuiteCloud CLI configuration. The repository root is the SDF project folder: the CLI reads manifest.xml
 * and deploy.xml here and uploads only what deploy.xml lists (the compiled FileCabinet output and Objects/).
 *
 * Before `suitecloud project:validate` or `project:deploy`, the bundle is rebuilt and the whole test
 * suite runs; a failure throws, and the CLI stops the command (it reports a failed beforeExecuting hook).
 */
const { execSync } = require('node:child_process');

/**
 * @typedef {{ command: string, projectPath: string, arguments: Record<string, unknown> }} CommandContext
 *   what the CLI passes to beforeExecuting; the hook must hand it back for the command to go on
 */

/**
 * Runs an npm script in this folder (the project root) with its output on this terminal.
 * @param {string} script
 */
function npmRun(script) {
  try {
    execSync(`npm run ${script}`, { cwd: __dirname, stdio: 'inherit' });
  } catch {
    throw new Error(`npm run ${script} failed; fix it before deploying (see the output above)`);
  }
}

/**
 * @param {CommandContext} context
 * @returns {CommandContext}
 */
function buildAndTest(context) {
  npmRun('build');
  npmRun('test');
  return context;
}

module.exports = {
  defaultProjectFolder: '.',
  commands: {
    'project:validate': { beforeExecuting: buildAndTest },
    'project:deploy': { beforeExecuting: buildAndTest },
  },
};
