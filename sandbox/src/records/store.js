// @ts-check
'use strict';
/**
 * Rows ↔ records. Values here are in storage form: select ids as integers, checkboxes 'T'/'F', dates
 * 'YYYY-MM-DD', datetimes ISO. Every write bumps sb_version, so a save that read an older version fails
 * the way NetSuite fails it ("Record has been changed").
 */
const { sandboxError } = require('../errors');

/** @typedef {import('./types').RecordTypeDef} RecordTypeDef */
/** @typedef {import('better-sqlite3').Database} Db */
/** @typedef {{ values: Record<string, any>, lines: Record<string, Array<Record<string, any>>>, version: number }} StoredRecord */

/** @param {RecordTypeDef} t */
const storedFields = (t) => Object.values(t.fields).filter((f) => f.stored !== false);

/** @param {Db} db @param {RecordTypeDef} t @param {number} id @returns {StoredRecord | null} */
function readRecord(db, t, id) {
  const row = /** @type {Record<string, any> | undefined} */ (db.prepare(`SELECT * FROM ${t.table} WHERE id = ?`).get(id));
  if (!row) return null;
  /** @type {Record<string, any>} */
  const values = { id: row.id };
  for (const f of storedFields(t)) values[f.id] = row[f.id] === undefined ? null : row[f.id];
  /** @type {Record<string, Array<Record<string, any>>>} */
  const lines = {};
  for (const s of Object.values(t.sublists)) {
    const rows = /** @type {Record<string, any>[]} */ (db.prepare(`SELECT * FROM ${s.table} WHERE ${s.parentColumn} = ? ORDER BY rowid`).all(id));
    lines[s.id] = rows.map((r) => Object.fromEntries(Object.values(s.fields).map((f) => [f.id, r[f.column]])));
  }
  return { values, lines, version: row.sb_version };
}

/**
 * Insert or update one record and its sublists in one transaction.
 * @param {Db} db @param {RecordTypeDef} t
 * @param {{ id?: number | null, values: Record<string, any>, lines?: Record<string, Array<Record<string, any>>>, expectedVersion?: number, now: string, owner?: number }} w
 *   owner: the creating user, kept as a new custom record's owner
 * @returns {number} the record's id
 */
function writeRecord(db, t, w) {
  const tx = db.transaction(() => {
    const cols = storedFields(t).map((f) => f.id).filter((c) => c in w.values && !t.fields[c].readonly);
    let id = w.id || null;
    if (id == null) {
      /** @type {Record<string, any>} */
      const stamp = t.kind === 'custom' ? { created: w.now, lastmodified: w.now, owner: w.owner ?? null } : t.fields.datecreated ? { datecreated: w.now, lastmodifieddate: w.now } : {};
      /** @type {Record<string, any>} */
      const all = { ...Object.fromEntries(cols.map((c) => [c, w.values[c]])), ...stamp };
      if (w.values.id != null) Object.assign(all, { id: w.values.id });
      const names = Object.keys(all);
      const sql = names.length
        ? `INSERT INTO ${t.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
        : `INSERT INTO ${t.table} DEFAULT VALUES`;
      id = Number(db.prepare(sql).run(...names.map((n) => all[n])).lastInsertRowid);
    } else {
      const current = /** @type {{ sb_version: number } | undefined} */ (db.prepare(`SELECT sb_version FROM ${t.table} WHERE id = ?`).get(id));
      if (!current) throw sandboxError('RCRD_DSNT_EXIST', `That record does not exist. ${t.id} ${id}`);
      if (w.expectedVersion != null && current.sb_version !== w.expectedVersion) {
        throw sandboxError('RCRD_HAS_BEEN_CHANGED', 'Record has been changed');
      }
      const stamp = t.kind === 'custom' ? ['lastmodified'] : t.fields.lastmodifieddate ? ['lastmodifieddate'] : [];
      const sets = [...cols, ...stamp].map((c) => `${c} = ?`).concat('sb_version = sb_version + 1');
      db.prepare(`UPDATE ${t.table} SET ${sets.join(', ')} WHERE id = ?`).run(...cols.map((c) => w.values[c]), ...stamp.map(() => w.now), id);
    }
    for (const [name, rows] of Object.entries(w.lines || {})) {
      const s = t.sublists[name];
      db.prepare(`DELETE FROM ${s.table} WHERE ${s.parentColumn} = ?`).run(id);
      const fields = Object.values(s.fields);
      const ins = db.prepare(`INSERT INTO ${s.table} (${s.parentColumn}, ${fields.map((f) => f.column).join(', ')}) VALUES (?, ${fields.map(() => '?').join(', ')})`);
      for (const r of rows) ins.run(id, ...fields.map((f) => r[f.id]));
    }
    return id;
  });
  return tx.immediate();
}

/** @param {Db} db @param {RecordTypeDef} t @param {number} id */
function deleteRecord(db, t, id) {
  db.transaction(() => {
    for (const s of Object.values(t.sublists)) db.prepare(`DELETE FROM ${s.table} WHERE ${s.parentColumn} = ?`).run(id);
    const r = db.prepare(`DELETE FROM ${t.table} WHERE id = ?`).run(id);
    if (!r.changes) throw sandboxError('RCRD_DSNT_EXIST', `That record does not exist. ${t.id} ${id}`);
  }).immediate();
}

/** @param {Db} db @param {RecordTypeDef} t @param {number} id */
function recordExists(db, t, id) {
  return !!db.prepare(`SELECT 1 FROM ${t.table} WHERE id = ?`).get(id);
}

/**
 * The text NetSuite shows for a select value (refName in REST, getText in scripts).
 * @param {Db} db @param {Record<string, RecordTypeDef>} types @param {string} target @param {any} id
 */
function displayText(db, types, target, id) {
  if (id == null || id === '') return '';
  const t = types[target];
  const table = t ? t.table : target;
  const display = t ? t.display : 'name';
  const expr = table === 'employee' ? "COALESCE(entityid, TRIM(COALESCE(firstname, '') || ' ' || COALESCE(lastname, '')))" : display;
  const row = /** @type {{ d: any } | undefined} */ (db.prepare(`SELECT ${expr} AS d FROM ${table} WHERE id = ?`).get(id));
  return row && row.d != null ? String(row.d) : '';
}

module.exports = { readRecord, writeRecord, deleteRecord, recordExists, displayText };
