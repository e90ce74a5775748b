/**
 * The project's custom roles (Objects/customrole_*.xml), deployed into the account at every boot as a
 * deploy would: a role the account lacks is created, one it has (same scriptid) takes the project's name,
 * web-services-only flag and permissions. Its internal id stays, so tokens and employees bound to it keep
 * working. A custom record type's permission (key = the type's scriptid) is kept under that key.
 */
import type { Role } from '../sdf/project';
import { LEVELS, PERMISSION_NAMES } from './account-file';
import type { Db } from './db';

/** types: record types by id, for the names of custom record keys. */
export function deployRoles(db: Db, roles: Role[], types: Record<string, { label: string } | undefined>): void {
  const find = db.prepare<[string], { id: number }>('SELECT id FROM role WHERE scriptid = ?');
  const insert = db.prepare<[string, string, string]>('INSERT INTO role (scriptid, name, isinactive, iswebserviceonlyrole) VALUES (?, ?, \'F\', ?)');
  const update = db.prepare<[string, string, number]>('UPDATE role SET name = ?, iswebserviceonlyrole = ? WHERE id = ?');
  const clear = db.prepare<[number]>('DELETE FROM rolepermissions WHERE role = ?');
  const grant = db.prepare<[number, string, string, number]>('INSERT INTO rolepermissions (role, permkey, name, permlevel) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const role of roles) {
      const scriptid = role.scriptid.toLowerCase();
      const name = role.name || role.scriptid;
      const webOnly = role.webServicesOnly ? 'T' : 'F';
      const found = find.get(scriptid);
      const id = found ? found.id : Number(insert.run(scriptid, name, webOnly).lastInsertRowid);
      if (found) update.run(name, webOnly, id);
      clear.run(id);
      for (const { key, level } of role.permissions) {
        const lv = LEVELS[String(level).toUpperCase()] ?? 0;
        if (lv > 0) grant.run(id, key, PERMISSION_NAMES.get(key) || types[key]?.label || key, lv);
      }
    }
  })();
}
