// @ts-check
'use strict';
/**
 * Which SuiteQL tables a script's role may read. Unverified: the permission NetSuite requires per table,
 * and that a refusal reads as "Record '<table>' was not found" (what SuiteQL answers for a record type
 * the role cannot see). Gated here: the setup tables the bundle reads about other roles, and custom
 * record tables (the role needs View by the type's access type, records/access.js); standard record
 * tables are open to every role in the sandbox.
 */
const { sandboxError } = require('../errors');
const { customRecordLevel } = require('../records/access');

/** table → [permission key, lowest level] */
const TABLE_PERMISSIONS = /** @type {Record<string, [string, number]>} */ ({
  role: ['ADMI_MANAGEROLES', 1],
  rolepermissions: ['ADMI_MANAGEROLES', 1],
  oauthtoken: ['ADMI_MANAGE_OAUTH_TOKENS', 1],
});

/**
 * @param {{ permissionLevel(role: number, key: string): number, types: Record<string, import('../records/types').RecordTypeDef>,
 *   records: { access: import('../records/access').AccessContext } }} engine
 * @param {number} role
 * @returns {(tables: string[]) => void}
 */
function tableAccess(engine, role) {
  return (tables) => {
    for (const table of tables) {
      const need = TABLE_PERMISSIONS[table];
      const custom = engine.types[table]?.kind === 'custom' ? engine.types[table] : null;
      const refused = need ? engine.permissionLevel(role, need[0]) < need[1] : custom ? customRecordLevel(engine.records.access, custom, role) < 1 : false;
      if (refused) throw sandboxError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: Record '${table}' was not found.`);
    }
  };
}

module.exports = { tableAccess, TABLE_PERMISSIONS };
