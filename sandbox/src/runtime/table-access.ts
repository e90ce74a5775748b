/**
 * Which SuiteQL tables a role may read, for REST SuiteQL and for N/query in scripts (the script's role).
 * Oracle (subsect_160397886310): the Records Catalog, which describes the SuiteQL record types, "relies on
 * NetSuite role-based permissions": a role sees only the record types it can access in the UI. So each
 * table needs the permission its record needs in the UI, at View. The key per table is the sandbox's
 * choice from Oracle's permission catalog (FIDELITY.md, Records, storage and permissions: "SuiteQL tables
 * per role"), and so is the refusal's text, "Record '<table>' was not found" (what SuiteQL answers for a
 * record type it does not know).
 * Custom record tables need View by the type's access type (records/access.ts).
 */
import { sandboxError } from '../errors';
import { customRecordLevel } from '../records/access';
import type { AccessContext } from '../records/access';
import type { RecordTypeDef } from '../records/types';

/** table → [permission key, lowest level]; every table the sandbox offers is listed but `feature`. */
export const TABLE_PERMISSIONS: Record<string, [string, number]> = {
  employee: ['LIST_EMPLOYEE', 1],
  // The Access subtab's roles: part of the employee record.
  employeerolesforsearch: ['LIST_EMPLOYEE', 1],
  department: ['LIST_DEPARTMENT', 1],
  location: ['LIST_LOCATION', 1],
  subsidiary: ['LIST_SUBSIDIARY', 1],
  role: ['ADMI_MANAGEROLES', 1],
  rolepermissions: ['ADMI_MANAGEROLES', 1],
  oauthtoken: ['ADMI_MANAGE_OAUTH_TOKENS', 1],
  // Setup > Integration > Manage Integrations.
  integration: ['ADMI_INTEGRAPP', 1],
  // Setup > Users/Roles > View Login Audit Trail: the permission of that name in Oracle's catalog (data/netsuite-permissions.json).
  loginaudit: ['ADMI_AUDITLOGIN', 1],
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
      // An administrator passes both (permissionLevel and customRecordLevel give it Full).
      const refused = need ? engine.permissionLevel(role, need[0]) < need[1] : custom ? customRecordLevel(engine.records.access, custom, role) < 1 : false;
      if (refused) throw sandboxError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: Record '${table}' was not found.`);
    }
  };
}
