#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run check`: what `suitecloud project:validate` would reject, and what it cannot see, checked
 * offline. Reads the project with the sandbox's loader (sandbox/src/sdf/project.js) and the TypeScript
 * sources, prints one line per problem ("file: what is wrong; how to fix it") and exits 1 on any error.
 * Warnings are printed but do not fail the run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { scanProject } = require('@employee-lifecycle/sandbox/sdf/project');
const { projectObjects } = require('@employee-lifecycle/sandbox/sdf/objects');
const { headerProblems } = require('./check/header');
const { scanSources } = require('./check/sources');
const { readDeployXml, covered } = require('./check/deploy');
const { validateProject, objectFeatures } = require('@employee-lifecycle/sandbox/sdf/validate');

/** @typedef {import('@employee-lifecycle/sandbox/sdf/project').Project} Project */
/** @typedef {import('./check/sources').SourceUse} SourceUse */

/** Where `npm run build` writes src/ (tsconfig.json outDir), to point a header problem back at its source. */
const BUILD_OUTPUT = 'FileCabinet/SuiteScripts/employee_lifecycle/';
/** Every SDF id of this project carries it after the type prefix: customscript_el_…, custrecord_el_… */
const PROJECT_TAG = 'el';

/**
 * @typedef {'script' | 'deployment' | 'parameter' | 'recordType' | 'recordField' | 'secret' | 'other'} IdKind
 * @typedef {{ kind: IdKind, xmlFile: string, type?: string }} Definition
 */

/** @type {Record<Exclude<IdKind, 'other'>, { prefix: string, label: string, add: string }>} */
const KINDS = {
  script: { prefix: 'customscript', label: 'script', add: 'add an Objects/<scriptid>.xml script object' },
  deployment: { prefix: 'customdeploy', label: 'deployment', add: "add a <scriptdeployment> with this scriptid to its script's XML" },
  parameter: { prefix: 'custscript', label: 'script parameter', add: "add a <scriptcustomfield> with this scriptid to the script's <scriptcustomfields>" },
  recordType: { prefix: 'customrecord', label: 'custom record type', add: 'add an Objects/<scriptid>.xml customrecordtype' },
  recordField: { prefix: 'custrecord', label: 'custom record field', add: "add a <customrecordcustomfield> with this scriptid to its record type's XML" },
  secret: { prefix: 'custsecret', label: 'API secret', add: 'add Objects/<scriptid>.xml holding <secret scriptid="<scriptid>"/>' },
};

/** Kinds whose ids count as used only when src/ names them (scripts and deployments are used by being deployed). */
const MUST_BE_USED = /** @type {const} */ (['parameter', 'recordType', 'recordField', 'secret']);

/**
 * Checks an SDF project folder.
 * @param {string} root
 * @returns {{ errors: string[], warnings: string[], summary: { objects: number, scripts: number } }}
 */
function checkProject(root) {
  const absRoot = path.resolve(root);
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const warnings = [];
  /** @param {string} file */
  const rel = (file) => path.relative(absRoot, file).split(path.sep).join('/');

  const { project, problems } = scanProject(absRoot);
  for (const problem of problems) errors.push(`${rel(problem.file)}: ${problem.message}`);
  // The SDF reference tables: what an account refuses at deploy (errors) or the CLI warns about.
  for (const finding of validateProject(project)) {
    (finding.level === 'error' ? errors : warnings).push(`${rel(finding.file)}: ${finding.message}`);
  }

  const definitions = collectDefinitions(project);
  const use = scanSources(absRoot);

  checkFileNames(project, rel, errors);
  checkPrefixes(definitions, rel, errors);
  checkScriptFiles(project, absRoot, rel, errors);
  checkDeployments(project, rel, warnings);
  checkIds(definitions, use, rel, errors);
  checkFeatures(project, use, errors, warnings);
  checkDeployXml(project, absRoot, rel, errors);

  return { errors, warnings, summary: { objects: projectObjects(project).length, scripts: project.scripts.length } };
}

/**
 * Every id Objects/ defines, with its kind and the file that defines it.
 * @param {Project} project
 * @returns {Map<string, Definition>}
 */
