/**
 * validateProject(project): every Objects/ file, manifest.xml and deploy.xml against the SDF reference
 * tables in ./schema (one JSON table per object type, each naming the Oracle page it was read from).
 * What an account refuses at deploy is an error; what the SuiteCloud CLI only warns about is a warning.
 * The check (`npm run check`) prints both; the sandbox refuses to boot on any error, as an account
 * refuses the deploy.
 *
 * Every message reads: file: element path: value: the rule (with its Oracle page); the fix.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readXmlFile, isNode, SdfFileError, type XmlNode } from './xml';
import { projectObjects } from './objects';
import type { Project } from './project';
import { asText as str } from '../text';

export interface FieldRule {
  type: 'string' | 'boolean' | 'integer' | 'date' | 'time' | 'select' | 'multiselect' | 'filereference',
  required?: boolean, maxLength?: number, values?: string, references?: string[], default?: string,
  extension?: string, prefix?: string, feature?: string, featureLevel?: 'error' | 'warning', note?: string,
}
export interface StructuredRule { item?: string, table?: string, oneOf?: Record<string, string>, required?: boolean, repeatable?: boolean }
export interface Table {
  element: string, source: string, features?: string[], attributes?: Record<string, FieldRule>,
  fields?: Record<string, FieldRule>, structured?: Record<string, StructuredRule>, text?: FieldRule,
  parentCustomFields?: boolean, open?: boolean, note?: string,
}
export interface Enumeration { source: string, values: string[], partial?: boolean, note?: string }
/** file is absolute */
export interface Finding { file: string, level: 'error' | 'warning', message: string }
/** An object of the project, or (type and children null) one manifest.xml declares as already in the target account. */
interface Defined { type: string | null, file: string, children: Set<string> | null }
type Parsed = { file: string, tag: string, node: XmlNode };

const SCHEMA_DIR = path.join(__dirname, 'schema');

let cache: { tables: Map<string, Table>, enums: Record<string, Enumeration> } | null = null;

/** The reference tables, read once (the project's own files: their shape is checked by the schema tests). */
export function schema(): { tables: Map<string, Table>, enums: Record<string, Enumeration> } {
  if (cache) return cache;
  const tables = new Map<string, Table>();
  let enums: Record<string, Enumeration> = {};
  for (const name of fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const data: unknown = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, name), 'utf8'));
    if (name === 'enums.json') enums = data as Record<string, Enumeration>;
    else tables.set(name.slice(0, -'.json'.length), data as Table);
  }
  cache = { tables, enums };
  return cache;
}

/**
 * Oracle's page for a table, as a reader can look it up: the first id of its source (the object's own
 * page; the rest of the list is for the maintainer of the table).
 */
const page = (table: { source: string }): string => `Oracle ${table.source.split(/[,\s]/)[0]}`;

/** @param project as sdf/project scans it (root, features, every object's xmlFile) */
export function validateProject(project: Project): Finding[] {
  const { tables } = schema();
  const findings: Finding[] = [];
  const objectFiles = projectObjects(project).map((o) => o.xmlFile);

  const parsed: Parsed[] = [];
  for (const file of objectFiles) {
    const root = readOrNull(file);
    if (root) parsed.push({ file, ...root });
  }
  const defined = definedObjects(parsed);
  for (const id of project.accountObjects) if (!defined.has(id)) defined.set(id, { type: null, file: 'manifest.xml', children: null });
  const declared = new Set(project.features.map((f) => f.id));

  for (const { file, tag, node } of parsed) {
    const table = tables.get(tag);
    if (!table) {
      findings.push({ file, level: 'error', message: `<${tag}>: no SDF reference table for this object type; add sandbox/src/sdf/schema/${tag}.json from its Oracle page, or remove the object` });
      continue;
    }
    const walker = new Walker(file, findings, defined, declared);
    walker.element(node, table, tag, []);
  }
  findings.push(...featureFindings(project));
  findings.push(...grantFindings(project));

  for (const [name, tag] of [['manifest.xml', 'manifest'], ['deploy.xml', 'deploy']] as const) {
    const file = path.join(project.root, name);
    const table = tables.get(tag);
    if (!table || !fs.existsSync(file)) continue; // a missing file is the loader's and the check's finding
    const root = readOrNull(file);
    if (!root) continue;
    if (root.tag !== tag) continue; // the loader reports a wrong root element
    new Walker(file, findings, defined, declared).element(root.node, table, tag, []);
  }
  return findings;
}

