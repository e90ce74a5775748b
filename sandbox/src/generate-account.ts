/**
 * A large account file for offboarding runs: N employees, a seeded mix of leavers (termination date on
 * or before `today`) in every state the offboarding Map/Reduce meets, and the answer key saying which
 * employee is which. `npm run sandbox -- generate-account --employees 10000 --seed 7 --out big.json`.
 *
 * Leaver kinds: `offboard` (active with access, or half done: inactive with access, active without),
 * `dueToday` (terminated today), `deadTokenOwner` (owns only revoked or inactive tokens: offboarded),
 * `protected` (listed in `protectedIds`), `tokenOwner` (owns a live TBA token), `alreadyOffboarded`,
 * and `rigged` (a title the test fixture user event fails on: RIG:changed, RIG:invalid, RIG:permission).
 * Non-leavers include `future` ones (terminated after today).
 */

import { seededRandom as rng } from './seeded-random';
import type { AccountFile, EmployeeEntry, TokenEntry } from './storage/account-file';

export interface GenerateOptions {
  employees?: number, seed?: number, today?: string, offboard?: number, dueToday?: number, deadTokenOwners?: number,
  protected?: number, tokenOwners?: number, alreadyOffboarded?: number, rigged?: number, future?: number,
}

/** Which employee ids are of which kind (see above); protectedIds is `protected`, as the run's parameter wants it. */
export type Truth = Record<string, number[]> & { protectedIds: number[] };

export const DEFAULTS: Required<GenerateOptions> = { employees: 10000, seed: 1, today: '2026-11-02', offboard: 200, dueToday: 5, deadTokenOwners: 4, protected: 10, tokenOwners: 8, alreadyOffboarded: 60, rigged: 6, future: 40 };
const RIGS = ['RIG:changed', 'RIG:invalid', 'RIG:permission'];
const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lia', 'Max', 'Nia', 'Oli', 'Pia', 'Rui', 'Sol', 'Tea', 'Uma'];
const LAST = ['Abara', 'Berg', 'Chen', 'Diaz', 'Eze', 'Fox', 'Gupta', 'Holm', 'Ito', 'Jones', 'Kim', 'Lund', 'Mori', 'Novak', 'Ortiz', 'Park', 'Quinn', 'Rossi', 'Sato', 'Tran'];