function collectDefinitions(project) {
  /** @type {Map<string, Definition>} */
  const ids = new Map();
  /** @param {string} id @param {Definition} definition */
  const define = (id, definition) => { if (id && !ids.has(id)) ids.set(id, definition); };
  for (const script of project.scripts) {
    define(script.scriptid, { kind: 'script', xmlFile: script.xmlFile });
    for (const parameter of script.parameters) define(parameter.id, { kind: 'parameter', xmlFile: script.xmlFile });
    for (const deployment of script.deployments) define(deployment.scriptid, { kind: 'deployment', xmlFile: script.xmlFile });
  }
  for (const recordType of project.customRecordTypes) {
    define(recordType.scriptid, { kind: 'recordType', xmlFile: recordType.xmlFile });
    for (const field of recordType.fields) define(field.scriptid, { kind: 'recordField', xmlFile: recordType.xmlFile });
  }
  for (const secret of project.secrets) define(secret.scriptid, { kind: 'secret', xmlFile: secret.xmlFile });
  for (const role of project.roles) define(role.scriptid, { kind: 'other', xmlFile: role.xmlFile, type: 'role' });
  for (const other of project.others) define(other.scriptid, { kind: 'other', xmlFile: other.xmlFile, type: other.type });
  return ids;
}

/**
 * SDF requires each object file to be named after its scriptid.
 * @param {Project} project @param {(file: string) => string} rel @param {string[]} errors
 */
function checkFileNames(project, rel, errors) {
  for (const object of projectObjects(project)) {
    if (path.basename(object.xmlFile, '.xml') !== object.scriptid) {
      errors.push(`${rel(object.xmlFile)}: file name does not match scriptid ${object.scriptid}; rename the file to ${object.scriptid}.xml`);
    }
  }
}

/**
 * @param {Map<string, Definition>} definitions @param {(file: string) => string} rel @param {string[]} errors
 */
function checkPrefixes(definitions, rel, errors) {
  for (const [id, { kind, xmlFile, type }] of definitions) {
    const base = kind === 'other' ? (/^[a-z]+/.exec(id)?.[0] ?? 'cust') : KINDS[kind].prefix;
    const expected = `${base}_${PROJECT_TAG}_`;
    if (id.startsWith(expected)) continue;
    const label = kind === 'other' ? `${type} object` : KINDS[kind].label;
    const suggestion = id.startsWith(`${base}_`) ? expected + id.slice(base.length + 1) : `${expected}…`;
    errors.push(`${rel(xmlFile)}: ${label} ${id} lacks the _${PROJECT_TAG}_ prefix; rename it to ${suggestion} (in Objects/ and wherever src/ uses it)`);
  }
}

/**
 * Every scriptfile exists in FileCabinet/ and carries the header NetSuite needs.
 * @param {Project} project @param {string} root @param {(file: string) => string} rel @param {string[]} errors
 */
function checkScriptFiles(project, root, rel, errors) {
  for (const script of project.scripts) {
    if (!script.scriptfile) {
      errors.push(`${rel(script.xmlFile)}: has no <scriptfile>; add <scriptfile>[/SuiteScripts/employee_lifecycle/<file>.js]</scriptfile>`);
      continue;
    }
    if (!script.file) {
      errors.push(`${rel(script.xmlFile)}: scriptfile ${script.scriptfile} is not in FileCabinet/; run npm run build (or fix the <scriptfile> path)`);
      continue;
    }
    const compiled = rel(script.file);
    const sourceFile = compiled.startsWith(BUILD_OUTPUT) ? `src/${compiled.slice(BUILD_OUTPUT.length).replace(/\.js$/, '.ts')}` : null;
    const fix = sourceFile && fs.existsSync(path.join(root, sourceFile))
      ? `fix the header of ${sourceFile} and keep a blank line between it and the first import (TypeScript drops a header attached to an import)`
      : 'fix the JSDoc header at the top of the file';
    for (const problem of headerProblems(fs.readFileSync(script.file, 'utf8'), script.type)) {
      errors.push(`${compiled}: ${problem}; ${fix}`);
    }
  }
}

/**
 * Administrator as the execution role is flagged. (A value for a parameter the script lacks is the
 * validator's: an unknown element of the deployment.)
 * @param {Project} project @param {(file: string) => string} rel @param {string[]} warnings
 */
function checkDeployments(project, rel, warnings) {
  for (const script of project.scripts) {
    for (const deployment of script.deployments) {
      if (deployment.runasrole === 'ADMINISTRATOR') {
        warnings.push(`${rel(script.xmlFile)}: deployment ${deployment.scriptid} runs as ADMINISTRATOR; give it a role with only the permissions it needs`);
      }
    }
  }
}

/**
 * Ids src/ uses must be defined in Objects/; parameters, records, fields and secrets Objects/ defines must be used.
 * @param {Map<string, Definition>} definitions @param {SourceUse} use @param {(file: string) => string} rel
 * @param {string[]} errors
 */
