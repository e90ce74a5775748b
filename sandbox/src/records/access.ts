/**
 * Who may read and write a custom record type's records: its Access Type (SDF accesstype) and, for
 * "Use Permission List", its Permissions subtab (SDF permissions/permission). Checked the same way for
 * the REST record API and for N/record in scripts, where the role is the script's (its deployment's
 * Execute as Role, or the role of whoever, or whichever script, caused it to run).
 *
 * Sources: the SDF reference lists the three access types (SDFxml_4227334961: CUSTRECORDENTRYPERM,
 * NONENEEDED, USEPERMISSIONLIST) and the permission list entries (SDFxml_2290236535: permittedrole,
 * permittedlevel NONE|VIEW|CREATE|EDIT|FULL). Assumed, kept here and nowhere else (FIDELITY.md, Records,
 * storage and permissions: "Administrator has Full on every custom record type", "Require Custom Record
 * Entries Permission gives", "A refusal is INSUFFICIENT_PERMISSION"):
 *   - Administrator has Full access to every custom record type, whatever its access type;
 *   - "No Permission Required" gives every role Full access;
 *   - "Require Custom Record Entries Permission" gives the level of the role's LIST_CUSTRECORDENTRY;
 *   - "Use Permission List" gives only the level listed for the role (none when it is not listed), and
 *     Custom Record Entries does not count;
 *   - a refusal is the error INSUFFICIENT_PERMISSION (REST: HTTP 400, as for the other record types).
 */
import { sandboxError } from '../errors';
import type { RecordTypeDef } from './types';

const LEVELS = ['NONE', 'VIEW', 'CREATE', 'EDIT', 'FULL'] as const;
/** What each operation needs (0 none … 4 full), as on a role's permission levels. */
export const NEED = { view: 1, create: 2, edit: 3, delete: 4 } as const;

export type Operation = keyof typeof NEED;
export interface AccessContext {
  permissionLevel: (roleId: number, key: string) => number, roleId: (ref: string) => number | null,
  isAdministrator: (roleId: number) => boolean,
}

/** The access level (0–4) a role has to a custom record type. */
export function customRecordLevel(ctx: AccessContext, type: RecordTypeDef, roleId: number): number {
  const access = type.access ?? { type: 'CUSTRECORDENTRYPERM', permissions: [] };
  if (ctx.isAdministrator(roleId)) return 4;
  switch (access.type) {
    case 'NONENEEDED':
      return 4;
    case 'USEPERMISSIONLIST': {
      // The list on the record type, or the same grant written on the role (a role object's permkey
      // [scriptid=customrecord_x]): two sides of one setting (section_4731157695).
      const entry = access.permissions.find((p) => ctx.roleId(p.role) === roleId);
      const listed = entry ? Math.max(0, (LEVELS as readonly string[]).indexOf(String(entry.level).toUpperCase())) : 0;
      return Math.max(listed, ctx.permissionLevel(roleId, type.id));
    }
    default:
      return ctx.permissionLevel(roleId, 'LIST_CUSTRECORDENTRY');
  }
}

/**
 * Throws INSUFFICIENT_PERMISSION when the role may not do the operation on a custom record type; other
 * record types pass (their permissions are checked where the sandbox enforces them).
 */
export function requireAccess(ctx: AccessContext, type: RecordTypeDef, roleId: number, op: Operation): void {
  if (type.kind !== 'custom') return;
  const level = customRecordLevel(ctx, type, roleId);
  if (level >= NEED[op]) return;
  const how = type.access?.type === 'USEPERMISSIONLIST'
    ? `its permission list gives this role ${LEVELS[level]}`
    : type.access?.type === 'NONENEEDED' ? '' : `the role's Custom Record Entries permission is ${LEVELS[level]}`;
  throw sandboxError('INSUFFICIENT_PERMISSION',
    `Permission Violation: You need a higher level of the '${type.label}' permission (${LEVELS[NEED[op]]}) to ${op} ${type.id} records; ${how}.`);
}