/**
 * The root element of a file, or null when it is not readable XML: the loader already reports that.
 */
function readOrNull(file: string): { tag: string, node: XmlNode } | null {
  try {
    return readXmlFile(file);
  } catch (error) {
    if (error instanceof SdfFileError) return null;
    throw error;
  }
}

/**
 * Every object the project defines, by scriptid, with the scriptids nested in it (fields, deployments,
 * list values), for `[scriptid=x]` and `[scriptid=x.y]` references.
 */
function definedObjects(parsed: Parsed[]): Map<string, Defined> {
  const defined = new Map<string, Defined>();
  for (const { file, tag, node } of parsed) {
    const id = node['@_scriptid'];
    if (typeof id !== 'string') continue;
    const nested = new Set<string>();
    collectIds(node, nested);
    nested.delete(id);
    defined.set(id, { type: tag, file, children: nested });
  }
  return defined;
}

function collectIds(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node as unknown[]) collectIds(item, into);
  } else if (isNode(node)) {
    if (typeof node['@_scriptid'] === 'string') into.add(node['@_scriptid']);
    for (const [key, value] of Object.entries(node)) if (!key.startsWith('@_')) collectIds(value, into);
  }
}

/**
 * The features each object type depends on (its page's "Feature Dependencies"), which manifest.xml
 * must declare as required: an account without them refuses the deploy.
 * @returns feature → the object types and pages that need it
 */
export function objectFeatures(project: Project): Map<string, { tags: string[], sources: string[] }> {
  const { tables } = schema();
  const tags = projectObjects(project).map((o) => o.type);
  const needed = new Map<string, { tags: string[], sources: string[] }>();
  for (const tag of new Set(tags)) {
    const table = tables.get(tag);
    for (const feature of table?.features ?? []) {
      const need = needed.get(feature) ?? { tags: [], sources: [] };
      need.tags.push(tag);
      const source = table ? page(table).slice('Oracle '.length) : null;
      if (source && !need.sources.includes(source)) need.sources.push(source);
      needed.set(feature, need);
    }
  }
  return needed;
}

function featureFindings(project: Project): Finding[] {
  const manifest = path.join(project.root, 'manifest.xml');
  const declared = new Map(project.features.map((f) => [f.id, f.required]));
  const findings: Finding[] = [];
  for (const [feature, { tags, sources }] of objectFeatures(project)) {
    const reason = `Objects/ holds ${tags.join(', ')} objects, which depend on it (Oracle ${sources.join(', ')})`;
    if (!declared.has(feature)) {
      findings.push({ file: manifest, level: 'error', message: `feature ${feature} is not declared, but ${reason}; add <feature required="true">${feature}</feature> under <dependencies><features>` });
    } else if (!declared.get(feature)) {
      findings.push({ file: manifest, level: 'error', message: `feature ${feature} is declared optional, but ${reason}; set required="true"` });
    }
  }
  return findings;
}

/**
 * A custom record type and a custom role of the project that name each other must give the same level
 * on both sides (Oracle, section_4731157695: the permission list entry and the role's permission).
 */
function grantFindings(project: Project): Finding[] {
  const findings: Finding[] = [];
  for (const role of project.roles) {
    for (const grant of role.permissions) {
      const type = project.customRecordTypes.find((t) => t.scriptid.toLowerCase() === grant.key);
      const entry = type?.permissions.find((p) => p.role.toLowerCase() === role.scriptid.toLowerCase());
      if (!type || !entry || entry.level.toUpperCase() === grant.level.toUpperCase()) continue;
      findings.push({
        file: role.xmlFile, level: 'error',
        message: `role[${role.scriptid}]/permissions: gives ${grant.level} on ${type.scriptid}, whose permission list gives this role ${entry.level} (Oracle section_4731157695: both sides must match); set the same level in both files`,
      });
    }
  }
  return findings;
}

/** Walks one file's XML against its tables. */
class Walker {
  constructor(readonly file: string, readonly findings: Finding[], readonly defined: Map<string, Defined>, readonly declaredFeatures: Set<string>) {
  }

