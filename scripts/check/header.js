// @ts-check
'use strict';
/**
 * The JSDoc header NetSuite reads from an entry-point file: @NApiVersion, @NScriptType and @NModuleScope
 * in a block comment before the AMD define( call.
 */

/** The @NScriptType value for each SDF script object type. */
const SCRIPT_TYPE_TAGS = Object.freeze({
  usereventscript: 'UserEventScript',
  suitelet: 'Suitelet',
  mapreducescript: 'MapReduceScript',
  scheduledscript: 'ScheduledScript',
  restlet: 'Restlet',
});

/**
 * What is wrong with an entry point's header, one entry per missing or wrong tag; [] when it is right.
 * Tag names compare case-insensitively (NetSuite's own samples mix @NApiVersion and @NAPIVersion); values exactly.
 * @param {string} source the compiled .js file
 * @param {keyof typeof SCRIPT_TYPE_TAGS} objectType the SDF object type that names the file as its scriptfile
 * @returns {string[]}
 */
function headerProblems(source, objectType) {
  const defineAt = source.search(/\bdefine\s*\(/);
  if (defineAt < 0) return ['has no define( call; an entry point must be an AMD module (tsconfig.json "module": "amd")'];
  const blocks = [...source.slice(0, defineAt).matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((m) => m[1]);
  if (!blocks.length) return ['has no JSDoc header (/** @NApiVersion … */) before define('];

  /** @type {Map<string, string>} */
  const tags = new Map();
  for (const block of blocks) {
    for (const [, name, value] of block.matchAll(/@(N\w+)[ \t]+([^\s*]+)/gi)) tags.set(name.toLowerCase(), value);
  }
  const expected = [
    ['NApiVersion', '2.1'],
    ['NScriptType', SCRIPT_TYPE_TAGS[objectType]],
    ['NModuleScope', 'SameAccount'],
  ];
  /** @type {string[]} */
  const problems = [];
  for (const [name, value] of expected) {
    const found = tags.get(name.toLowerCase());
    if (found === undefined) problems.push(`header before define( lacks @${name} ${value}`);
    else if (found !== value) problems.push(`header before define( says @${name} ${found}; expected @${name} ${value}`);
  }
  return problems;
}

module.exports = { SCRIPT_TYPE_TAGS, headerProblems };