function checkIds(definitions, use, rel, errors) {
  for (const [id, files] of use.ids) {
    if (definitions.has(id)) continue;
    const kind = kindOf(id);
    for (const file of files) {
      errors.push(`${file}: uses ${KINDS[kind].label} ${id}, which Objects/ does not define; ${KINDS[kind].add.replaceAll('<scriptid>', id)} (or fix the id)`);
    }
  }
  for (const [id, { kind, xmlFile }] of definitions) {
    if (kind === 'other' || !(/** @type {readonly string[]} */ (MUST_BE_USED)).includes(kind) || use.ids.has(id)) continue;
    errors.push(`${rel(xmlFile)}: ${KINDS[kind].label} ${id} is defined but used nowhere in src/; use it or remove it`);
  }
}

/**
 * The kind an id's prefix names (the sources scan only matches ids with one of these prefixes).
 * @param {string} id
 * @returns {Exclude<IdKind, 'other'>}
 */
function kindOf(id) {
  const kinds = /** @type {Array<Exclude<IdKind, 'other'>>} */ (Object.keys(KINDS));
  return kinds.find((kind) => id.startsWith(`${KINDS[kind].prefix}_`)) ?? 'parameter';
}

/**
 * manifest.xml must declare every feature the project needs, and should declare nothing else.
 * @param {Project} project @param {SourceUse} use @param {string[]} errors @param {string[]} warnings
 */
function checkFeatures(project, use, errors, warnings) {
  /** @type {Map<string, { reason: string, required: boolean }>} */
  const needed = new Map();
  // What Objects/ depends on is validateProject's to report; here it only counts as needed.
  const fromObjects = objectFeatures(project);
  const recordUser = [...use.ids].find(([id]) => id.startsWith('customrecord_'));
  if (recordUser && !fromObjects.has('CUSTOMRECORDS')) {
    needed.set('CUSTOMRECORDS', { reason: `${recordUser[1][0]} uses custom records`, required: true });
  }
  for (const [feature, files] of use.features) {
    if (!needed.has(feature) && !fromObjects.has(feature)) needed.set(feature, { reason: `${files[0]} checks it with isFeatureInEffect`, required: false });
  }

  const declared = new Map(project.features.map((f) => [f.id, f.required]));
  for (const [feature, { reason, required }] of needed) {
    if (!declared.has(feature)) {
      const attribute = required ? 'true' : 'true|false';
      errors.push(`manifest.xml: feature ${feature} is not declared, but ${reason}; add <feature required="${attribute}">${feature}</feature> under <dependencies><features>`);
    } else if (required && !declared.get(feature)) {
      errors.push(`manifest.xml: feature ${feature} is declared optional, but ${reason} and cannot deploy without it; set required="true"`);
    }
  }
  for (const feature of declared.keys()) {
    if (!needed.has(feature) && !fromObjects.has(feature)) {
      warnings.push(`manifest.xml: feature ${feature} is declared but nothing in Objects/ or src/ needs it; remove it, or check it with runtime.isFeatureInEffect where the code relies on it`);
    }
  }
}

/**
 * @param {Project} project @param {string} root @param {(file: string) => string} rel @param {string[]} errors
 */
function checkDeployXml(project, root, rel, errors) {
  const { paths, problem } = readDeployXml(root);
  if (!paths) {
    errors.push(`deploy.xml: ${problem}`);
    return;
  }
  for (const script of project.scripts) {
    if (script.file && !covered(paths.files, rel(script.file))) {
      errors.push(`deploy.xml: does not include ${rel(script.file)} (scriptfile of ${script.scriptid}); add <path>~/${path.posix.dirname(rel(script.file))}/*</path> under <files>`);
    }
  }
  for (const object of projectObjects(project)) {
    if (!covered(paths.objects, rel(object.xmlFile))) {
      errors.push(`deploy.xml: does not include ${rel(object.xmlFile)}; add <path>~/Objects/*</path> under <objects>`);
    }
  }
}

/** Runs the check on the repository root (or the folder given) and sets the exit code. */
function main() {
  const root = process.argv[2] ?? path.join(__dirname, '..');
  const { errors, warnings, summary } = checkProject(root);
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  if (errors.length) {
    for (const error of errors) console.error(error);
    console.error(`project check: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
    process.exitCode = 1;
    return;
  }
  console.log(`project check: ${summary.objects} objects, ${summary.scripts} scripts, OK`);
}

if (require.main === module) main();

module.exports = { checkProject };