  report(message: string, level: 'error' | 'warning' = 'error'): void {
    this.findings.push({ file: this.file, level, message });
  }

  /**
   * @param where element path so far
   * @param parentFields the parent object's scriptcustomfield ids (for deployments)
   */
  element(node: XmlNode, table: Table, where: string, parentFields: string[]): void {
    const attributes = table.attributes ?? {};
    const fields = table.fields ?? {};
    const structured = table.structured ?? {};
    const scriptid = node['@_scriptid'];
    const label = typeof scriptid === 'string' ? `${where}[${scriptid}]` : where;

    for (const [key, raw] of Object.entries(node)) {
      if (key.startsWith('@_')) {
        const name = key.slice(2);
        const rule = attributes[name];
        if (!rule) this.report(`${label}: unknown attribute ${name}; ${knownList('attributes', Object.keys(attributes), name)} (${page(table)}); remove it or fix its name`);
        else this.value(str(raw), rule, `${label}/@${name}`, table);
        continue;
      }
      if (key === '#text') {
        if (table.text) this.value(str(raw), table.text, label, table);
        else if (str(raw).trim()) this.report(`${label}: holds text '${clip(str(raw))}', but <${table.element}> takes only child elements (${page(table)}); remove the text`);
        continue;
      }
      const childWhere = `${label}/${key}`;
      const fieldRule = fields[key] as FieldRule | undefined;
      const structuredRule = structured[key] as StructuredRule | undefined;
      if (fieldRule) {
        const values: unknown[] = Array.isArray(raw) ? raw : [raw];
        if (values.length > 1) this.report(`${childWhere}: appears ${values.length} times; SDF allows it once (${page(table)}); keep one`);
        const first = values[0];
        if (isNode(first) && Object.keys(first).some((k) => k !== '#text')) {
          this.report(`${childWhere}: has child elements or attributes, but it is a ${fieldRule.type} field (${page(table)}); write its value as text`);
          continue;
        }
        this.value(textOf(first), fieldRule, childWhere, table);
      } else if (structuredRule) {
        this.structured(raw, structuredRule, childWhere, table, key, node, parentFields);
      } else if (table.parentCustomFields && parentFields.includes(key)) {
        // A deployment's value for one of its script's parameters: the parameter's own table checks the type.
      } else if (!table.open || (table.parentCustomFields && /^custscript/.test(key))) {
        const known = [...Object.keys(fields), ...Object.keys(structured)];
        const hint = table.parentCustomFields && /^custscript/.test(key)
          ? `it is not a parameter of this script (its parameters: ${parentFields.join(', ') || 'none'}); add it to <scriptcustomfields> or remove the value`
          : `${knownList('elements', known, key)} (${page(table)}); remove it or fix its name`;
        this.report(`${childWhere}: unknown element <${key}>; ${hint}`);
      }
    }

    if (table.text?.required && !textOf(node).trim()) {
      this.report(`${label}: is empty; it must hold a value (${page(table)})`);
    }
    for (const [name, rule] of Object.entries(attributes)) {
      const attr = node[`@_${name}`];
      if (rule.required && (typeof attr !== 'string' || !attr)) {
        this.report(`${label}: attribute ${name} is missing; it is required (${page(table)}); add ${name}="…"`);
      }
    }
    for (const [name, rule] of Object.entries(fields)) {
      if (rule.required && !textOf(node[name]).trim()) {
        this.report(`${label}: <${name}> is missing or empty; it is required (${page(table)}); add <${name}>…</${name}>`);
      }
    }
    for (const [name, rule] of Object.entries(structured)) {
      if (rule.required && node[name] === undefined) {
        this.report(`${label}: <${name}> is missing; it is required (${page(table)}); add it`);
      }
    }
  }

