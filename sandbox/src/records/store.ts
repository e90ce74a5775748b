/**
 * Rows ↔ records. Values here are in storage form: select ids as integers, checkboxes 'T'/'F', dates
 * 'YYYY-MM-DD', datetimes ISO. Every write bumps sb_version, so a save that read an older version fails
 * the way NetSuite fails it ("Record has been changed").
 */
import { sandboxError } from '../errors';
import type { Db } from '../storage/db';
import { transactionOf } from '../storage/statements';
import type { RecordTypeDef } from './types';
import type { Stored } from './values';

/** A record's row: its stored field values by field id (and id), its sublist lines, its sb_version. */
export interface StoredRecord { values: Record<string, Stored>, lines: Record<string, Array<Record<string, Stored>>>, version: number }

/** A row as SQLite returns it: column → value. */
type Row = Record<string, Stored>;

const storedFields = (t: RecordTypeDef) => Object.values(t.fields).filter((f) => f.stored !== false);

export function readRecord(db: Db, t: RecordTypeDef, id: number): StoredRecord | null {
  const row = db.prepare<[number], Row & { sb_version: number }>(`SELECT * FROM ${t.table} WHERE id = ?`).get(id);
  if (!row) return null;
  const values: Record<string, Stored> = { id: row.id };
  for (const f of storedFields(t)) values[f.id] = row[f.id] === undefined ? null : row[f.id];
  const lines: Record<string, Row[]> = {};
  for (const s of Object.values(t.sublists)) {
    const rows = db.prepare<[number], Row>(`SELECT * FROM ${s.table} WHERE ${s.parentColumn} = ? ORDER BY rowid`).all(id);
    lines[s.id] = rows.map((r) => Object.fromEntries(Object.values(s.fields).map((f) => [f.id, r[f.column]])));
  }
  return { values, lines, version: row.sb_version };
}

/**
 * Insert or update one record and its sublists in one transaction; the record's id and new sb_version.
 * w.owner: the creating user, kept as a new custom record's owner.
 */
export function writeRecord(db: Db, t: RecordTypeDef, w: RecordWrite): { id: number, version: number } {
  return transactionOf(db, writeRows).immediate(db, t, w);
}

interface RecordWrite {
  id?: number | null, values: Record<string, Stored>, lines?: Record<string, Array<Record<string, Stored>>>,
  expectedVersion?: number, now: string, owner?: number,
}

