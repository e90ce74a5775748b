/**
 * The offboarding rules that need no NetSuite: reading the parameters, who is skipped and why, what
 * counts as offboarded, the guard, and the report an admin reads.
 */
import type { Outcome } from '../../src/offboarding/outcome';
import { body, counts, logLine, subject, unitsPerOffboarded, type RunReport } from '../../src/offboarding/report';
import { guardReason, isOffboarded, skipReason, type Candidate } from '../../src/offboarding/rules';
import { readSettings, type RawSettings, type Settings } from '../../src/offboarding/settings';

const raw: RawSettings = { dryRun: false, maxChanges: 50, protectedIds: null, removeRoles: false, allowTokenOwners: false, recipients: null };
const settings = (more: Partial<Settings> = {}): Settings => ({ ...readSettings(raw).settings, ...more });
const leaver: Candidate = { id: '42', name: 'Linus Leaver', isInactive: false, giveAccess: true, liveTokens: 0, supervisees: 0 };

describe('parameters', () => {
  test('ids and recipients are read from comma-, space- or semicolon-separated text', () => {
    const { settings: s, problems } = readSettings({ ...raw, protectedIds: ' 7, 12;19  3 ', recipients: '1, hr-ops@example.com;5' });
    expect(problems).toEqual([]);
    expect(s.protectedIds).toEqual(['7', '12', '19', '3']);
    expect(s.recipients).toEqual({ employees: ['1', '5'], emails: ['hr-ops@example.com'] });
  });

  test('each bad value is refused with what to write instead', () => {
    const { problems } = readSettings({ ...raw, maxChanges: null, protectedIds: '7, Linus', recipients: 'hr-ops@, 3' });
    expect(problems).toEqual([
      'Most employees one run may change is empty: enter a whole number of at least 1 (e.g. 50).',
      'Employee ids never to touch: "Linus" is not an employee internal id (digits, such as 42).',
      'Report recipients: "hr-ops@" is neither an employee internal id nor an email address.',
    ]);
    expect(readSettings({ ...raw, maxChanges: 0 }).problems[0]).toMatch(/is 0: enter a whole number of at least 1/);
    expect(readSettings({ ...raw, maxChanges: 2.5 }).problems[0]).toMatch(/is 2.5/);
    expect(readSettings({ ...raw, protectedIds: '007' }).problems[0]).toMatch(/"007" is not an employee internal id/);
  });

  test('more than 10 recipients is refused: one email.send reaches at most 10', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `p${i}@example.com`).join(',');
    expect(readSettings({ ...raw, recipients: eleven }).problems).toEqual([expect.stringMatching(/11 listed; NetSuite sends one email to at most 10/)]);
    expect(readSettings({ ...raw, recipients: eleven.split(',').slice(1).join(',') }).problems).toEqual([]);
  });
});

describe('leaver rules', () => {
  test('a listed employee is skipped even when they own tokens; a token owner only unless allowed', () => {
    expect(skipReason(leaver, settings())).toBeNull();
    expect(skipReason(leaver, settings({ protectedIds: ['42'] }))).toBe('protected');
    expect(skipReason({ ...leaver, liveTokens: 2 }, settings({ protectedIds: ['42'] }))).toBe('protected');
    expect(skipReason({ ...leaver, liveTokens: 1 }, settings())).toBe('token_owner');
    expect(skipReason({ ...leaver, liveTokens: 1 }, settings({ allowTokenOwners: true }))).toBeNull();
  });

  test('a supervisor of active employees is held whatever the token setting; a listed one is skipped as protected', () => {
    expect(skipReason({ ...leaver, supervisees: 3 }, settings({ allowTokenOwners: true }))).toBe('supervisor');
    expect(skipReason({ ...leaver, supervisees: 3 }, settings({ protectedIds: ['42'] }))).toBe('protected');
  });

  test('offboarded means inactive and no login access (and no roles when roles are removed)', () => {
    expect(isOffboarded({ isInactive: true, giveAccess: false, roles: 2 }, false)).toBe(true);
    expect(isOffboarded({ isInactive: true, giveAccess: false, roles: 2 }, true)).toBe(false);
    expect(isOffboarded({ isInactive: true, giveAccess: false, roles: 0 }, true)).toBe(true);
    expect(isOffboarded({ isInactive: true, giveAccess: true, roles: 0 }, false)).toBe(false);
    expect(isOffboarded({ isInactive: false, giveAccess: false, roles: 0 }, false)).toBe(false);
  });

  test('the guard lets a run up to the limit through and stops one above it, saying why and what to do', () => {
    expect(guardReason(50, 50)).toBeNull();
    expect(guardReason(0, 1)).toBeNull();
    expect(guardReason(51, 50)).toMatch(/^51 employees would be offboarded, more than the 50 one run may change, so none were changed\. Check the termination dates/);
  });
});

