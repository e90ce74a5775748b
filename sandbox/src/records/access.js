// @ts-check
'use strict';
/**
 * Who may read and write a custom record type's records: its Access Type (SDF accesstype) and, for
 * "Use Permission List", its Permissions subtab (SDF permissions/permission). Checked the same way for
 * the REST record API and for N/record in scripts, where the role is the script's (its deployment's
 * Execute as Role, or the role of whoever, or whichever script, caused it to run).
 *
 * Sources: the SDF reference lists the three access types (SDFxml_4227334961: CUSTRECORDENTRYPERM,
 * NONENEEDED, USEPERMISSIONLIST) and the permission list entries (SDFxml_2290236535: permittedrole,
 * permittedlevel NONE|VIEW|CREATE|EDIT|FULL). Assumptions (unverified against Oracle's "Custom Record
 * Type" UI help, which our copy does not hold), kept here and nowhere else:
 *   - Administrator has Full access to every custom record type, whatever its access type;
 *   - "No Permission Required" gives every role Full access;
 *   - "Require Custom Record Entries Permission" gives the level of the role's LIST_CUSTRECORDENTRY;
 *   - "Use Permission List" gives only the level listed for the role (none when it is not listed), and
 *     Custom Record Entries does not count;
 *   - a refusal is the error INSUFFICIENT_PERMISSION (REST: HTTP 400, as for the other record types).
 */
const { sandboxError } = require('../errors');

/** @typedef {import('./types').RecordTypeDef} RecordTypeDef */

const LEVELS = /** @type {const} */ (['NONE', 'VIEW', 'CREATE', 'EDIT', 'FULL']);
/** What each operation needs (0 none … 4 full), as on a role's permission levels. */
const NEED = /** @type {const} */ ({ view: 1, create: 2, edit: 3, delete: 4 });

/**
 * @typedef {keyof typeof NEED} Operation
 * @typedef {{ permissionLevel: (roleId: number, key: string) => number, roleId: (ref: string) => number | null,
 *   isAdministrator: (roleId: number) => boolean }} AccessContext
 */

/**
 * The access level (0–4) a role has to a custom record type.
 * @param {AccessContext} ctx @param {RecordTypeDef} type @param {number} roleId
 * @returns {number}
 */
function customRecordLevel(ctx, type, roleId) {
  const access = type.access ?? { type: 'CUSTRECORDENTRYPERM', permissions: [] };
  if (ctx.isAdministrator(roleId)) return 4;
  switch (access.type) {
    case 'NONENEEDED':
      return 4;
    case 'USEPERMISSIONLIST': {
      // The list on the record type, or the same grant written on the role (a role object's permkey
      // [scriptid=customrecord_x]): two sides of one setting (section_4731157695).
      const entry = access.permissions.find((p) => ctx.roleId(p.role) === roleId);
      const listed = entry ? Math.max(0, LEVELS.indexOf(/** @type {any} */ (String(entry.level).toUpperCase()))) : 0;
      return Math.max(listed, ctx.permissionLevel(roleId, type.id));
    }
    default:
      return ctx.permissionLevel(roleId, 'LIST_CUSTRECORDENTRY');
  }
}

/**
 * Throws INSUFFICIENT_PERMISSION when the role may not do the operation on a custom record type; other
 * record types pass (their permissions are checked where the sandbox enforces them).
 * @param {AccessContext} ctx @param {RecordTypeDef} type @param {number} roleId @param {Operation} op
 */
function requireAccess(ctx, type, roleId, op) {
  if (type.kind !== 'custom') return;
  const level = customRecordLevel(ctx, type, roleId);
  if (level >= NEED[op]) return;
  const how = type.access?.type === 'USEPERMISSIONLIST'
    ? `its permission list gives this role ${LEVELS[level]}`
    : type.access?.type === 'NONENEEDED' ? '' : `the role's Custom Record Entries permission is ${LEVELS[level]}`;
  throw sandboxError('INSUFFICIENT_PERMISSION',
    `Permission Violation: You need a higher level of the '${type.label}' permission (${LEVELS[NEED[op]]}) to ${op} ${type.id} records; ${how}.`);
}

module.exports = { customRecordLevel, requireAccess, NEED };
