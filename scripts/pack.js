#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run pack`: the deploy dry run. The SuiteCloud CLI zips the project folder with only the files and
 * folders deploy.xml lists, plus manifest.xml and deploy.xml (Oracle, project:deploy, section_156044636320).
 * This prints that exact set, checks that every listed path exists and selects something, and refuses
 * anything that must not reach an account: sources, tests, the sandbox, node_modules, TypeScript or
 * source maps. `--json` prints { files, problems } for tools.
 */
const fs = require('node:fs');
const path = require('node:path');
const { readDeployXml } = require('./check/deploy');

/** Top-level folders that hold development material only. */
const NEVER_SHIPPED = ['node_modules/', 'src/', 'sandbox/', '__tests__/', 'bench/', 'scripts/', '.git/', '.ci/'];
/** Files inside FileCabinet/ that are build by-products or sources, not SuiteScript. */
const NOT_SUITESCRIPT = [/\.ts$/, /\.map$/, /\.test\.js$/, /(^|\/)\.[^/]+$/];
/** The only places deploy.xml may select from in an account customization project. */
const DEPLOYABLE_ROOTS = ['FileCabinet/', 'Objects/'];

/**
 * @param {string} root project folder
 * @returns {{ files: Array<{ path: string, bytes: number }>, problems: string[] }}
 */
function pack(root) {
  const absRoot = path.resolve(root);
  /** @type {string[]} */
  const problems = [];
  const { paths, problem } = readDeployXml(absRoot);
  if (!paths) return { files: [], problems: [`deploy.xml: ${problem}`] };

  /** @type {Set<string>} */
  const selected = new Set(['manifest.xml', 'deploy.xml'].filter((f) => fs.existsSync(path.join(absRoot, f))));
  if (!selected.has('manifest.xml')) problems.push('manifest.xml: is missing; the CLI deploys no project without it');
  for (const [section, patterns] of /** @type {const} */ ([['files', paths.files], ['objects', paths.objects]])) {
    if (!patterns.length) problems.push(`deploy.xml: <${section}> lists no <path>; add <path>~/${section === 'files' ? 'FileCabinet/SuiteScripts/…/*' : 'Objects/*'}</path>`);
    for (const pattern of patterns) {
      const matches = expand(absRoot, pattern);
      if (matches === null) {
        problems.push(`deploy.xml: <path>${pattern}</path> does not start with ~/; write paths relative to the project as ~/FileCabinet/… or ~/Objects/…`);
      } else if (!matches.length) {
        problems.push(`deploy.xml: <path>${pattern}</path> selects no file; fix the path, or run npm run build if it is build output`);
      }
      for (const file of matches ?? []) selected.add(file);
    }
  }

  const files = [...selected].sort().map((file) => ({ path: file, bytes: fs.statSync(path.join(absRoot, file)).size }));
  for (const { path: file } of files) {
    if (file === 'manifest.xml' || file === 'deploy.xml') continue;
    const banned = NEVER_SHIPPED.find((prefix) => file.startsWith(prefix));
    if (banned) problems.push(`deploy.xml: selects ${file} from ${banned}, which must never reach an account; narrow the <path>`);
    else if (!DEPLOYABLE_ROOTS.some((prefix) => file.startsWith(prefix))) problems.push(`deploy.xml: selects ${file}, which is outside FileCabinet/ and Objects/; narrow the <path>`);
    else if (file.startsWith('FileCabinet/') && NOT_SUITESCRIPT.some((rule) => rule.test(file))) problems.push(`deploy.xml: selects ${file}, a source, map, test or hidden file; exclude it from the build output or narrow the <path>`);
  }
  return { files, problems };
}

/**
 * The project-relative files a deploy.xml path selects: `~/dir/*` everything below dir, any other path
 * that one file. null when the path is not project-relative.
 * @param {string} root @param {string} pattern
 * @returns {string[] | null}
 */
function expand(root, pattern) {
  if (!pattern.startsWith('~/')) return null;
  const relative = pattern.slice(2);
  if (relative.split('/').includes('..')) return [];
  if (!relative.endsWith('/*')) return fs.existsSync(path.join(root, relative)) && fs.statSync(path.join(root, relative)).isFile() ? [relative] : [];
  const folder = relative.slice(0, -2);
  return walk(path.join(root, folder)).map((file) => path.relative(root, file).split(path.sep).join('/'));
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : entry.isFile() ? [path.join(dir, entry.name)] : []));
}

function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const root = args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..');
  const result = pack(root);
  if (json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const file of result.files) console.log(`${String(file.bytes).padStart(8)}  ${file.path}`);
    for (const problem of result.problems) console.error(problem);
    const total = result.files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(`pack: ${result.files.length} files, ${total} bytes would deploy${result.problems.length ? `; ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}` : ''}`);
  }
  if (result.problems.length) process.exitCode = 1;
}

if (require.main === module) main();

module.exports = { pack };