describe('the report', () => {
  const tokens = [{ id: '9', name: 'Payroll export', application: 'Payroll Export', role: 'Employee Sync Integration' }];
  const outcomes: Outcome[] = [
    { id: '12', name: 'Bea Done', status: 'offboarded', rolesRemoved: 2, units: 16 },
    { id: '3', name: 'Al Owner', status: 'offboarded', rolesRemoved: 0, tokens, units: 26 },
    { id: '5', name: 'Cy Kept', status: 'skipped', reason: 'protected', units: 0 },
    { id: '6', name: 'Di Token', status: 'skipped', reason: 'token_owner', tokens, units: 10 },
    { id: '7', name: 'Ed Fail', status: 'failed', error: 'RCRD_HAS_BEEN_CHANGED: Record has been changed', units: 30 },
    { id: '8', name: 'Flo Raced', status: 'already_done', rolesRemoved: 0, units: 5 },
  ];
  const report: RunReport = {
    accountId: 'TSTDRV1', dryRun: false, guard: null, inputError: null, outcomes,
    uncaught: [{ key: '17', error: 'SSS_USAGE_LIMIT_EXCEEDED: Script Execution Usage Limit Exceeded' }], alreadyDone: 40, usage: 123, seconds: 4,
  };

  test('counts every outcome once; failures include errors the script could not catch', () => {
    expect(counts(report)).toEqual({ offboarded: 2, wouldOffboard: 0, skippedProtected: 1, skippedTokenOwner: 1, skippedSupervisor: 0, alreadyDone: 41, failed: 2 });
    expect(unitsPerOffboarded(report)).toBe(21);
    expect(unitsPerOffboarded({ ...report, outcomes: [] })).toBeNull();
  });

  test('the email names every failure, every skip with its reason, and the tokens that stop working', () => {
    expect(subject(report)).toBe('Leaver offboarding, account TSTDRV1: 2 offboarded, 2 skipped, 2 failed');
    const text = body(report, 50);
    expect(text).toContain('Already offboarded before this run: 41');
    expect(text).toContain('  - Ed Fail (7): RCRD_HAS_BEEN_CHANGED: Record has been changed');
    expect(text).toContain('  - input row 17: SSS_USAGE_LIMIT_EXCEEDED: Script Execution Usage Limit Exceeded');
    expect(text).toContain('  - Di Token (6): token "Payroll export" of Payroll Export (role Employee Sync Integration)');
    expect(text).toContain('  - Cy Kept (5)');
    expect(text).toContain('  - Al Owner (3); these stop working: token "Payroll export" of Payroll Export (role Employee Sync Integration)');
    expect(text).toContain('  - Bea Done (12), 2 roles removed');
    expect(text.indexOf('Al Owner (3)')).toBeLessThan(text.indexOf('Bea Done (12)'));
    expect(text).toContain('Governance: 123 units in 4 s, 21 units per employee offboarded.');
    expect(logLine(report)).toBe('live: offboarded 2, skipped 2 (protected 1, token owners 1, supervisors 0), already done 41, failed 2; 123 units in 4 s');
  });

  test('a dry run says nothing changed, and whether a live run would be stopped by the guard', () => {
    const dry: RunReport = { ...report, dryRun: true, uncaught: [], outcomes: outcomes.map((o) => (o.status === 'offboarded' ? { ...o, status: 'would_offboard' } : o)) };
    expect(subject(dry)).toBe('Leaver offboarding (dry run), account TSTDRV1: 2 would be offboarded, 2 skipped, 1 failed');
    expect(body(dry, 50)).toContain('Dry run: nothing was changed.');
    expect(body(dry, 50)).not.toContain('A live run would stop');
    expect(body(dry, 1)).toContain('A live run would stop before any change: 2 is more than the 1 one run may change.');
  });

  test('a guard stop and a run that did not start say so and list no one', () => {
    const guard = { toChange: 900, maxChanges: 50, reason: guardReason(900, 50)! };
    const stopped: RunReport = { ...report, guard, outcomes: [], uncaught: [] };
    expect(subject(stopped)).toBe('Leaver offboarding, account TSTDRV1: stopped, 900 leavers exceed the limit of 50');
    expect(body(stopped, 50)).toContain('900 employees would be offboarded, more than the 50 one run may change, so none were changed.');
    expect(logLine(stopped)).toBe('live: stopped by the guard, nothing changed: 900 to change > limit 50');
    const bad: RunReport = { ...report, inputError: 'OFFBOARDING_BAD_PARAMETERS: Fix it', outcomes: [], uncaught: [] };
    expect(subject(bad)).toBe('Leaver offboarding, account TSTDRV1: did not run');
    expect(body(bad, 50)).toContain('The run did not start, and nothing was changed:\n  OFFBOARDING_BAD_PARAMETERS: Fix it');
  });
});
