/**
 * A sandbox account with the fixture Suitelet (__tests__/fixtures/suitelet-overlay) and two more people to
 * sign in as: Hannah also holds a second UI role, and Ina is inactive but still has Give Access.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bootTempAccount, type Account } from './temp-account';

import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import * as YAML from 'yaml';

export type { Account };

export const OVERLAY = path.join(__dirname, '..', 'fixtures', 'suitelet-overlay');
export const SL = 'customscript_el_fixture_sl';
/** Demo passwords (sandbox/src/demo/account.yaml) and the extra employees' ones. */
export const PEOPLE = {
  ada: { email: 'ada.admin@example.com', password: 'Sandbox-Admin-1' },
  hannah: { email: 'hannah.hr@example.com', password: 'Sandbox-Hr-1' },
  oscar: { email: 'oscar.former@example.com', password: 'Sandbox-Former-1' },
  ina: { email: 'ina.inactive@example.com', password: 'ina-inactive-demo' },
};

export function bootSuiteletAccount(): Promise<{ account: Account; dispose: () => Promise<void> }> {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  const hannah = data.employees.find((e: any) => e.id === 5);
  hannah.roles = [...hannah.roles, 'customrole_el_reporting'];
  data.employees.push({ id: 7, firstName: 'Ina', lastName: 'Inactive', email: PEOPLE.ina.email, isInactive: true, giveAccess: true,
    subsidiary: 1, roles: ['customrole_el_hr'], password: PEOPLE.ina.password });
  return bootTempAccount('sandbox-suitelet', { account: data, overlays: [OVERLAY], port: 0 });
}
