// @ts-check
'use strict';
/**
 * loadProject(root): an SDF account customization project (manifest.xml, Objects/*.xml, FileCabinet/)
 * as one plain object, the "project description" of sandbox/ARCHITECTURE.md. The sandbox runs it;
 * scripts/check-project.js checks it.
 *
 * Conventions of the description: values are the XML's strings; absent or empty elements are null; the
 * T/F fields it marks as booleans are booleans (absent → the SDF default in DEFAULTS); SDF references
 * (`[scriptid=customrecord_x]`, `[/SuiteScripts/x.js]`) are unwrapped; pipe-separated multi-selects
 * (executioncontext, audslctrole) are arrays.
 */
const fs = require('node:fs');
const path = require('node:path');
const { validateProject } = require('./validate');
const { SdfFileError, readXmlFile, attribute, text, children, bool, reference, multiSelect, isNode } = require('./xml');

/** @typedef {import('./xml').XmlNode} XmlNode */

/**
 * A child element's text, with absent and empty alike null: SDF writes unset fields as empty elements.
 * @param {XmlNode} node @param {string} name
 * @returns {string | null}
 */
const value = (node, name) => text(node, name) || null;

/**
 * @typedef {'usereventscript' | 'suitelet' | 'mapreducescript' | 'scheduledscript' | 'restlet'} ScriptType
 * @typedef {{ id: string, required: boolean }} Feature
 * @typedef {{ id: string, fieldtype: string, label: string | null, defaultvalue: string | null,
 *   ismandatory: boolean, selectrecordtype: string | null }} ScriptParameter
 * @typedef {{ scriptid: string, status: string | null, isdeployed: boolean, title: string | null,
 *   recordtype: string | null, eventtype: string | null, executioncontext: string[] | null,
 *   loglevel: string, runasrole: string | null, allroles: boolean, allemployees: boolean, audslctrole: string[], isonline: boolean,
 *   recurrence: Record<string, any> | null, concurrencylimit: string | null, yieldaftermins: string | null,
 *   buffersize: string | null, queueallstagesatonce: string | null,
 *   parameters: Record<string, string> }} Deployment
 * @typedef {{ scriptid: string, type: ScriptType, name: string | null, scriptfile: string | null,
 *   file: string | null, parameters: ScriptParameter[], deployments: Deployment[], xmlFile: string }} Script
 * @typedef {{ scriptid: string, fieldtype: string, label: string | null, ismandatory: boolean,
 *   selectrecordtype: string | null, defaultvalue: string | null }} CustomRecordField
 * @typedef {{ role: string, level: string }} RecordPermission  a permission list entry: role reference unwrapped, level NONE…FULL
 * @typedef {{ scriptid: string, recordname: string | null, includename: boolean, accesstype: string,
 *   permissions: RecordPermission[], fields: CustomRecordField[], xmlFile: string }} CustomRecordType
 * @typedef {{ scriptid: string, xmlFile: string }} Secret
 * @typedef {{ key: string, level: string }} RolePermission  key: a permission key (LIST_EMPLOYEE) or a custom record type's scriptid
 * @typedef {{ scriptid: string, name: string | null, webServicesOnly: boolean, permissions: RolePermission[], xmlFile: string }} Role
 * @typedef {{ type: string, scriptid: string, xmlFile: string }} OtherObject
 * @typedef {{ root: string, name: string | null, features: Feature[], accountObjects: string[], scripts: Script[],
 *   customRecordTypes: CustomRecordType[], secrets: Secret[], roles: Role[], others: OtherObject[],
 *   files: Record<string, string> }} Project
 * @typedef {{ file: string, message: string }} Problem  file is absolute; message says what is wrong and how to fix it
 * @typedef {{ overlays?: string[] }} LoadOptions
 */

/** @type {ReadonlyArray<ScriptType>} */
const SCRIPT_TYPES = ['usereventscript', 'suitelet', 'mapreducescript', 'scheduledscript', 'restlet'];

/**
 * SDF defaults for absent elements. Documented in Oracle's SDF XML reference: fieldtype TEXT, accesstype
 * CUSTRECORDENTRYPERM, isdeployed T, allroles F, loglevel DEBUG. Assumed (unverified, UI defaults):
 * ismandatory F, isonline F, includename T.
 */
const DEFAULTS = Object.freeze({
  fieldtype: 'TEXT', accesstype: 'CUSTRECORDENTRYPERM', isdeployed: true, allroles: false, allemployees: false, loglevel: 'DEBUG',
  ismandatory: false, isonline: false, includename: true,
});

/** Raised by loadProject when any file of the project is unusable; lists every problem, one per line. */
class SdfProjectError extends Error {
  /** @param {string} root @param {Problem[]} problems */
  constructor(root, problems) {
    super(`SDF project ${root} cannot be loaded:\n${problems.map((p) => `${path.relative(root, p.file) || p.file}: ${p.message}`).join('\n')}`);
    this.name = 'SdfProjectError';
    this.problems = problems;
  }
}

