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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from './validate';
import { SdfFileError, readXmlFile, attribute, text, children, bool, reference, multiSelect, isNode, type XmlNode } from './xml';

/** A child element's text, with absent and empty alike null: SDF writes unset fields as empty elements. */
const value = (node: XmlNode, name: string): string | null => text(node, name) || null;

export type ScriptType = 'usereventscript' | 'suitelet' | 'mapreducescript' | 'scheduledscript' | 'restlet';
export interface Feature { id: string, required: boolean }
/** A field's id, type, label and default, as script parameters and custom record fields both have them. */
interface FieldCore { fieldtype: string, label: string | null, ismandatory: boolean, selectrecordtype: string | null, defaultvalue: string | null }
export interface ScriptParameter extends FieldCore { id: string }
export interface Deployment {
  scriptid: string, status: string | null, isdeployed: boolean, title: string | null,
  recordtype: string | null, eventtype: string | null, executioncontext: string[] | null,
  loglevel: string, runasrole: string | null, allroles: boolean, allemployees: boolean, audslctrole: string[], isonline: boolean,
  recurrence: XmlNode | null, concurrencylimit: string | null, yieldaftermins: string | null,
  buffersize: string | null, queueallstagesatonce: string | null,
  parameters: Record<string, string>,
}
export interface Script {
  scriptid: string, type: ScriptType, name: string | null, scriptfile: string | null,
  file: string | null, parameters: ScriptParameter[], deployments: Deployment[], xmlFile: string,
}
export interface CustomRecordField extends FieldCore { scriptid: string }
/** A permission list entry: role reference unwrapped, level NONE…FULL. */
export interface RecordPermission { role: string, level: string }
export interface CustomRecordType {
  scriptid: string, recordname: string | null, includename: boolean, accesstype: string,
  permissions: RecordPermission[], fields: CustomRecordField[], xmlFile: string,
}
export interface Secret { scriptid: string, xmlFile: string }
/** key: a permission key (LIST_EMPLOYEE) or a custom record type's scriptid */
export interface RolePermission { key: string, level: string }
export interface Role { scriptid: string, name: string | null, webServicesOnly: boolean, permissions: RolePermission[], xmlFile: string }
export interface OtherObject { type: string, scriptid: string, xmlFile: string }
export interface Project {
  root: string, name: string | null, features: Feature[], accountObjects: string[], scripts: Script[],
  customRecordTypes: CustomRecordType[], secrets: Secret[], roles: Role[], others: OtherObject[],
  files: Record<string, string>,
}
/** file is absolute; message says what is wrong and how to fix it */
export interface Problem { file: string, message: string }
export interface LoadOptions { overlays?: string[] }

/** One object file read: the project list it goes in, and the object. */
type ReadObject =
  | { category: 'scripts', object: Script } | { category: 'customRecordTypes', object: CustomRecordType }
  | { category: 'secrets', object: Secret } | { category: 'roles', object: Role } | { category: 'others', object: OtherObject };

export const SCRIPT_TYPES: ReadonlyArray<ScriptType> = ['usereventscript', 'suitelet', 'mapreducescript', 'scheduledscript', 'restlet'];

/**
 * SDF defaults for absent elements. Documented in Oracle's SDF XML reference: fieldtype TEXT, accesstype
 * CUSTRECORDENTRYPERM, isdeployed T, allroles F, loglevel DEBUG. Assumed, as the UI's defaults (FIDELITY.md,
 * SDF project validation: "Defaults ismandatory F, isonline F, includename T"): ismandatory F, isonline F,
 * includename T.
 */
const DEFAULTS = Object.freeze({
  fieldtype: 'TEXT', accesstype: 'CUSTRECORDENTRYPERM', isdeployed: true, allroles: false, allemployees: false, loglevel: 'DEBUG',
  ismandatory: false, isonline: false, includename: true,
});

/** Raised by loadProject when any file of the project is unusable; lists every problem, one per line. */
export class SdfProjectError extends Error {
  readonly problems: Problem[];
  constructor(root: string, problems: Problem[]) {
    super(`SDF project ${root} cannot be loaded:\n${problems.map((p) => `${path.relative(root, p.file) || p.file}: ${p.message}`).join('\n')}`);
    this.name = 'SdfProjectError';
    this.problems = problems;
  }
}

/**
 * Loads an SDF project folder.
 * @param root the project folder (holds manifest.xml)
 * @param options overlays: folders whose Objects/ and FileCabinet/ are added on top
 *   (an overlay object or file with the same scriptid or path replaces the project's)
 * @throws {SdfProjectError} naming every file that is missing, malformed or not a usable SDF object
 */
export function loadProject(root: string, { overlays = [] }: LoadOptions = {}): Project {
  const { project, problems } = scanProject(root, { overlays });
  if (problems.length) throw new SdfProjectError(project.root, problems);
  // As an account refuses the deploy: anything the SDF reference does not allow stops the load.
  const refused = validateProject(project).filter((finding) => finding.level === 'error');
  if (refused.length) throw new SdfProjectError(project.root, refused);
  return project;
}

/**
 * Like loadProject, but returns the problems instead of throwing, with every object that could be read.
 */