  /** @param owner the element holding this structured field */
  structured(raw: unknown, rule: StructuredRule, where: string, parent: Table, name: string, owner: XmlNode, parentFields: string[]): void {
    const { tables } = schema();
    const tableOf = (tableName: string): Table => {
      const table = tables.get(tableName);
      if (!table) throw new Error(`sandbox/src/sdf/schema: table ${tableName} (named by ${parent.element}.${name}) is missing`);
      return table;
    };
    if (Array.isArray(raw)) {
      if (rule.repeatable) {
        for (const one of raw as unknown[]) this.structured(one, { ...rule, repeatable: false }, where, parent, name, owner, parentFields);
      } else {
        this.report(`${where}: appears ${raw.length} times; SDF allows it once (${page(parent)}); merge them into one`);
      }
      return;
    }
    const node = isNode(raw) ? raw : {};
    if (rule.item && rule.table) {
      const table = tableOf(rule.table);
      // Deployments may set the parameters their script defines.
      const params = name === 'scriptdeployments' ? scriptParameterIds(owner) : parentFields;
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text' && !str(value).trim()) continue;
        if (key !== rule.item) {
          this.report(`${where}: unknown element <${key}>; <${name}> holds only <${rule.item}> elements (${page(parent)}); move or remove it`);
          continue;
        }
        for (const item of Array.isArray(value) ? value as unknown[] : [value]) {
          this.element(isNode(item) ? item : { '#text': str(item ?? '') }, table, `${where}/${rule.item}`, params);
        }
      }
    } else if (rule.oneOf) {
      const present = Object.keys(node).filter((k) => !k.startsWith('@_') && k !== '#text');
      const allowed = Object.keys(rule.oneOf);
      const known = present.filter((k) => allowed.includes(k));
      if (known.length !== 1 && known.length === present.length) {
        this.report(`${where}: holds ${known.length ? known.map((k) => `<${k}>`).join(', ') : 'nothing'}; it takes exactly one of ${allowed.map((k) => `<${k}>`).join(', ')} (${page(parent)})`);
      }
      for (const key of present) {
        const tableName = rule.oneOf[key] as string | undefined;
        if (!tableName) {
          this.report(`${where}: unknown element <${key}>; it takes one of ${allowed.map((k) => `<${k}>`).join(', ')} (${page(parent)}); fix its name`);
          continue;
        }
        const child = node[key];
        this.element(isNode(child) ? child : {}, tableOf(tableName), `${where}/${key}`, parentFields);
      }
    } else if (rule.table) {
      this.element(node, tableOf(rule.table), where, parentFields);
    }
  }

  /**
   * One value against its rule.
   */
  value(value: string, rule: FieldRule, where: string, table: Table): void {
    const shown = `'${clip(value)}'`;
    const source = page(table);
    if (rule.feature && !this.declaredFeatures.has(rule.feature)) {
      const level = rule.featureLevel ?? 'error';
      this.report(`${where}: needs feature ${rule.feature} in manifest.xml (${source}); declare <feature required="false">${rule.feature}</feature>, or remove the element`, level);
    }
    if (value === '') return; // SDF writes an unset field as an empty element; required fields are checked apart
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      this.report(`${where}: ${shown} is ${value.length} characters long; at most ${rule.maxLength} are allowed (${source}); shorten it`);
    }
    if (rule.prefix && !value.startsWith(rule.prefix)) {
      this.report(`${where}: ${shown} does not start with ${rule.prefix} (${source}); make it start with ${rule.prefix}`);
    }
    switch (rule.type) {
      case 'boolean':
        if (value !== 'T' && value !== 'F') this.report(`${where}: ${shown} is not a boolean; SDF booleans are T or F (${source})`);
        return;
      case 'integer':
        if (!/^-?\d+$/.test(value)) this.report(`${where}: ${shown} is not a whole number (${source}); write digits only`);
        return;
      case 'date':
        if (!isDate(value)) this.report(`${where}: ${shown} is not a date; write it as YYYY-MM-DD (${source})`);
        return;
      case 'time':
        if (!/^([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ?$/.test(value)) this.report(`${where}: ${shown} is not a time; write it as HH:MM:SSZ, e.g. 09:00:00Z (${source})`);
        return;
      case 'filereference':
        if (!/^\[\/.+\]$/.test(value)) this.report(`${where}: ${shown} is not a file reference; write [/SuiteScripts/…] (${source})`);
        else if (rule.extension && !value.slice(1, -1).endsWith(rule.extension)) this.report(`${where}: ${shown} must reference a ${rule.extension} file (${source})`);
        return;
      case 'select':
        this.choice(value, rule, where, source);
        return;
      case 'multiselect':
        for (const part of value.split('|')) this.choice(part.trim(), rule, where, source);
        return;
      case 'string':
        if (isBracketed(value)) this.reference(value, rule, where, source);
        return;
      default:
        throw new Error(`sandbox/src/sdf/schema: unknown field type ${JSON.stringify(rule.type)} at ${table.element}`);
    }
  }

  /**
   * A select value: one of the enumeration's values, or a reference to a project object.
   */
  choice(value: string, rule: FieldRule, where: string, source: string): void {
    if (isBracketed(value)) {
      this.reference(value, rule, where, source);
      return;
    }
    if (this.defined.has(value) && rule.references?.length) {
      this.report(`${where}: '${value}' names an object of this project without SDF's reference syntax (${source}); write [scriptid=${value}]`);
      return;
    }
    const enumeration = rule.values ? schema().enums[rule.values] as Enumeration | undefined : undefined;
    if (rule.values && !enumeration) throw new Error(`sandbox/src/sdf/schema: enumeration ${rule.values} is missing from enums.json`);
    if (!enumeration || enumeration.partial) return;
    if (!enumeration.values.includes(value)) {
      const refs = rule.references?.length ? `, or a reference [scriptid=…] to a ${rule.references.join(' or ')}` : '';
      this.report(`${where}: '${clip(value)}' is not one of ${rule.values} (${listOf(enumeration.values)})${refs} (${source}, ${enumeration.source}); use one of those`);
    }
  }

  /**
   * `[scriptid=x]`, `[scriptid=x.y]`: a project object the field accepts. `[x]` is the old spelling an
   * account refuses.
   */
  reference(value: string, rule: FieldRule, where: string, source: string): void {
    const inner = value.slice(1, -1);
    const accepted = rule.references ?? [];
    if (!accepted.length) {
      this.report(`${where}: '${clip(value)}' is a reference, but this field accepts no references (${source}); write a plain value`);
      return;
    }
    if (inner.startsWith('/')) {
      this.report(`${where}: '${clip(value)}' is a file reference, but this field takes a ${accepted.join(' or ')} (${source})`);
      return;
    }
    if (!inner.startsWith('scriptid=')) {
      this.report(`${where}: '${clip(value)}' is not SDF's reference syntax; an object of the project is written [scriptid=${inner}] (${source}); write [scriptid=${inner}]`);
      return;
    }
    const [id, child] = inner.slice('scriptid='.length).split('.');
    const target = this.defined.get(id);
    if (!target) {
      this.report(`${where}: '${clip(value)}' references ${id}, which this project does not define (${source}); add Objects/${id}.xml or fix the id`);
      return;
    }
    if (target.type === null) return; // declared in manifest.xml as already in the account
    if (!accepted.includes(target.type)) {
      this.report(`${where}: '${clip(value)}' references a ${target.type}, but this field accepts a ${accepted.join(' or ')} (${source})`);
      return;
    }
    if (child && target.children && !target.children.has(child)) {
      this.report(`${where}: '${clip(value)}' names ${child}, which ${id} does not define (${source}); fix the id`);
    }
  }
}