function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function generateAccount(options: GenerateOptions = {}): { account: AccountFile & { employees: EmployeeEntry[] }, truth: Truth } {
  const o: Required<GenerateOptions> = { ...DEFAULTS, ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as GenerateOptions) };
  const random = rng(o.seed);
  const int = (n: number) => Math.floor(random() * n);
  const kinds = ['offboard', 'dueToday', 'deadTokenOwner', 'protected', 'tokenOwner', 'alreadyOffboarded', 'rigged', 'future'] as const;
  const wanted = [o.offboard, o.dueToday, o.deadTokenOwners, o.protected, o.tokenOwners, o.alreadyOffboarded, o.rigged, o.future];
  const special = wanted.reduce((s, n) => s + n, 0);
  if (o.employees < special + 2) throw new Error(`generate-account: ${o.employees} employees cannot hold ${special} special ones plus the administrator and the integration user.`);
  // Ids 1 (administrator) and 2 (integration user) are fixed; the special ones are a seeded shuffle of the rest.
  const ids = Array.from({ length: o.employees - 2 }, (_, i) => i + 3);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const truth: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, [] as number[]]));
  const kindOf = new Map<number, string>();
  let next = 0;
  kinds.forEach((k, i) => {
    for (let n = 0; n < wanted[i]; n++) {
      const id = ids[next++];
      truth[k].push(id);
      kindOf.set(id, k);
    }
  });
  for (const k of kinds) truth[k].sort((a, b) => a - b);

  const employees: EmployeeEntry[] = [
    { id: 1, firstName: 'Ada', lastName: 'Admin', email: 'ada.admin@example.com', title: 'NetSuite Administrator', giveAccess: true, subsidiary: 1, department: 3, location: 1, roles: ['administrator'] },
    { id: 2, firstName: 'Ivan', lastName: 'Integration', email: 'ivan.integration@example.com', title: 'Integration User', giveAccess: true, subsidiary: 1, department: 1, location: 1, roles: ['customrole_el_integration'] },
  ];
  const past = () => addDays(o.today, -1 - int(400));
  for (let id = 3; id <= o.employees; id++) {
    const kind = kindOf.get(id);
    const first = FIRST[id % FIRST.length];
    const last = `${LAST[Math.floor(id / FIRST.length) % LAST.length]}${id}`;
    const e: EmployeeEntry = {
      id, firstName: first, lastName: last, email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`, title: 'Associate',
      giveAccess: random() < 0.6, subsidiary: 1, department: 1 + int(3), location: 1 + int(2), hireDate: addDays(o.today, -400 - int(2000)),
    };
    if (e.giveAccess && random() < 0.5) e.roles = ['customrole_el_hr'];
    if (kind === 'future') e.releaseDate = addDays(o.today, 1 + int(60));
    else if (kind === 'dueToday') Object.assign(e, { releaseDate: o.today, giveAccess: true, roles: ['customrole_el_hr'] });
    else if (kind === 'alreadyOffboarded') Object.assign(e, { releaseDate: past(), isInactive: true, giveAccess: false });
    else if (kind === 'offboard') {
      // One in ten half done: inactive but still able to log in, or active without access.
      const half = int(10);
      Object.assign(e, { releaseDate: past(), giveAccess: half !== 1, isInactive: half === 0 });
      if (e.giveAccess) e.roles = ['customrole_el_hr'];
    } else if (kind === 'rigged') Object.assign(e, { releaseDate: past(), giveAccess: true, title: RIGS[truth.rigged.indexOf(id) % RIGS.length] });
    else if (kind) Object.assign(e, { releaseDate: past(), giveAccess: true, roles: ['customrole_el_integration'] });
    employees.push(e);
  }

  const tokens: TokenEntry[] = [
    { id: 1, name: 'Employee Sync - Ivan Integration', user: 2, role: 'customrole_el_integration', integration: 1, tokenId: 'gen-token-id-ivan', tokenSecret: 'gen-token-secret-ivan' },
  ];
  let tokenId = 2;
  for (const id of truth.tokenOwner) {
    tokens.push({ id: tokenId, name: `Payroll export - employee ${id}`, user: id, role: 'customrole_el_integration', integration: 1 + (id % 2),
      tokenId: `gen-token-id-${id}`, tokenSecret: `gen-token-secret-${id}` });
    tokenId++;
  }
  truth.deadTokenOwner.forEach((id, i) => {
    tokens.push({ id: tokenId++, name: `Old export - employee ${id}`, user: id, role: 'customrole_el_integration', integration: 1,
      tokenId: `gen-dead-token-${id}`, tokenSecret: `gen-dead-secret-${id}`, ...(i % 2 ? { inactive: true } : { revoked: true }) });
  });

  const account: AccountFile & { employees: EmployeeEntry[] } = {
    account: { id: `TSTDRV-GEN${o.seed}`, name: `Generated account (${o.employees} employees, seed ${o.seed})`, timeZone: 'America/Los_Angeles', dateFormat: 'M/D/YYYY', concurrencyLimit: 10 },
    features: ['RESTWEBSERVICES', 'TBA', 'OAUTH2', 'SERVERSIDESCRIPTING', 'CUSTOMRECORDS', 'SUBSIDIARIES'],
    subsidiaries: [{ id: 1, name: 'Generated Parent Inc.' }],
    departments: [{ id: 1, name: 'Engineering' }, { id: 2, name: 'Sales' }, { id: 3, name: 'People Operations' }],
    locations: [{ id: 1, name: 'San Francisco' }, { id: 2, name: 'Austin' }],
    roles: [
      { id: 3, scriptid: 'administrator', name: 'Administrator' },
      { id: 1001, scriptid: 'customrole_el_integration', name: 'Employee Sync Integration', webServicesOnly: true,
        permissions: { ADMI_RESTWEBSERVICES: 'FULL', ADMI_LOGIN_OAUTH: 'FULL', REPO_ANALYTICS: 'EDIT', LIST_EMPLOYEE: 'FULL', LIST_FIND: 'VIEW' } },
      { id: 1003, scriptid: 'customrole_el_hr', name: 'HR Generalist', permissions: { LIST_EMPLOYEE: 'EDIT', LIST_FIND: 'VIEW' } },
    ],
    employees,
    integrations: [
      { id: 1, name: 'Payroll Export', consumerKey: 'gen-consumer-key-payroll', consumerSecret: 'gen-consumer-secret-payroll' },
      { id: 2, name: 'Badge System', consumerKey: 'gen-consumer-key-badges', consumerSecret: 'gen-consumer-secret-badges' },
    ],
    tokens,
  };
  return { account, truth: { ...truth, protectedIds: truth.protected } };
}
