/**
 * Which SuiteQL tables a script's role may read. Unverified: the permission NetSuite requires per table,
 * and that a refusal reads as "Record '<table>' was not found" (what SuiteQL answers for a record type
 * the role cannot see). Gated here: the setup tables the bundle reads about other roles, and custom
 * record tables (the role needs View by the type's access type, records/access.js); standard record
 * tables are open to every role in the sandbox.
 */
import { sandboxError } from '../errors';
import { customRecordLevel } from '../records/access';
import type { AccessContext } from '../records/access';
import type { RecordTypeDef } from '../records/types';

/** table → [permission key, lowest level] */
export const TABLE_PERMISSIONS: Record<string, [string, number]> = {
  role: ['ADMI_MANAGEROLES', 1],
  rolepermissions: ['ADMI_MANAGEROLES', 1],
  oauthtoken: ['ADMI_MANAGE_OAUTH_TOKENS', 1],
};

/** What the check needs of the engine. */
export interface TableAccessEngine {
  permissionLevel(role: number, key: string): number;
  types: Record<string, RecordTypeDef>;
  records: { access: AccessContext };
}

export function tableAccess(engine: TableAccessEngine, role: number): (tables: string[]) => void {
  return (tables) => {
    for (const table of tables) {
      const need = TABLE_PERMISSIONS[table];
      const custom = engine.types[table]?.kind === 'custom' ? engine.types[table] : null;
      const refused = need ? engine.permissionLevel(role, need[0]) < need[1] : custom ? customRecordLevel(engine.records.access, custom, role) < 1 : false;
      if (refused) throw sandboxError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: Record '${table}' was not found.`);
    }
  };
}
