// @ts-check
'use strict';
/**
 * The project's custom roles (Objects/customrole_*.xml), deployed into the account at every boot as a
 * deploy would: a role the account lacks is created, one it has (same scriptid) takes the project's name,
 * web-services-only flag and permissions. Its internal id stays, so tokens and employees bound to it keep
 * working. A custom record type's permission (key = the type's scriptid) is kept under that key.
 */
const { PERMISSION_NAMES, LEVELS } = require('./account-file');

/**
 * @param {import('better-sqlite3').Database} db
 * @param {import('../sdf/project').Role[]} roles
 * @param {Record<string, { label: string }>} types record types by id, for the names of custom record keys
 */
function deployRoles(db, roles, types) {
  const find = db.prepare('SELECT id FROM role WHERE scriptid = ?');
  const insert = db.prepare('INSERT INTO role (scriptid, name, isinactive, iswebserviceonlyrole) VALUES (?, ?, \'F\', ?)');
  const update = db.prepare('UPDATE role SET name = ?, iswebserviceonlyrole = ? WHERE id = ?');
  const clear = db.prepare('DELETE FROM rolepermissions WHERE role = ?');
  const grant = db.prepare('INSERT INTO rolepermissions (role, permkey, name, permlevel) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const role of roles) {
      const scriptid = role.scriptid.toLowerCase();
      const name = role.name || role.scriptid;
      const webOnly = role.webServicesOnly ? 'T' : 'F';
      const found = /** @type {{ id: number } | undefined} */ (find.get(scriptid));
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

module.exports = { deployRoles };
