/**
 * The SDF validator (sandbox/src/sdf/validate.js, tables in sandbox/src/sdf/schema/): each fixture under
 * __tests__/fixtures/sdf-rules/ breaks one rule class and gets exactly its message; this project passes;
 * and the sandbox refuses to boot a copy of this project that an account would refuse to deploy.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { bootTempAccount } from '../helpers/temp-account';
import * as validate from '@employee-lifecycle/sandbox/sdf/validate';
import * as sdf from '@employee-lifecycle/sandbox/sdf/project';

const REPO = path.join(__dirname, '..', '..');
const RULES = path.join(__dirname, '..', 'fixtures', 'sdf-rules');

/** A rule folder with its own manifest.xml is a whole project; any other is an overlay on rules/base. */
function findingsOf(rule: string): string[] {
  const dir = path.join(RULES, rule);
  const whole = fs.existsSync(path.join(dir, 'manifest.xml'));
  const root = whole ? dir : path.join(RULES, 'base');
  const { project, problems } = sdf.scanProject(root, { overlays: whole ? [] : [dir] });
  expect(problems).toEqual([]);
  return validate.validateProject(project).map((f) => {
    const base = f.file.startsWith(dir) ? dir : root;
    return `${f.level}: ${path.relative(base, f.file)}: ${f.message}`;
  });
}

const UE = 'Objects/customscript_el_rule_ue.xml: usereventscript[customscript_el_rule_ue]';
const UE_DEPLOY = `${UE}/scriptdeployments/scriptdeployment[customdeploy_el_rule_ue]`;
const SL_DEPLOY = 'Objects/customscript_el_rule_sl.xml: suitelet[customscript_el_rule_sl]/scriptdeployments/scriptdeployment[customdeploy_el_rule_sl]';
const MR_RECURRENCE = 'Objects/customscript_el_rule_mr.xml: mapreducescript[customscript_el_rule_mr]/scriptdeployments/scriptdeployment[customdeploy_el_rule_mr]/recurrence';