/**
 * Loads an SDF project folder.
 * @param {string} root the project folder (holds manifest.xml)
 * @param {LoadOptions} [options] overlays: folders whose Objects/ and FileCabinet/ are added on top
 *   (an overlay object or file with the same scriptid or path replaces the project's)
 * @returns {Project}
 * @throws {SdfProjectError} naming every file that is missing, malformed or not a usable SDF object
 */
function loadProject(root, { overlays = [] } = {}) {
  const { project, problems } = scanProject(root, { overlays });
  if (problems.length) throw new SdfProjectError(project.root, problems);
  // As an account refuses the deploy: anything the SDF reference does not allow stops the load.
  const refused = validateProject(project).filter((finding) => finding.level === 'error');
  if (refused.length) throw new SdfProjectError(project.root, refused);
  return project;
}

/**
 * Like loadProject, but returns the problems instead of throwing, with every object that could be read.
 * @param {string} root
 * @param {LoadOptions} [options]
 * @returns {{ project: Project, problems: Problem[] }}
 */
function scanProject(root, { overlays = [] } = {}) {
  const absRoot = path.resolve(root);
  /** @type {Problem[]} */
  const problems = [];
  /** @type {Project} */
  const project = {
    root: absRoot, name: null, features: [], accountObjects: [], scripts: [], customRecordTypes: [], secrets: [], roles: [], others: [], files: {},
  };

  readManifest(absRoot, project, problems);
  // An overlay may carry a manifest.xml of its own: its <dependencies><objects> (objects already in the
  // account, such as the custom roles a fixture account file defines) add to the project's.
  for (const overlay of overlays) {
    const file = path.join(path.resolve(overlay), 'manifest.xml');
    if (fs.existsSync(file)) project.accountObjects.push(...readManifestObjects(file, problems));
  }

  /** @type {Map<string, { category: 'scripts' | 'customRecordTypes' | 'secrets' | 'roles' | 'others', object: any }>} */
  const objects = new Map();
  for (const folder of [absRoot, ...overlays.map((dir) => path.resolve(dir))]) {
    /** @type {Map<string, string>} scriptid → file, to catch duplicates inside one folder */
    const seenHere = new Map();
    for (const xmlFile of walk(path.join(folder, 'Objects')).filter((f) => f.endsWith('.xml'))) {
      const parsed = readObject(xmlFile, problems);
      if (!parsed) continue;
      const { scriptid } = parsed.object;
      const earlier = seenHere.get(scriptid);
      if (earlier) {
        problems.push({ file: xmlFile, message: `defines ${scriptid}, which ${path.relative(folder, earlier)} already defines; keep one of them` });
        continue;
      }
      seenHere.set(scriptid, xmlFile);
      objects.set(scriptid, parsed);
    }
    Object.assign(project.files, fileCabinet(path.join(folder, 'FileCabinet')));
  }

  for (const { category, object } of objects.values()) project[category].push(object);
  for (const script of project.scripts) {
    script.file = script.scriptfile ? project.files[script.scriptfile] ?? null : null;
  }
  return { project, problems };
}

/** @param {string} root @param {Project} project @param {Problem[]} problems */
function readManifest(root, project, problems) {
  const file = path.join(root, 'manifest.xml');
  if (!fs.existsSync(file)) {
    problems.push({ file, message: 'is missing; an SDF project folder needs manifest.xml (projecttype ACCOUNTCUSTOMIZATION)' });
    return;
  }
  try {
    const { tag, node } = readXmlFile(file);
    if (tag !== 'manifest') {
      problems.push({ file, message: `has root <${tag}>; the root element must be <manifest>` });
      return;
    }
    project.name = value(node, 'projectname');
    const dependencies = isNode(node.dependencies) ? node.dependencies : {};
    project.features = children(dependencies, 'features', 'feature').map((feature) => ({
      id: typeof feature['#text'] === 'string' ? feature['#text'] : '',
      required: attribute(feature, 'required') === 'true',
    }));
    project.accountObjects.push(...objectDependencies(dependencies));
  } catch (error) {
    problems.push(asProblem(file, error));
  }
}

/**
 * The ids under <dependencies><objects>: SDF objects the project uses that are already in the account.
 * @param {XmlNode} dependencies
 * @returns {string[]}
 */
function objectDependencies(dependencies) {
  return children(dependencies, 'objects', 'object').map((o) => String(o['#text'] ?? '').trim()).filter(Boolean);
}