function writeRows(db: Db, t: RecordTypeDef, w: RecordWrite): { id: number, version: number } {
  const cols = storedFields(t).map((f) => f.id).filter((c) => c in w.values && !t.fields[c].readonly);
  let id = w.id || null;
  let version = 1;
  if (id == null) {
    const stamp: Row = t.kind === 'custom' ? { created: w.now, lastmodified: w.now, owner: w.owner ?? null } : t.fields.datecreated ? { datecreated: w.now, lastmodifieddate: w.now } : {};
    const all: Row = { ...Object.fromEntries(cols.map((c) => [c, w.values[c]])), ...stamp };
    if (w.values.id != null) Object.assign(all, { id: w.values.id });
    const names = Object.keys(all);
    const sql = names.length
      ? `INSERT INTO ${t.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
      : `INSERT INTO ${t.table} DEFAULT VALUES`;
    id = Number(db.prepare<Stored[]>(sql).run(...names.map((n) => all[n])).lastInsertRowid);
  } else {
    const current = db.prepare<[number], { sb_version: number }>(`SELECT sb_version FROM ${t.table} WHERE id = ?`).get(id);
    if (!current) throw sandboxError('RCRD_DSNT_EXIST', `That record does not exist. ${t.id} ${id}`);
    if (w.expectedVersion != null && current.sb_version !== w.expectedVersion) {
      throw sandboxError('RCRD_HAS_BEEN_CHANGED', 'Record has been changed');
    }
    version = current.sb_version + 1;
    const stamp = t.kind === 'custom' ? ['lastmodified'] : t.fields.lastmodifieddate ? ['lastmodifieddate'] : [];
    const sets = [...cols, ...stamp].map((c) => `${c} = ?`).concat('sb_version = sb_version + 1');
    db.prepare<Stored[]>(`UPDATE ${t.table} SET ${sets.join(', ')} WHERE id = ?`).run(...cols.map((c) => w.values[c]), ...stamp.map(() => w.now), id);
  }
  for (const [name, rows] of Object.entries(w.lines || {})) {
    const s = t.sublists[name];
    db.prepare<[number]>(`DELETE FROM ${s.table} WHERE ${s.parentColumn} = ?`).run(id);
    const fields = Object.values(s.fields);
    const ins = db.prepare<Stored[]>(`INSERT INTO ${s.table} (${s.parentColumn}, ${fields.map((f) => f.column).join(', ')}) VALUES (?, ${fields.map(() => '?').join(', ')})`);
    for (const [i, r] of rows.entries()) {
      try {
        ins.run(id, ...fields.map((f) => r[f.id]));
      } catch (e) {
        // The table's key says a line may not repeat (an employee holds a role once): say which line, not which constraint.
        if (!isConstraint(e, 'PRIMARYKEY', 'UNIQUE')) throw e;
        throw sandboxError('INVALID_FLD_VALUE', `Line ${i + 1} of the ${s.id} sublist repeats an earlier line (${fields.map((f) => `${f.id} ${String(r[f.id])}`).join(', ')}): list each value once.`);
      }
    }
  }
  return { id, version };
}

/**
 * Delete one record and its sublist lines, or nothing: a record others point at (an employee who is a
 * supervisor or owns access tokens) is refused with NetSuite's code for it (FIDELITY.md, Records, storage and
 * permissions: "Deleting a record others point at").
 */
export function deleteRecord(db: Db, t: RecordTypeDef, id: number): void {
  try {
    db.transaction(() => {
      for (const s of Object.values(t.sublists)) db.prepare<[number]>(`DELETE FROM ${s.table} WHERE ${s.parentColumn} = ?`).run(id);
      const r = db.prepare<[number]>(`DELETE FROM ${t.table} WHERE id = ?`).run(id);
      if (!r.changes) throw sandboxError('RCRD_DSNT_EXIST', `That record does not exist. ${t.id} ${id}`);
    }).immediate();
  } catch (e) {
    if (!isConstraint(e, 'FOREIGNKEY')) throw e;
    const uses = dependents(db, t.table, id);
    throw sandboxError('THIS_RECORD_CANNOT_BE_DELETED_BECAUSE_IT_HAS_DEPENDENT_RECORDS',
      `This record cannot be deleted because it has dependent records${uses.length ? `: ${uses.join(', ')}` : ''}. Change or delete those first, or make this record inactive.`);
  }
}

const isConstraint = (e: unknown, ...kinds: string[]): boolean =>
  kinds.some((k) => (e as { code?: unknown } | null)?.code === `SQLITE_CONSTRAINT_${k}`);

/** What points at a row, as SuiteQL names it ("employee.supervisor (2)"); the sandbox's own tables are not named. */
function dependents(db: Db, table: string, id: number): string[] {
  const out: string[] = [];
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  for (const { name } of tables) {
    for (const fk of db.prepare<[], { table: string, from: string, on_delete: string }>(`PRAGMA foreign_key_list(${name})`).all()) {
      if (fk.table !== table || fk.on_delete === 'CASCADE') continue;
      const n = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM ${name} WHERE ${fk.from} = ?`).get(id)?.n ?? 0;
      if (n) out.push(name.startsWith('sb_') ? `sandbox records (${n})` : `${name}.${fk.from} (${n})`);
    }
  }
  return out;
}

export function recordExists(db: Db, t: RecordTypeDef, id: number): boolean {
  return !!db.prepare<[number], { 1: number }>(`SELECT 1 FROM ${t.table} WHERE id = ?`).get(id);
}

/** The text NetSuite shows for a select value (refName in REST, getText in scripts). */
export function displayText(db: Db, types: Record<string, RecordTypeDef>, target: string, id: unknown): string {
  if (id == null || id === '') return '';
  const t = types[target] as RecordTypeDef | undefined;
  const table = t ? t.table : target;
  const display = t ? t.display : 'name';
  const expr = table === 'employee' ? "COALESCE(entityid, TRIM(COALESCE(firstname, '') || ' ' || COALESCE(lastname, '')))" : display;
  const row = db.prepare<[unknown], { d: Stored }>(`SELECT ${expr} AS d FROM ${table} WHERE id = ?`).get(id);
  return row && row.d != null ? String(row.d) : '';
}
