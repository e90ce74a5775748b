// @ts-check
'use strict';
/**
 * Which SuiteQL tables a script's role may read. Unverified: the permission NetSuite requires per table,
 * and that a refusal reads as "Record '<table>' was not found" (what SuiteQL answers for a record type
 * the role cannot see). Only the setup tables the bundle reads about other roles are gated here; record
 * tables are open to every role in the sandbox.
 */
const { sandboxError } = require('../errors');

/** table → [permission key, lowest level] */
const TABLE_PERMISSIONS = /** @type {Record<string, [string, number]>} */ ({
  role: ['ADMI_MANAGEROLES', 1],
  rolepermissions: ['ADMI_MANAGEROLES', 1],
  oauthtoken: ['ADMI_MANAGE_OAUTH_TOKENS', 1],
});

/**
 * @param {{ permissionLevel(role: number, key: string): number }} engine @param {number} role
 * @returns {(tables: string[]) => void}
 */
function tableAccess(engine, role) {
  return (tables) => {
    for (const table of tables) {
      const need = TABLE_PERMISSIONS[table];
      if (need && engine.permissionLevel(role, need[0]) < need[1]) {
        throw sandboxError('SSS_SEARCH_ERROR_OCCURRED', `Search error occurred: Record '${table}' was not found.`);
      }
    }
  };
}

module.exports = { tableAccess, TABLE_PERMISSIONS };