/** An overlay's manifest.xml: only its object dependencies count. @param {string} file @param {Problem[]} problems */
function readManifestObjects(file, problems) {
  try {
    const { node } = readXmlFile(file);
    return objectDependencies(isNode(node.dependencies) ? node.dependencies : {});
  } catch (error) {
    problems.push(asProblem(file, error));
    return [];
  }
}

/**
 * @param {string} xmlFile @param {Problem[]} problems
 * @returns {{ category: 'scripts' | 'customRecordTypes' | 'secrets' | 'roles' | 'others', object: any } | null}
 */
function readObject(xmlFile, problems) {
  /** @param {string} message */
  const report = (message) => problems.push({ file: xmlFile, message });
  let root;
  try {
    root = readXmlFile(xmlFile);
  } catch (error) {
    problems.push(asProblem(xmlFile, error));
    return null;
  }
  const { tag, node } = root;
  const scriptid = attribute(node, 'scriptid');
  if (!scriptid) {
    report(`<${tag}> has no scriptid attribute; add scriptid="…" matching the file name`);
    return null;
  }
  if (isScriptType(tag)) return { category: 'scripts', object: readScript(tag, scriptid, node, xmlFile, report) };
  if (tag === 'customrecordtype') return { category: 'customRecordTypes', object: readCustomRecordType(scriptid, node, xmlFile, report) };
  if (tag === 'secret') return { category: 'secrets', object: { scriptid, xmlFile } };
  if (tag === 'role') return { category: 'roles', object: readRole(scriptid, node, xmlFile) };
  return { category: 'others', object: { type: tag, scriptid, xmlFile } };
}

/** @param {string} tag @returns {tag is ScriptType} */
function isScriptType(tag) {
  return /** @type {ReadonlyArray<string>} */ (SCRIPT_TYPES).includes(tag);
}

/**
 * @param {ScriptType} type @param {string} scriptid @param {XmlNode} node @param {string} xmlFile
 * @param {(message: string) => void} report
 * @returns {Script}
 */
function readScript(type, scriptid, node, xmlFile, report) {
  const parameters = children(node, 'scriptcustomfields', 'scriptcustomfield').map((field) => readParameter(field, report));
  const parameterIds = new Set(parameters.map((p) => p.id));
  return {
    scriptid,
    type,
    name: value(node, 'name'),
    scriptfile: reference(value(node, 'scriptfile')),
    file: null,
    parameters,
    deployments: children(node, 'scriptdeployments', 'scriptdeployment').map((d) => readDeployment(d, parameterIds, report)),
    xmlFile,
  };
}

/** @param {XmlNode} field @param {(message: string) => void} report @returns {ScriptParameter} */
function readParameter(field, report) {
  const id = attribute(field, 'scriptid');
  if (!id) report('a <scriptcustomfield> has no scriptid attribute; add scriptid="custscript_el_…"');
  const fieldtype = text(field, 'fieldtype') || DEFAULTS.fieldtype;
  return {
    id: id ?? '',
    fieldtype,
    label: value(field, 'label'),
    defaultvalue: defaultValue(field, fieldtype),
    ismandatory: bool(text(field, 'ismandatory'), DEFAULTS.ismandatory),
    selectrecordtype: reference(value(field, 'selectrecordtype')),
  };
}

/**
 * A checkbox field keeps its default in <defaultchecked>, every other type in <defaultvalue>: both end
 * up in defaultvalue so readers need no special case.
 * @param {XmlNode} field @param {string} fieldtype
 * @returns {string | null}
 */
function defaultValue(field, fieldtype) {
  const explicit = value(field, 'defaultvalue');
  return fieldtype === 'CHECKBOX' && !explicit ? value(field, 'defaultchecked') : explicit;
}

/**
 * @param {XmlNode} node @param {Set<string>} parameterIds @param {(message: string) => void} report
 * @returns {Deployment}
 */
function readDeployment(node, parameterIds, report) {
  const scriptid = attribute(node, 'scriptid');
  if (!scriptid) report('a <scriptdeployment> has no scriptid attribute; add scriptid="customdeploy_el_…"');
  const contexts = multiSelect(text(node, 'executioncontext'));
  /** @type {Record<string, string>} */
  const parameters = {};
  // Parameter values are child elements named after the parameter ids.
  for (const name of Object.keys(node)) {
    if (parameterIds.has(name) || name.startsWith('custscript')) parameters[name] = text(node, name) ?? '';
  }
  return {
    scriptid: scriptid ?? '',
    status: value(node, 'status'),
    isdeployed: bool(text(node, 'isdeployed'), DEFAULTS.isdeployed),
    title: value(node, 'title'),
    recordtype: reference(value(node, 'recordtype')),
    eventtype: value(node, 'eventtype'),
    executioncontext: contexts.length ? contexts : null,
    loglevel: text(node, 'loglevel') || DEFAULTS.loglevel,
    runasrole: reference(value(node, 'runasrole')),
    allroles: bool(text(node, 'allroles'), DEFAULTS.allroles),
    // Suitelet audience: every employee, whatever the role (Audience subtab > All Employees).
    allemployees: bool(text(node, 'allemployees'), DEFAULTS.allemployees),
    audslctrole: multiSelect(text(node, 'audslctrole')),
    isonline: bool(text(node, 'isonline'), DEFAULTS.isonline),
    // Kept as SDF writes it, e.g. { daily: { startdate: '2025-01-01', starttime: '01:00:00Z', everyxdays: '1' } }.
    recurrence: isNode(node.recurrence) ? node.recurrence : null,
    concurrencylimit: value(node, 'concurrencylimit'),
    yieldaftermins: value(node, 'yieldaftermins'),
    buffersize: value(node, 'buffersize'),
    queueallstagesatonce: value(node, 'queueallstagesatonce'),
    parameters,
  };
}

