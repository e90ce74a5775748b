// @ts-check
'use strict';
/**
 * deploy.xml: the SuiteCloud CLI zips and deploys only the files and objects it lists, so every
 * scriptfile and every Objects/ file must fall under one of its paths.
 */
const fs = require('node:fs');
const path = require('node:path');
const { readXmlFile, children, SdfFileError } = require('@employee-lifecycle/sandbox/sdf/xml');

/**
 * @typedef {{ files: string[], objects: string[] }} DeployPaths  patterns as written, e.g. '~/Objects/*'
 */

/**
 * @param {string} root project folder
 * @returns {{ paths: DeployPaths | null, problem: string | null }} problem says what is wrong with the file itself
 */
function readDeployXml(root) {
  const file = path.join(root, 'deploy.xml');
  if (!fs.existsSync(file)) {
    return { paths: null, problem: 'is missing; add one that lists ~/FileCabinet/SuiteScripts/employee_lifecycle/* under <files> and ~/Objects/* under <objects>' };
  }
  try {
    const { tag, node } = readXmlFile(file);
    if (tag !== 'deploy') return { paths: null, problem: `has root <${tag}>; the root element must be <deploy>` };
    /** @param {string} section */
    const list = (section) => children(node, section, 'path').map((p) => String(p['#text'] ?? '').trim()).filter(Boolean);
    return { paths: { files: list('files'), objects: list('objects') }, problem: null };
  } catch (error) {
    if (error instanceof SdfFileError) return { paths: null, problem: error.detail };
    throw error;
  }
}

/**
 * Whether a project-relative path ('Objects/x.xml') falls under one of the patterns. A pattern ending in
 * '/*' covers everything below its folder; any other pattern names one file.
 * @param {string[]} patterns @param {string} relative
 * @returns {boolean}
 */
function covered(patterns, relative) {
  return patterns.some((pattern) => {
    const clean = pattern.replace(/^~\//, '');
    return clean.endsWith('/*') ? relative.startsWith(clean.slice(0, -1)) : relative === clean;
  });
}

module.exports = { readDeployXml, covered };