/** The ids of a script's parameters, from its raw XML. */
function scriptParameterIds(script: XmlNode): string[] {
  const box = script.scriptcustomfields;
  if (!isNode(box)) return [];
  const items: unknown[] = Array.isArray(box.scriptcustomfield) ? box.scriptcustomfield : [box.scriptcustomfield];
  return items.filter(isNode).map((f) => f['@_scriptid']).filter((id): id is string => typeof id === 'string');
}

function textOf(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (Array.isArray(raw)) return textOf((raw as unknown[])[0]);
  if (isNode(raw)) return typeof raw['#text'] === 'string' ? raw['#text'] : '';
  return str(raw);
}

const isBracketed = (value: string): boolean => /^\[.*\]$/.test(value);

function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const clip = (value: string): string => (value.length > 80 ? `${value.slice(0, 77)}...` : value).replace(/\s+/g, ' ');

const listOf = (values: string[]): string => (values.length > 12 ? `${values.slice(0, 12).join(', ')}, … ${values.length} in all` : values.join(', '));

/**
 * "the page lists: a, b, c", with the closest known name first when one is close.
 */
function knownList(what: string, known: string[], name: string): string {
  const close = known.filter((k) => distance(k, name) <= 2);
  if (close.length) return `did you mean <${close[0]}>? the reference lists no ${name}`;
  return known.length ? `the reference lists these ${what}: ${listOf(known)}` : `the reference lists no ${what} here`;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
