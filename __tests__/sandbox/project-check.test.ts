/**
 * The SDF project check (`npm run check`) and the loader it shares with the sandbox. Each fixture project
 * under __tests__/fixtures/sdf-* is clean except for one kind of problem, so each test pins the exact
 * line a developer would read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import check = require('../../scripts/check-project.js');
import header = require('../../scripts/check/header.js');
import * as sdf from '@employee-lifecycle/sandbox/sdf/project';

const REPO = path.join(__dirname, '..', '..');
const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);
const problemsOf = (name: string) => {
  const { errors, warnings } = check.checkProject(fixture(name));
  return { errors, warnings };
};

describe('checkProject: one fixture project per kind of problem', () => {
  test('a clean project has no errors and no warnings', () => {
    expect(problemsOf('sdf-good')).toEqual({ errors: [], warnings: [] });
  });

  test('an Objects/ file that is not well-formed XML', () => {
    expect(problemsOf('sdf-bad-xml')).toEqual({
      errors: [
        "Objects/customscript_el_broken_sl.xml: is not well-formed XML (line 6, column 20: Expected closing tag 'title' (opened in line 6, col 7) instead of closing tag 'titel'.); fix the XML",
      ],
      warnings: [],
    });
  });

  test('a file name that does not match its scriptid', () => {
    expect(problemsOf('sdf-name-mismatch').errors).toEqual([
      'Objects/customscript_el_old_name_sl.xml: file name does not match scriptid customscript_el_new_name_sl; rename the file to customscript_el_new_name_sl.xml',
    ]);
  });

  test('a scriptfile that is not in FileCabinet/ (not built yet)', () => {
    expect(problemsOf('sdf-missing-scriptfile').errors).toEqual([
      'Objects/customscript_el_unbuilt_sl.xml: scriptfile /SuiteScripts/employee_lifecycle/unbuilt_sl.js is not in FileCabinet/; run npm run build (or fix the <scriptfile> path)',
    ]);
  });

  test('an entry point whose header names the wrong script type and lacks the module scope', () => {
    const fix = 'fix the header of src/header_sl.ts and keep a blank line between it and the first import (TypeScript drops a header attached to an import)';
    expect(problemsOf('sdf-bad-header').errors).toEqual([
      `FileCabinet/SuiteScripts/employee_lifecycle/header_sl.js: header before define( says @NScriptType ScheduledScript; expected @NScriptType Suitelet; ${fix}`,
      `FileCabinet/SuiteScripts/employee_lifecycle/header_sl.js: header before define( lacks @NModuleScope SameAccount; ${fix}`,
    ]);
  });

  test('an id src/ uses that Objects/ does not define (comments and `${…}` prefixes do not count)', () => {
    expect(problemsOf('sdf-undefined-id').errors).toEqual([
      'src/sign.ts: uses API secret custsecret_el_api_token, which Objects/ does not define; add Objects/custsecret_el_api_token.xml holding <secret scriptid="custsecret_el_api_token"/> (or fix the id)',
    ]);
  });

  test('a custom record field Objects/ defines that src/ never uses', () => {
    expect(problemsOf('sdf-unused-id').errors).toEqual([
      'Objects/customrecord_el_delivery.xml: custom record field custrecord_el_delivery_legacy is defined but used nowhere in src/; use it or remove it',
    ]);
  });

  test('features the project needs but manifest.xml does not declare, and one it declares for nothing', () => {
    expect(problemsOf('sdf-missing-feature')).toEqual({
      errors: [
        'manifest.xml: feature SERVERSIDESCRIPTING is not declared, but Objects/ holds suitelet objects, which depend on it (Oracle section_160321147201); add <feature required="true">SERVERSIDESCRIPTING</feature> under <dependencies><features>',
        'manifest.xml: feature TBA is not declared, but src/features_sl.ts checks it with isFeatureInEffect; add <feature required="true|false">TBA</feature> under <dependencies><features>',
      ],
      warnings: [
        'manifest.xml: feature OAUTH2 is declared but nothing in Objects/ or src/ needs it; remove it, or check it with runtime.isFeatureInEffect where the code relies on it',
      ],
    });
  });

  test('an id without the project prefix', () => {
    expect(problemsOf('sdf-no-prefix').errors).toEqual([
      'Objects/custsecret_webhook_key.xml: API secret custsecret_webhook_key lacks the _el_ prefix; rename it to custsecret_el_webhook_key (in Objects/ and wherever src/ uses it)',
    ]);
  });

  test('a deployment that runs as Administrator is a warning, not an error', () => {
    expect(problemsOf('sdf-admin-role')).toEqual({
      errors: [],
      warnings: [
        'Objects/customscript_el_admin_sl.xml: deployment customdeploy_el_admin_sl runs as ADMINISTRATOR; give it a role with only the permissions it needs',
      ],
    });
  });

  test('a deployment value for a parameter its script does not have', () => {
    expect(problemsOf('sdf-unknown-param').errors).toEqual([
      'Objects/customscript_el_param_sl.xml: suitelet[customscript_el_param_sl]/scriptdeployments/scriptdeployment[customdeploy_el_param_sl]/custscript_el_param_farewell: unknown element <custscript_el_param_farewell>; it is not a parameter of this script (its parameters: custscript_el_param_greeting); add it to <scriptcustomfields> or remove the value',
    ]);
  });

  test('a deploy.xml that leaves the scripts out of the upload', () => {
    expect(problemsOf('sdf-deploy-xml').errors).toEqual([
      'deploy.xml: does not include FileCabinet/SuiteScripts/employee_lifecycle/hidden_sl.js (scriptfile of customscript_el_hidden_sl); add <path>~/FileCabinet/SuiteScripts/employee_lifecycle/*</path> under <files>',
    ]);
  });
});

describe('npm run check (the command line)', () => {
  const run = (root: string) => spawnSync(process.execPath, [path.join(REPO, 'scripts/check-project.js'), root], { encoding: 'utf8' });

  test('prints the summary and exits 0 on a clean project', () => {
    const result = run(fixture('sdf-good'));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('project check: 6 objects, 3 scripts, OK');
  });

  test('prints one line per problem and exits 1', () => {
    const result = run(fixture('sdf-missing-feature'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^warning: manifest\.xml: feature OAUTH2 is declared/),
      expect.stringMatching(/^manifest\.xml: feature SERVERSIDESCRIPTING is not declared/),
      expect.stringMatching(/^manifest\.xml: feature TBA is not declared/),
      'project check: 2 problems',
    ]);
    expect(result.stdout).toBe('');
  });
});

describe('loadProject: the project description', () => {
  const project = sdf.loadProject(fixture('sdf-good'));
  const script = (scriptid: string) => {
    const found = project.scripts.find((s) => s.scriptid === scriptid);
    if (!found) throw new Error(`${scriptid} not loaded`);
    return found;
  };

  test('manifest name and features', () => {
    expect(project.root).toBe(fixture('sdf-good'));
    expect(project.name).toBe('sdf-good');
    expect(project.features).toEqual([
      { id: 'SERVERSIDESCRIPTING', required: true },
      { id: 'CUSTOMRECORDS', required: true },
      { id: 'RESTWEBSERVICES', required: false },
    ]);
  });

  test('a user event script: parameters, deployment, execution contexts, role reference unwrapped', () => {
    expect(script('customscript_el_demo_ue')).toEqual({
      scriptid: 'customscript_el_demo_ue',
      type: 'usereventscript',
      name: 'EL Demo User Event',
      scriptfile: '/SuiteScripts/employee_lifecycle/demo_ue.js',
      file: path.join(fixture('sdf-good'), 'FileCabinet/SuiteScripts/employee_lifecycle/demo_ue.js'),
      parameters: [
        { id: 'custscript_el_demo_endpoint', fieldtype: 'URL', label: 'Endpoint', defaultvalue: null, ismandatory: true, selectrecordtype: null },
        { id: 'custscript_el_demo_enabled', fieldtype: 'CHECKBOX', label: 'Enabled', defaultvalue: 'T', ismandatory: false, selectrecordtype: null },
      ],
      deployments: [{
        scriptid: 'customdeploy_el_demo_ue', status: 'RELEASED', isdeployed: true, title: null, recordtype: 'EMPLOYEE',
        eventtype: null, executioncontext: ['USERINTERFACE', 'CSVIMPORT', 'RESTWEBSERVICES'], loglevel: 'AUDIT',
        runasrole: 'customrole_el_integration', allroles: true, allemployees: false, audslctrole: [], isonline: false, recurrence: null,
        concurrencylimit: null, yieldaftermins: null, buffersize: null, queueallstagesatonce: null,
        parameters: { custscript_el_demo_endpoint: 'https://hooks.example.com/el' },
      }],
      xmlFile: path.join(fixture('sdf-good'), 'Objects/customscript_el_demo_ue.xml'),
    });
  });

  test('a map/reduce script: two deployments, recurrence kept as written, parameter values as strings', () => {
    const [daily, onDemand] = script('customscript_el_demo_mr').deployments;
    expect(daily).toMatchObject({
      scriptid: 'customdeploy_el_demo_mr_daily', status: 'SCHEDULED', title: 'Daily', loglevel: 'DEBUG',
      concurrencylimit: '2', yieldaftermins: '60', buffersize: '1', queueallstagesatonce: 'T',
      recurrence: { daily: { everyxdays: '1', repeat: '', startdate: '2025-01-01', starttime: '02:00:00Z' } },
      parameters: { custscript_el_demo_batch: '0010' },
    });
    // Absent elements: null, or the SDF default for the booleans and loglevel.
    expect(onDemand).toMatchObject({
      scriptid: 'customdeploy_el_demo_mr_ondemand', status: 'NOTSCHEDULED', isdeployed: true, loglevel: 'DEBUG',
      recurrence: null, concurrencylimit: null, runasrole: null, executioncontext: null, parameters: {},
    });
    expect(script('customscript_el_demo_mr').parameters).toEqual([
      { id: 'custscript_el_demo_batch', fieldtype: 'INTEGER', label: 'Batch size', defaultvalue: '50', ismandatory: false, selectrecordtype: null },
    ]);
  });

  test('a Suitelet: audience roles as a list, available-without-login as a boolean', () => {
    expect(script('customscript_el_demo_sl').deployments[0]).toMatchObject({
      title: 'Access self-check', status: 'TESTING', audslctrole: ['customrole_el_integration', 'ADMINISTRATOR'], allemployees: false, isonline: false,
    });
  });

  test('custom record types with their fields, secrets, and other objects listed by type', () => {
    expect(project.customRecordTypes).toEqual([{
      scriptid: 'customrecord_el_demo_delivery', recordname: 'EL Demo Delivery', includename: false, accesstype: 'NONENEEDED',
      permissions: [],
      fields: [
        { scriptid: 'custrecord_el_demo_payload', fieldtype: 'CLOBTEXT', label: 'Payload', ismandatory: true, selectrecordtype: null, defaultvalue: null },
        { scriptid: 'custrecord_el_demo_employee', fieldtype: 'SELECT', label: 'Employee', ismandatory: false, selectrecordtype: '-4', defaultvalue: null },
        { scriptid: 'custrecord_el_demo_attempts', fieldtype: 'INTEGER', label: 'Attempts', ismandatory: false, selectrecordtype: null, defaultvalue: '0' },
        { scriptid: 'custrecord_el_demo_delivered', fieldtype: 'CHECKBOX', label: 'Delivered', ismandatory: false, selectrecordtype: null, defaultvalue: 'F' },
      ],
      xmlFile: path.join(fixture('sdf-good'), 'Objects/customrecord_el_demo_delivery.xml'),
    }]);
    expect(project.secrets).toEqual([
      { scriptid: 'custsecret_el_demo_signing_key', xmlFile: path.join(fixture('sdf-good'), 'Objects/custsecret_el_demo_signing_key.xml') },
    ]);
    expect(project.others).toEqual([
      { type: 'customlist', scriptid: 'customlist_el_demo_status', xmlFile: path.join(fixture('sdf-good'), 'Objects/customlist_el_demo_status.xml') },
    ]);
  });

  test('files maps File Cabinet paths to files on disk', () => {
    expect(Object.keys(project.files).sort()).toEqual([
      '/SuiteScripts/employee_lifecycle/demo_mr.js',
      '/SuiteScripts/employee_lifecycle/demo_sl.js',
      '/SuiteScripts/employee_lifecycle/demo_ue.js',
    ]);
  });

  test('overlays add objects and replace files of the same File Cabinet path', () => {
    const withOverlay = sdf.loadProject(fixture('sdf-good'), { overlays: [fixture('sdf-overlay')] });
    const extra = withOverlay.scripts.find((s) => s.scriptid === 'customscript_el_extra_ss');
    expect(extra).toMatchObject({ type: 'scheduledscript', file: path.join(fixture('sdf-overlay'), 'FileCabinet/SuiteScripts/employee_lifecycle/extra_ss.js') });
    const suitelet = withOverlay.scripts.find((s) => s.scriptid === 'customscript_el_demo_sl');
    expect(suitelet?.file).toBe(path.join(fixture('sdf-overlay'), 'FileCabinet/SuiteScripts/employee_lifecycle/demo_sl.js'));
    expect(withOverlay.scripts).toHaveLength(4);
  });

  test('a malformed file fails the load with the file, the line and what is wrong', () => {
    expect(() => sdf.loadProject(fixture('sdf-bad-xml'))).toThrow(
      "Objects/customscript_el_broken_sl.xml: is not well-formed XML (line 6, column 20: Expected closing tag 'title'",
    );
  });

  test('a folder without manifest.xml is not an SDF project', () => {
    expect(() => sdf.loadProject(fixture('sdf-overlay'))).toThrow('manifest.xml: is missing; an SDF project folder needs manifest.xml');
  });
});

describe('entry-point headers in the built bundle', () => {
  const headerOf = (script: { file: string | null; type: keyof typeof header.SCRIPT_TYPE_TAGS }) =>
    header.headerProblems(fs.readFileSync(script.file ?? '', 'utf8'), script.type);

  test('every built scriptfile carries @NApiVersion 2.1, its @NScriptType and @NModuleScope SameAccount', () => {
    // Runs after `npm run build` in `npm test`. Until src/ has entry points, the fixtures stand in.
    const repoScripts = sdf.loadProject(REPO).scripts.filter((s) => s.file);
    const scripts = repoScripts.length ? repoScripts : sdf.loadProject(fixture('sdf-good')).scripts;
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect({ file: script.file, problems: headerOf(script) }).toEqual({ file: script.file, problems: [] });
  });

  test('the header check rejects what NetSuite would reject', () => {
    const [broken] = sdf.loadProject(fixture('sdf-bad-header')).scripts;
    expect(headerOf(broken)).toEqual([
      'header before define( says @NScriptType ScheduledScript; expected @NScriptType Suitelet',
      'header before define( lacks @NModuleScope SameAccount',
    ]);
    expect(header.headerProblems('define([], () => ({}));', 'restlet')).toEqual([
      'has no JSDoc header (/** @NApiVersion … */) before define(',
    ]);
    // A header after define( is one NetSuite never sees.
    expect(header.headerProblems('define([], () => ({}));\n/**\n * @NApiVersion 2.1\n */', 'restlet')).toHaveLength(1);
  });
});

describe('eslint-plugin-suitescript on the compiled output', () => {
  const root = path.join(__dirname, '..', '..');
  /** The lint script's second step, as `npm run lint` runs it, in a folder; the messages as "file:line rule". */
  function suitescriptLint(cwd: string): string[] {
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-inline-config',
      '-c', path.join(root, 'eslint.suitescript.config.js'), '--format', 'json', 'FileCabinet/SuiteScripts/employee_lifecycle'], { cwd, encoding: 'utf8' });
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ line: number; ruleId: string | null }> }>;
    return results.flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)}:${m.line} ${m.ruleId}`));
  }

  test('catches a misspelled script type and N/ module, and N/log loaded instead of the global', () => {
    expect(suitescriptLint(path.join(__dirname, '..', 'fixtures', 'suitescript-lint')).sort())
      .toEqual(['bad_sl.js:5 suitescript/script-type', 'bad_sl.js:8 suitescript/no-invalid-modules', 'bad_sl.js:8 suitescript/no-log-module']);
  });

  test('the built bundle passes', () => {
    expect(suitescriptLint(root)).toEqual([]);
  });
});
