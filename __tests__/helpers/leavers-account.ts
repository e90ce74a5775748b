/**
 * The demo account with leavers something depends on, as the preflight and the Leavers page tests share it:
 * Linus (4, a leaver reporting to Ada) supervises Grace (3), Hannah (5) and Omar (7), all staying; employee 8
 * leaves and owns a live TBA token ("Payroll export - Tara"); Lee (9) leaves and reports to Ada.
 */
import * as fs from 'node:fs';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';

export function leaversAccount(o: { tokenOwnerFirstName?: string } = {}): Record<string, any> {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  const employee = (id: number) => data.employees.find((e: { id: number }) => e.id === id);
  employee(3).supervisor = 4;
  employee(5).supervisor = 4;
  data.employees.push(
    { id: 7, firstName: 'Omar', lastName: 'Staying', email: 'omar.staying@example.com', giveAccess: false, subsidiary: 1, supervisor: 4 },
    { id: 8, firstName: o.tokenOwnerFirstName ?? 'Tara', lastName: 'Token', email: 'tara.token@example.com', giveAccess: true, subsidiary: 1, releaseDate: '2026-10-15', roles: ['customrole_el_integration'] },
    { id: 9, firstName: 'Lee', lastName: 'Lead', email: 'lee.lead@example.com', giveAccess: true, subsidiary: 1, releaseDate: '2026-10-20', supervisor: 1 },
  );
  data.tokens.push({ id: 9, name: 'Payroll export - Tara', user: 8, role: 'customrole_el_integration', integration: 1, tokenId: 'tara-token-id-0009', tokenSecret: 'tara-token-secret-0009' });
  return data;
}
