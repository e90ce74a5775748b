/** The SDF ids of the offboarding Map/Reduce's parameters (Objects/customscript_el_offboarding_mr.xml), in one place. */

export const PARAM = {
  dryRun: 'custscript_el_off_dry_run',
  maxChanges: 'custscript_el_off_max_changes',
  protectedIds: 'custscript_el_off_protected_ids',
  removeRoles: 'custscript_el_off_remove_roles',
  allowTokenOwners: 'custscript_el_off_allow_token_owners',
  recipients: 'custscript_el_off_recipients',
} as const;

/** Leavers an admin protected from the run on the Leavers page (Objects/customrecord_el_leaver_hold.xml). */
export const HOLD = {
  type: 'customrecord_el_leaver_hold',
  employee: 'custrecord_el_lh_employee',
  reason: 'custrecord_el_lh_reason',
} as const;
