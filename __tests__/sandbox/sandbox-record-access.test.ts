/**
 * Custom record access in the sandbox: each Access Type (No Permission Required, Require Custom Record
 * Entries Permission, Use Permission List) for people and for scripts, and which role a user event runs
 * as (its Execute as Role for a person's save, the saving script's role for a script's save).
 */
import * as path from 'node:path';
import { bootTempAccount, type Account } from '../helpers/temp-account';

const OVERLAYS = ['record-access-overlay', 'mapreduce-overlay'].map((f) => path.join(__dirname, '..', 'fixtures', f));
const ROLE = { admin: 3, integration: 1001, hr: 1003 };
const AS = {
  admin: { as: { user: 1, role: ROLE.admin } },
  integration: { as: { user: 2, role: ROLE.integration } },
  hr: { as: { user: 5, role: ROLE.hr } },
};
const OPEN = 'customrecord_el_fixture_open';
const ENTRY = 'customrecord_el_fixture_entry';
const LISTED = 'customrecord_el_fixture_listed';

let account: Account;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ account, dispose } = await bootTempAccount('record-access', { overlays: OVERLAYS }));
});
afterAll(() => dispose?.());

/** The error code a write as this role gets, or 'ok'. */
async function outcome(write: Promise<unknown>): Promise<string> {
  return write.then(() => 'ok', (e: { code?: string; name?: string }) => String(e.code ?? e.name));
}
const accessLogs = (since: number) => account.logs({ script: 'customscript_el_fixture_access_ue', since })
  .filter((l) => l.title === 'fixture access').map((l) => JSON.parse(l.detail) as Record<string, unknown>);
const lastSeq = () => account.logs().reduce((m, l) => Math.max(m, l.seq), 0);

describe('who may create records of each access type', () => {
  test('No Permission Required: any role; Custom Record Entries: only with that permission; a permission list: only the listed roles', async () => {
    expect(await outcome(account.records.create(OPEN, { name: 'hr open' }, AS.hr))).toBe('ok');
    expect(await outcome(account.records.create(ENTRY, { name: 'hr entry' }, AS.hr))).toBe('INSUFFICIENT_PERMISSION');
    expect(await outcome(account.records.create(LISTED, { name: 'hr listed' }, AS.hr))).toBe('INSUFFICIENT_PERMISSION');
    expect(await outcome(account.records.create(LISTED, { name: 'integration listed' }, AS.integration))).toBe('ok');
    expect(await outcome(account.records.create(LISTED, { name: 'admin listed' }, AS.admin))).toBe('ok');
  });

  test('Custom Record Entries (Full) opens the entry type but not a permission-listed one', async () => {
    account.roles.setPermission('customrole_el_hr', 'LIST_CUSTRECORDENTRY', 'FULL');
    try {
      expect(await outcome(account.records.create(ENTRY, { name: 'hr entry, now allowed' }, AS.hr))).toBe('ok');
      expect(await outcome(account.records.create(LISTED, { name: 'hr listed, still not' }, AS.hr))).toBe('INSUFFICIENT_PERMISSION');
    } finally {
      account.roles.setPermission('customrole_el_hr', 'LIST_CUSTRECORDENTRY', 'NONE');
    }
  });

  test('the listed level counts: Edit may change a record but not delete it', async () => {
    const id = await account.records.create(LISTED, { name: 'to keep' }, AS.integration);
    expect(await outcome(account.records.update(LISTED, id, { name: 'kept, renamed' }, AS.integration))).toBe('ok');
    expect(await outcome(account.records.delete(LISTED, id, AS.integration))).toBe('INSUFFICIENT_PERMISSION');
    expect(await outcome(account.records.delete(LISTED, id, AS.admin))).toBe('ok');
  });

  test('the refusal says which permission and level are missing', async () => {
    await expect(account.records.create(LISTED, { name: 'x' }, AS.hr)).rejects.toThrow(
      "Permission Violation: You need a higher level of the 'Fixture listed record' permission (CREATE) to create customrecord_el_fixture_listed records; its permission list gives this role NONE.");
  });
});

describe("the project's own roles", () => {
  test('a role object is deployed into the account with its permissions, a custom record key included', () => {
    const [role] = account.query("SELECT id, name FROM role WHERE scriptid = 'customrole_el_fixture_clerk'");
    expect(role).toMatchObject({ name: 'Fixture clerk' });
    expect(account.query('SELECT permkey, permlevel FROM rolepermissions WHERE role = ? ORDER BY permkey', [role.id])).toEqual([
      { permkey: 'LIST_EMPLOYEE', permlevel: 1 },
      { permkey: 'customrecord_el_fixture_listed', permlevel: 1 },
    ]);
  });

  test("the grant written on the role counts like the record type's permission list: View reads, but does not create", async () => {
    const [role] = account.query("SELECT id FROM role WHERE scriptid = 'customrole_el_fixture_clerk'");
    const clerk = { as: { user: 5, role: Number(role.id) } };
    const id = await account.records.create(LISTED, { name: 'for the clerk' }, AS.admin);
    expect(await outcome(account.records.update(LISTED, id, { name: 'clerk edit' }, clerk))).toBe('INSUFFICIENT_PERMISSION');
    expect(await outcome(account.records.create(LISTED, { name: 'clerk create' }, clerk))).toBe('INSUFFICIENT_PERMISSION');
    expect(await outcome(account.records.create(LISTED, { name: 'hr create' }, AS.hr))).toBe('INSUFFICIENT_PERMISSION');
  });
});

describe('the role a user event runs as', () => {
  test("a person's save runs the user event with its Execute as Role's permissions, which the permission list lets in; the script still sees the person's role", async () => {
    const since = lastSeq();
    await account.records.create('employee', { firstname: 'Pat', lastname: 'Person', title: 'saved by HR', subsidiary: 1 }, AS.hr);
    expect(accessLogs(since)).toEqual([{ role: ROLE.hr, created: expect.any(Number), context: 'USERINTERFACE' }]);
  });

  test("a script's save runs the user event with the script's role, not the user event's own (Oracle, chapter_N2997500)", async () => {
    const since = lastSeq();
    await account.mapReduce.run('customscript_el_fixture_mr_employees', 'customdeploy_el_fixture_mr_employees');
    const seen = accessLogs(since);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toMatchObject({ role: ROLE.hr, error: 'INSUFFICIENT_PERMISSION', context: 'MAPREDUCE' });
  });
});