/**
 * @param {string} scriptid @param {XmlNode} node @param {string} xmlFile @param {(message: string) => void} report
 * @returns {CustomRecordType}
 */
function readCustomRecordType(scriptid, node, xmlFile, report) {
  return {
    scriptid,
    recordname: value(node, 'recordname'),
    includename: bool(text(node, 'includename'), DEFAULTS.includename),
    accesstype: text(node, 'accesstype') || DEFAULTS.accesstype,
    // The Permissions subtab: which roles reach the records when accesstype is USEPERMISSIONLIST.
    permissions: children(node, 'permissions', 'permission').map((p) => ({
      role: reference(value(p, 'permittedrole')) ?? '',
      level: value(p, 'permittedlevel') ?? 'NONE',
    })),
    fields: children(node, 'customrecordcustomfields', 'customrecordcustomfield').map((field) => {
      const id = attribute(field, 'scriptid');
      if (!id) report('a <customrecordcustomfield> has no scriptid attribute; add scriptid="custrecord_el_…"');
      const fieldtype = text(field, 'fieldtype') || DEFAULTS.fieldtype;
      return {
        scriptid: id ?? '',
        fieldtype,
        label: value(field, 'label'),
        ismandatory: bool(text(field, 'ismandatory'), DEFAULTS.ismandatory),
        selectrecordtype: reference(value(field, 'selectrecordtype')),
        defaultvalue: defaultValue(field, fieldtype),
      };
    }),
    xmlFile,
  };
}

/**
 * A custom role: what the sandbox deploys into the account's role table. A custom record type's key is
 * written [scriptid=customrecord_x] (SDFxml_762449695) and kept as the type's scriptid.
 * @param {string} scriptid @param {XmlNode} node @param {string} xmlFile
 * @returns {Role}
 */
function readRole(scriptid, node, xmlFile) {
  return {
    scriptid,
    name: value(node, 'name'),
    webServicesOnly: bool(text(node, 'iswebserviceonlyrole'), false),
    permissions: children(node, 'permissions', 'permission').map((p) => {
      const raw = value(p, 'permkey') ?? '';
      const key = reference(raw) ?? '';
      return { key: raw.startsWith('[') ? key.toLowerCase() : key.toUpperCase(), level: value(p, 'permlevel') ?? 'NONE' };
    }),
    xmlFile,
  };
}

/**
 * Every file under a FileCabinet folder by its File Cabinet path ('/SuiteScripts/…'). Skips the
 * .attributes folders SDF keeps file metadata in.
 * @param {string} dir
 * @returns {Record<string, string>}
 */
function fileCabinet(dir) {
  /** @type {Record<string, string>} */
  const files = {};
  for (const file of walk(dir)) {
    const cabinetPath = '/' + path.relative(dir, file).split(path.sep).join('/');
    if (!cabinetPath.includes('/.attributes/')) files[cabinetPath] = file;
  }
  return files;
}

/**
 * All files below dir, sorted; [] when dir does not exist.
 * @param {string} dir
 * @returns {string[]}
 */
function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  /** @type {string[]} */
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** @param {string} file @param {unknown} error @returns {Problem} */
function asProblem(file, error) {
  if (error instanceof SdfFileError) return { file, message: error.detail };
  throw error;
}

/**
 * A script and one of its deployments by their script ids, or null.
 * @param {{ scripts: Script[] }} project @param {string} scriptId @param {string} deploymentId
 * @returns {{ script: Script, deployment: Deployment } | null}
 */
function scriptDeployment(project, scriptId, deploymentId) {
  const script = project.scripts.find((s) => s.scriptid === scriptId);
  const deployment = script && script.deployments.find((d) => d.scriptid === deploymentId);
  return script && deployment ? { script, deployment } : null;
}

module.exports = { loadProject, scanProject, scriptDeployment, SdfProjectError, SCRIPT_TYPES, walk };