export function scanProject(root: string, { overlays = [] }: LoadOptions = {}): { project: Project, problems: Problem[] } {
  const absRoot = path.resolve(root);
  const problems: Problem[] = [];
  const project: Project = {
    root: absRoot, name: null, features: [], accountObjects: [], scripts: [], customRecordTypes: [], secrets: [], roles: [], others: [], files: {},
  };

  readManifest(absRoot, project, problems);
  // An overlay may carry a manifest.xml of its own: its <dependencies><objects> (objects already in the
  // account, such as the custom roles a fixture account file defines) add to the project's.
  for (const overlay of overlays) {
    const file = path.join(path.resolve(overlay), 'manifest.xml');
    if (fs.existsSync(file)) project.accountObjects.push(...readManifestObjects(file, problems));
  }

  const objects = new Map<string, ReadObject>();
  for (const folder of [absRoot, ...overlays.map((dir) => path.resolve(dir))]) {
    /** scriptid → file, to catch duplicates inside one folder */
    const seenHere = new Map<string, string>();
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

  for (const o of objects.values()) {
    if (o.category === 'scripts') project.scripts.push(o.object);
    else if (o.category === 'customRecordTypes') project.customRecordTypes.push(o.object);
    else if (o.category === 'secrets') project.secrets.push(o.object);
    else if (o.category === 'roles') project.roles.push(o.object);
    else project.others.push(o.object);
  }
  for (const script of project.scripts) {
    script.file = script.scriptfile ? project.files[script.scriptfile] ?? null : null;
  }
  return { project, problems };
}

function readManifest(root: string, project: Project, problems: Problem[]): void {
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
 */
function objectDependencies(dependencies: XmlNode): string[] {
  return children(dependencies, 'objects', 'object').map((o) => (typeof o['#text'] === 'string' ? o['#text'] : '').trim()).filter(Boolean);
}

/** An overlay's manifest.xml: only its object dependencies count. */
function readManifestObjects(file: string, problems: Problem[]): string[] {
  try {
    const { node } = readXmlFile(file);
    return objectDependencies(isNode(node.dependencies) ? node.dependencies : {});
  } catch (error) {
    problems.push(asProblem(file, error));
    return [];
  }
}

function readObject(xmlFile: string, problems: Problem[]): ReadObject | null {
  const report = (message: string) => { problems.push({ file: xmlFile, message }); };
  let root: { tag: string, node: XmlNode };
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

function isScriptType(tag: string): tag is ScriptType {
  return (SCRIPT_TYPES as ReadonlyArray<string>).includes(tag);
}

function readScript(type: ScriptType, scriptid: string, node: XmlNode, xmlFile: string, report: (message: string) => void): Script {
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

function readParameter(field: XmlNode, report: (message: string) => void): ScriptParameter {
  const id = attribute(field, 'scriptid');
  if (!id) report('a <scriptcustomfield> has no scriptid attribute; add scriptid="custscript_el_…"');
  return { id: id ?? '', ...fieldCore(field) };
}

/** What a script parameter and a custom record field read alike. */
function fieldCore(field: XmlNode): FieldCore {
  const fieldtype = text(field, 'fieldtype') || DEFAULTS.fieldtype;
  return {
    fieldtype,
    label: value(field, 'label'),
    ismandatory: bool(text(field, 'ismandatory'), DEFAULTS.ismandatory),
    selectrecordtype: reference(value(field, 'selectrecordtype')),
    defaultvalue: defaultValue(field, fieldtype),
  };
}

/**
 * A checkbox field keeps its default in <defaultchecked>, every other type in <defaultvalue>: both end
 * up in defaultvalue so readers need no special case.
 */
function defaultValue(field: XmlNode, fieldtype: string): string | null {
  const explicit = value(field, 'defaultvalue');
  return fieldtype === 'CHECKBOX' && !explicit ? value(field, 'defaultchecked') : explicit;
}

function readDeployment(node: XmlNode, parameterIds: Set<string>, report: (message: string) => void): Deployment {
  const scriptid = attribute(node, 'scriptid');
  if (!scriptid) report('a <scriptdeployment> has no scriptid attribute; add scriptid="customdeploy_el_…"');
  const contexts = multiSelect(text(node, 'executioncontext'));
  const parameters: Record<string, string> = {};
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

function readCustomRecordType(scriptid: string, node: XmlNode, xmlFile: string, report: (message: string) => void): CustomRecordType {
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
      return { scriptid: id ?? '', ...fieldCore(field) };
    }),
    xmlFile,
  };
}

/**
 * A custom role: what the sandbox deploys into the account's role table. A custom record type's key is
 * written [scriptid=customrecord_x] (SDFxml_762449695) and kept as the type's scriptid.
 */
function readRole(scriptid: string, node: XmlNode, xmlFile: string): Role {
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
 */
function fileCabinet(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of walk(dir)) {
    const cabinetPath = '/' + path.relative(dir, file).split(path.sep).join('/');
    if (!cabinetPath.includes('/.attributes/')) files[cabinetPath] = file;
  }
  return files;
}

/** All files below dir, sorted; [] when dir does not exist. */
export function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

function asProblem(file: string, error: unknown): Problem {
  if (error instanceof SdfFileError) return { file, message: error.detail };
  throw error;
}

/**
 * A script and one of its deployments by their script ids, or null.
 */
export function scriptDeployment(project: { scripts: Script[] }, scriptId: string, deploymentId: string): { script: Script, deployment: Deployment } | null {
  const script = project.scripts.find((s) => s.scriptid === scriptId);
  const deployment = script && script.deployments.find((d) => d.scriptid === deploymentId);
  return script && deployment ? { script, deployment } : null;
}
