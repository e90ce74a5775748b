// @ts-check
'use strict';
/**
 * What the TypeScript sources use: SDF ids inside string literals (record types, fields, parameters,
 * secrets, scripts, deployments, also inside SuiteQL text and '{custsecret_…}' placeholders), and the
 * features the code asks runtime.isFeatureInEffect about. Comments do not count.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { walk } = require('@employee-lifecycle/sandbox/sdf/project');

/** An id of a kind this project defines, anywhere inside a string. */
const ID_PATTERN = /\b(?:customscript|customdeploy|custscript|customrecord|custrecord|custsecret)_\w+/gi;

/**
 * @typedef {{ ids: Map<string, string[]>, features: Map<string, string[]> }} SourceUse
 *   ids and feature names → the files (relative to the project root) that use them, in file order
 */

/**
 * @param {string} root project folder; every .ts file below its src/ is read
 * @returns {SourceUse}
 */
function scanSources(root) {
  /** @type {SourceUse} */
  const use = { ids: new Map(), features: new Map() };
  for (const file of walk(path.join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    /** @param {ts.Node} node */
    const visit = (node) => {
      const literal = literalText(node);
      if (literal !== null) {
        for (const [match] of literal.matchAll(ID_PATTERN)) {
          // `custscript_el_${name}` leaves a prefix ending in '_': not an id.
          if (!match.endsWith('_')) add(use.ids, match.toLowerCase(), relative);
        }
      }
      const feature = featureChecked(node);
      if (feature) add(use.features, feature, relative);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return use;
}

/** @param {ts.Node} node @returns {string | null} */
function literalText(node) {
  if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
    return node.text;
  }
  return null;
}

/**
 * The feature named by `….isFeatureInEffect({ feature: 'X' })` (a literal), else null.
 * @param {ts.Node} node
 * @returns {string | null}
 */
function featureChecked(node) {
  if (!ts.isCallExpression(node)) return null;
  const callee = node.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (name !== 'isFeatureInEffect') return null;
  const [options] = node.arguments;
  if (!options || !ts.isObjectLiteralExpression(options)) return null;
  for (const property of options.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === 'feature' && ts.isStringLiteralLike(property.initializer)) {
      return property.initializer.text;
    }
  }
  return null;
}

/** @param {Map<string, string[]>} map @param {string} key @param {string} file */
function add(map, key, file) {
  const files = map.get(key) ?? [];
  if (!files.includes(file)) files.push(file);
  map.set(key, files);
}

module.exports = { scanSources };
