/**
 * `npm run pack`, the deploy dry run: what the SuiteCloud CLI would zip from deploy.xml, and nothing that
 * must stay home. Run as a developer runs it (the command line), on the built project and on a fixture
 * whose deploy.xml leaks sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const REPO = path.join(__dirname, '..', '..');
const PACK = path.join(REPO, 'scripts/pack.js');
const run = (...args: string[]) => spawnSync(process.execPath, [PACK, ...args], { encoding: 'utf8' });

/** Files below a folder, project-relative with forward slashes. */
function filesBelow(folder: string): string[] {
  const abs = path.join(REPO, folder);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe('npm run pack on this project (after npm run build)', () => {
  const result = run('--json');
  const packed = JSON.parse(result.stdout) as { files: Array<{ path: string, bytes: number }>, problems: string[] };
  const paths = packed.files.map((f) => f.path);

  test('exits 0 with no problems', () => {
    expect(packed.problems).toEqual([]);
    expect(result.status).toBe(0);
  });

  test('ships exactly the build output, Objects/, manifest.xml and deploy.xml', () => {
    const built = filesBelow('FileCabinet/SuiteScripts/employee_lifecycle');
    expect(built.length).toBeGreaterThan(0);
    const expected = [...built, ...filesBelow('Objects'), 'manifest.xml', 'deploy.xml'].sort();
    expect([...paths].sort()).toEqual(expected);
  });

  test('every scriptfile an object names is in the package', () => {
    const scriptfiles = fs.readdirSync(path.join(REPO, 'Objects'))
      .flatMap((file) => [...fs.readFileSync(path.join(REPO, 'Objects', file), 'utf8').matchAll(/<scriptfile>\[([^\]]+)\]<\/scriptfile>/g)].map((m) => `FileCabinet${m[1]}`));
    expect(scriptfiles.length).toBeGreaterThanOrEqual(7);
    for (const file of scriptfiles) expect(paths).toContain(file);
  });

  test('nothing from src/, the sandbox, tests or node_modules, and no TypeScript', () => {
    expect(paths.filter((p) => /^(src|sandbox|__tests__|node_modules|bench|scripts)\//.test(p) || p.endsWith('.ts'))).toEqual([]);
  });

  test('the human listing ends with the count and size', () => {
    const plain = run();
    const total = packed.files.reduce((sum, f) => sum + f.bytes, 0);
    expect(plain.stdout.trim().split('\n').at(-1)).toBe(`pack: ${packed.files.length} files, ${total} bytes would deploy`);
  });
});

test('a deploy.xml that leaks sources, maps and a missing object is refused, path by path', () => {
  const result = run(path.join(__dirname, '..', 'fixtures', 'sdf-pack-leak'));
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split('\n')).toEqual([
    'deploy.xml: <path>FileCabinet/SuiteScripts/app/a.js</path> does not start with ~/; write paths relative to the project as ~/FileCabinet/… or ~/Objects/…',
    'deploy.xml: <path>~/Objects/customscript_el_missing.xml</path> selects no file; fix the path, or run npm run build if it is build output',
    'deploy.xml: selects FileCabinet/SuiteScripts/app/a.js.map, a source, map, test or hidden file; exclude it from the build output or narrow the <path>',
    'deploy.xml: selects FileCabinet/SuiteScripts/app/a.ts, a source, map, test or hidden file; exclude it from the build output or narrow the <path>',
    'deploy.xml: selects src/a.ts from src/, which must never reach an account; narrow the <path>',
  ]);
  expect(result.stdout).toMatch(/pack: 6 files, \d+ bytes would deploy; 5 problems/);
});

test('npm run validate without the CLI installed says what the machine needs', () => {
  const cli = path.join(REPO, 'node_modules/@oracle/suitecloud-cli/src/suitecloud.js');
  if (fs.existsSync(cli)) return; // where npm could install the CLI, the command runs it instead
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/suitecloud.js'), 'project:validate'], { encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('The SuiteCloud CLI is not installed in this project');
  expect(result.stderr).toContain('SUITECLOUD_CLI_ACCEPT_LICENSE=true npm install');
});
