/**
 * The run's settings from its script parameters, checked. A bad value is refused with what to fix,
 * before anything changes.
 */

export interface Recipients {
  /** Employee internal ids: NetSuite mails them at the address on their record. */
  employees: string[];
  emails: string[];
}

export interface Settings {
  dryRun: boolean;
  maxChanges: number;
  protectedIds: string[];
  removeRoles: boolean;
  allowTokenOwners: boolean;
  recipients: Recipients;
}

/** The parameters as N/runtime returns them: checkboxes as booleans, the integer as a number or null. */
export interface RawSettings {
  dryRun: boolean;
  maxChanges: number | null;
  protectedIds: string | null;
  removeRoles: boolean;
  allowTokenOwners: boolean;
  recipients: string | null;
}

/** email.send takes at most 10 recipients (recipients + cc + bcc), section_4358681681. */
export const MAX_RECIPIENTS = 10;

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const INTERNAL_ID = /^[1-9]\d*$/;
const items = (v: string | null): string[] => (v ?? '').split(/[\s,;]+/).filter(Boolean);

export function readSettings(raw: RawSettings): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const max = raw.maxChanges;
  if (max === null || !Number.isInteger(max) || max < 1) {
    problems.push(`Most employees one run may change is ${max === null ? 'empty' : String(max)}: enter a whole number of at least 1 (e.g. 50).`);
  }
  const protectedIds = items(raw.protectedIds);
  for (const id of protectedIds) {
    if (!INTERNAL_ID.test(id)) problems.push(`Employee ids never to touch: "${id}" is not an employee internal id (digits, such as 42).`);
  }
  const recipients: Recipients = { employees: [], emails: [] };
  const listed = items(raw.recipients);
  for (const r of listed) {
    if (INTERNAL_ID.test(r)) recipients.employees.push(r);
    else if (EMAIL.test(r)) recipients.emails.push(r);
    else problems.push(`Report recipients: "${r}" is neither an employee internal id nor an email address.`);
  }
  if (listed.length > MAX_RECIPIENTS) problems.push(`Report recipients: ${listed.length} listed; NetSuite sends one email to at most ${MAX_RECIPIENTS}. Use a group address.`);
  return {
    settings: { dryRun: raw.dryRun, maxChanges: max ?? 0, protectedIds, removeRoles: raw.removeRoles, allowTokenOwners: raw.allowTokenOwners, recipients },
    problems,
  };
}
