/** Every object of a project description, whatever its kind: what the check and the validator walk. */
import type { Project } from './project';

/** One SDF object: type is the SDF type (the XML root element). */
export interface ProjectObject { type: string, scriptid: string, xmlFile: string }

export function projectObjects(project: Project): ProjectObject[] {
  return [
    ...project.scripts,
    ...project.customRecordTypes.map((o) => ({ ...o, type: 'customrecordtype' })),
    ...project.secrets.map((o) => ({ ...o, type: 'secret' })),
    ...project.roles.map((o) => ({ ...o, type: 'role' })),
    ...project.others,
  ].map(({ type, scriptid, xmlFile }) => ({ type, scriptid, xmlFile }));
}
