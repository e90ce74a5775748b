// @ts-check
'use strict';
/** Every object of a project description, whatever its kind: what the check and the validator walk. */

/**
 * @param {import('./project').Project} project
 * @returns {Array<{ type: string, scriptid: string, xmlFile: string }>} type: the SDF type (the XML root element)
 */
function projectObjects(project) {
  return [
    ...project.scripts,
    ...project.customRecordTypes.map((o) => ({ ...o, type: 'customrecordtype' })),
    ...project.secrets.map((o) => ({ ...o, type: 'secret' })),
    ...project.roles.map((o) => ({ ...o, type: 'role' })),
    ...project.others,
  ].map(({ type, scriptid, xmlFile }) => ({ type, scriptid, xmlFile }));
}

module.exports = { projectObjects };