const EXPECTED: Record<string, string[]> = {
  'unknown-element': [
    `error: ${SL_DEPLOY}/titel: unknown element <titel>; did you mean <title>? the reference lists no titel (Oracle SDFxml_2909147388); remove it or fix its name`,
  ],
  'unknown-attribute': [
    `error: ${UE}: unknown attribute version; the reference lists these attributes: scriptid (Oracle SDFxml_2716615335); remove it or fix its name`,
  ],
  'required-missing': [
    `error: ${SL_DEPLOY}: <title> is missing or empty; it is required (Oracle SDFxml_2909147388); add <title>…</title>`,
  ],
  'max-length': [
    `error: ${UE}/name: 'Employee Lifecycle: employee change webhooks' is 44 characters long; at most 40 are allowed (Oracle SDFxml_2716615335); shorten it`,
  ],
  'boolean': [
    `error: ${UE}/isinactive: 'Yes' is not a boolean; SDF booleans are T or F (Oracle SDFxml_2716615335)`,
  ],
  'select-value': [
    expect.stringMatching(new RegExp(`^error: ${escape(SL_DEPLOY)}/status: 'LIVE' is not one of script_status \\(.*RELEASED.*\\) \\(Oracle SDFxml_2909147388, .+\\); use one of those$`)),
  ],
  'multiselect-value': [
    expect.stringMatching(new RegExp(`^error: ${escape(UE_DEPLOY)}/executioncontext: 'WEBHOOK' is not one of execution_context \\(.+\\) \\(Oracle SDFxml_1334137041, .+\\); use one of those$`)),
  ],
  'repeat-value': [
    expect.stringMatching(new RegExp(`^error: ${escape(MR_RECURRENCE)}/daily/repeat: 'PT5M' is not one of generic_repeat_time \\(PT15M, .*\\) \\(Oracle .+\\); use one of those$`)),
  ],
  'date-time': [
    `error: ${MR_RECURRENCE}/daily/startdate: '2026-02-30' is not a date; write it as YYYY-MM-DD (Oracle SDFxml_617656060)`,
    `error: ${MR_RECURRENCE}/daily/starttime: '9am' is not a time; write it as HH:MM:SSZ, e.g. 09:00:00Z (Oracle SDFxml_617656060)`,
  ],
  'one-of': [
    `error: ${MR_RECURRENCE}: holds <daily>, <weekly>; it takes exactly one of <single>, <daily>, <everyweekday>, <weekly>, <monthly>, <monthlydayofweek>, <yearly>, <yearlydayofweek> (Oracle SDFxml_27094036)`,
  ],
  'bare-reference': [
    `error: ${UE_DEPLOY}/recordtype: '[customrecord_el_rule_thing]' is not SDF's reference syntax; an object of the project is written [scriptid=customrecord_el_rule_thing] (Oracle SDFxml_1334137041); write [scriptid=customrecord_el_rule_thing]`,
  ],
  'unbracketed-reference': [
    `error: ${UE_DEPLOY}/recordtype: 'customrecord_el_rule_thing' names an object of this project without SDF's reference syntax (Oracle SDFxml_1334137041); write [scriptid=customrecord_el_rule_thing]`,
  ],
  'undefined-reference': [
    `error: ${UE_DEPLOY}/recordtype: '[scriptid=customrecord_el_nowhere]' references customrecord_el_nowhere, which this project does not define (Oracle SDFxml_1334137041); add Objects/customrecord_el_nowhere.xml or fix the id`,
  ],
  'wrong-type-reference': [
    `error: ${UE_DEPLOY}/recordtype: '[scriptid=customscript_el_rule_ue]' references a usereventscript, but this field accepts a customrecordtype or customtransactiontype (Oracle SDFxml_1334137041)`,
  ],
  'duplicate-element': [
    `error: ${UE}/name: appears 2 times; SDF allows it once (Oracle SDFxml_2716615335); keep one`,
  ],
  'id-prefix': [
    "error: Objects/customscript_el_rule_ue.xml: usereventscript[customscript_el_rule_ue]/scriptdeployments/scriptdeployment[customscript_el_rule_ue_deploy]/@scriptid: 'customscript_el_rule_ue_deploy' does not start with customdeploy_ (Oracle SDFxml_1334137041); make it start with customdeploy_",
  ],
  'file-extension': [
    `error: ${UE}/scriptfile: '[/SuiteScripts/employee_lifecycle/rule_ue.ts]' must reference a .js file (Oracle SDFxml_2716615335)`,
  ],
  'list-content': [
    `error: ${UE}/scriptdeployments: unknown element <deployment>; <scriptdeployments> holds only <scriptdeployment> elements (Oracle SDFxml_2716615335); move or remove it`,
  ],
  'unknown-object-type': [
    'error: Objects/customworkflow_el_rule.xml: <workflow>: no SDF reference table for this object type; add sandbox/src/sdf/schema/workflow.json from its Oracle page, or remove the object',
  ],
  'field-feature': [
    `warning: ${SL_DEPLOY}/allpartners: needs feature CRM in manifest.xml (Oracle SDFxml_2909147388); declare <feature required="false">CRM</feature>, or remove the element`,
  ],
  'object-feature': [
    'error: manifest.xml: feature CUSTOMRECORDS is not declared, but Objects/ holds customrecordtype objects, which depend on it (Oracle SDFxml_372451363); add <feature required="true">CUSTOMRECORDS</feature> under <dependencies><features>',
  ],
  'grant-mismatch': [
    'error: Objects/customrole_el_rule.xml: role[customrole_el_rule]/permissions: gives FULL on customrecord_el_rule_thing, whose permission list gives this role VIEW (Oracle section_4731157695: both sides must match); set the same level in both files',
  ],
  'manifest-element': [
    'error: manifest.xml: manifest/projectnam: unknown element <projectnam>; did you mean <projectname>? the reference lists no projectnam (Oracle section_1536685413); remove it or fix its name',
  ],
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('each rule class refuses its broken fixture with its message', () => {
  test('every fixture folder has an expectation, and every expectation a folder', () => {
    const folders = fs.readdirSync(RULES).filter((name) => name !== 'base').sort();
    expect(folders).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.keys(EXPECTED))('%s', (rule) => {
    expect(findingsOf(rule)).toEqual(EXPECTED[rule]);
  });

  test('the base the overlays sit on is itself clean', () => {
    const { project } = sdf.scanProject(path.join(RULES, 'base'));
    expect(validate.validateProject(project)).toEqual([]);
  });
});

describe('this project', () => {
  test('passes the validator with no errors and no warnings', () => {
    const { project, problems } = sdf.scanProject(REPO);
    expect(problems).toEqual([]);
    expect(validate.validateProject(project)).toEqual([]);
  });

  test('every table names the Oracle page it was read from, and every table and enumeration it points to exists', () => {
    const { tables, enums } = validate.schema();
    for (const [name, table] of tables) {
      expect([name, table.source]).toEqual([name, expect.stringMatching(/(SDFxml|section|article|chapter)_\w+/)]);
      for (const rule of [...Object.values(table.fields ?? {}), ...Object.values(table.attributes ?? {})]) {
        if (rule.values) expect([name, rule.values, enums[rule.values] !== undefined]).toEqual([name, rule.values, true]);
      }
      for (const rule of Object.values(table.structured ?? {})) {
        for (const target of [rule.table, ...Object.values(rule.oneOf ?? {})].filter(Boolean)) {
          expect([name, target, tables.has(target as string)]).toEqual([name, target, true]);
        }
      }
    }
  });
});

/** A copy of this project (manifest, deploy.xml, Objects/, built FileCabinet/, and src/ for the check) to break. */
function copyOfProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdf-broken-'));
  for (const entry of ['manifest.xml', 'deploy.xml', 'Objects', 'FileCabinet', 'src']) {
    fs.cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

describe('a copy of this project with the two mistakes issue 11 found', () => {
  const dir = copyOfProject();
  const dispatcher = path.join(dir, 'Objects/customscript_el_webhook_dispatch_mr.xml');
  fs.writeFileSync(dispatcher, fs.readFileSync(dispatcher, 'utf8').replace('<repeat>PT15M</repeat>', '<repeat>PT5M</repeat>'));
  const ue = path.join(dir, 'Objects/customscript_el_employee_webhooks_ue.xml');
  fs.writeFileSync(ue, fs.readFileSync(ue, 'utf8').replace('<name>Employee Lifecycle: employee webhooks</name>', '<name>Employee Lifecycle: employee change webhooks</name>'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expected = [
    expect.stringMatching(/^Objects\/customscript_el_employee_webhooks_ue\.xml: usereventscript\[customscript_el_employee_webhooks_ue\]\/name: 'Employee Lifecycle: employee change webhooks' is 44 characters long; at most 40 are allowed/),
    expect.stringMatching(/^Objects\/customscript_el_webhook_dispatch_mr\.xml: .*\/recurrence\/daily\/repeat: 'PT5M' is not one of generic_repeat_time/),
  ];

  test('npm run check names both and exits 1', () => {
    const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/check-project.js'), dir], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([...expected, 'project check: 2 problems']);
  });

  test('the sandbox refuses to boot it, with the same messages', async () => {
    const booting = bootTempAccount('sdf-broken', { projectRoot: dir });
    await expect(booting).rejects.toThrow(/^SDF project .* cannot be loaded:\n/);
    const message = await booting.then(() => '', (error: Error) => error.message);
    expect(message.split('\n').slice(1)).toEqual(expected);
  });
});
