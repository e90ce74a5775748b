/**
 * Reading SDF XML files: one well-formedness check that names the line, one parse into plain objects,
 * and small accessors that turn SDF's conventions (T/F booleans, `[scriptid=x]` references, pipe-separated
 * multi-selects) into plain values.
 */
import * as fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Elements that repeat inside their container; always parsed as arrays so one item looks like many. */
const LIST_ELEMENTS = new Set([
  'scriptdeployment', 'scriptcustomfield', 'customrecordcustomfield', 'feature', 'path', 'object', 'file', 'permission',
]);

const ATTRIBUTE_PREFIX = '@_';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  // SDF values are strings ('0010' stays '0010', 'T' stays 'T'); the loader converts what it knows.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && LIST_ELEMENTS.has(name),
});

/**
 * An element as fast-xml-parser returns it: children by name, attributes under '@_name', text under
 * '#text' when the element also has attributes.
 */
export type XmlNode = Record<string, unknown>;

/** A problem in one file of an SDF project. */
export class SdfFileError extends Error {
  readonly file: string;
  readonly detail: string;
  /** @param file absolute path @param detail what is wrong and how to fix it */
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'SdfFileError';
    this.file = file;
    this.detail = detail;
  }
}

/**
 * Reads one XML file and returns its root element.
 * @param file absolute path
 * @throws {SdfFileError} when the file cannot be read, is empty, is not well-formed or has several roots
 */
export function readXmlFile(file: string): { tag: string, node: XmlNode } {
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SdfFileError(file, `cannot be read (${(error as Error).message})`);
  }
  if (!xml.trim()) throw new SdfFileError(file, 'is empty; it must hold one XML element');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    throw new SdfFileError(file, `is not well-formed XML (${where}: ${msg}); fix the XML`);
  }
  const parsed = parser.parse(xml) as XmlNode;
  const roots = Object.keys(parsed);
  if (roots.length !== 1) {
    throw new SdfFileError(file, `has ${roots.length} root elements (${roots.join(', ')}); an SDF file holds exactly one`);
  }
  const node = parsed[roots[0]];
  return { tag: roots[0], node: isNode(node) ? node : {} };
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function attribute(node: XmlNode, name: string): string | null {
  const value = node[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' ? value : null;
}

/**
 * Text of a child element: null when absent, '' when empty.
 */
export function text(node: XmlNode, name: string): string | null {
  const value = node[name];
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return text({ [name]: (value as unknown[])[0] }, name);
  if (isNode(value)) return typeof value['#text'] === 'string' ? value['#text'] : '';
  // parseTagValue is off: a leaf is its text
  return value as string;
}

/**
 * The items of a container element, e.g. children(script, 'scriptdeployments', 'scriptdeployment').
 */
export function children(node: XmlNode, container: string, item: string): XmlNode[] {
  const box = node[container];
  if (!isNode(box)) return [];
  const items = box[item];
  const list: unknown[] = Array.isArray(items) ? items : items === undefined ? [] : [items];
  // An item with neither attributes nor children parses as its bare text; give it the usual shape.
  return list.map((entry) => (isNode(entry) ? entry : { '#text': entry === null ? '' : String(entry as string) }));
}

/**
 * SDF booleans are 'T' / 'F'. Absent, empty or anything else gives the fallback (the field's SDF
 * default); validate.js reports a value that is neither.
 */
export function bool(value: string | null, fallback: boolean): boolean {
  if (value === 'T') return true;
  if (value === 'F') return false;
  return fallback;
}

/**
 * Unwraps an SDF reference: `[scriptid=customrecord_x]` → 'customrecord_x', `[/SuiteScripts/x.js]` →
 * '/SuiteScripts/x.js'. Plain values (EMPLOYEE, -4) pass through.
 */
export function reference(value: string | null): string | null {
  if (value === null) return null;
  const match = /^\[(?:scriptid=)?(.*)\]$/.exec(value);
  return match ? match[1] : value;
}

/**
 * A pipe-separated multi-select value as a list of unwrapped references; [] when empty or absent.
 */
export function multiSelect(value: string | null): string[] {
  if (!value) return [];
  return value.split('|').map((part) => reference(part.trim()) as string).filter(Boolean);
}
