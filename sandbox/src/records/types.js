// @ts-check
'use strict';
/**
 * Record type metadata: the standard types the sandbox knows and the project's custom record types.
 * One description drives storage (columns), N/record (value types, inline-edit rule), REST (camelCase names)
 * and SuiteQL (BUILTIN.DF targets).
 */

/**
 * @typedef {'text'|'email'|'url'|'textarea'|'integer'|'float'|'checkbox'|'date'|'datetime'|'select'|'multiselect'|'password'} FieldKind
 * @typedef {{ id: string, kind: FieldKind, rest: string, target?: string, mandatory?: boolean, inline?: boolean,
 *   readonly?: boolean, writeOnly?: boolean, stored?: boolean, label?: string, defaultValue?: string }} FieldDef
 * @typedef {{ id: string, table: string, parentColumn: string, rest: string, fields: Record<string, FieldDef & { column: string }> }} SublistDef
 * @typedef {{ id: string, table: string, kind: 'entity'|'custom'|'list', display: string, fields: Record<string, FieldDef>,
 *   sublists: Record<string, SublistDef>, searchOnly?: boolean, restEnabled?: boolean, label: string,
 *   access?: { type: string, permissions: Array<{ role: string, level: string }> } }} RecordTypeDef
 *   access: a custom record type's accesstype and permission list (records/access.js reads them)
 * @typedef {{ scriptid: string, recordname?: string | null, includename?: boolean, accesstype?: string,
 *   permissions?: Array<{ role: string, level: string }>, fields: Array<{ scriptid: string, fieldtype: string,
 *   label?: string | null, ismandatory?: boolean, selectrecordtype?: string | null, defaultvalue?: string | null }> }} CustomRecordTypeDef
 */

/** @param {string} id @param {FieldKind} kind @param {Partial<FieldDef>} [more] @returns {FieldDef} */
const field = (id, kind, more = {}) => ({ id, kind, rest: id, stored: true, ...more });

/** @param {string} id @param {string} label @returns {RecordTypeDef} */
function simpleList(id, label) {
  return {
    id, table: id, kind: 'list', display: 'name', label, restEnabled: true,
    fields: {
      name: field('name', 'text', { mandatory: true }),
      isinactive: field('isinactive', 'checkbox', { rest: 'isInactive', inline: true }),
    },
    sublists: {},
  };
}

// Inline-editable employee fields per the facts sheet; everything else needs load + save.
/** @type {RecordTypeDef} */
const EMPLOYEE = {
  id: 'employee', table: 'employee', kind: 'entity', display: 'entityid', label: 'Employee', restEnabled: true,
  fields: {
    entityid: field('entityid', 'text', { rest: 'entityId' }),
    firstname: field('firstname', 'text', { rest: 'firstName', mandatory: true }),
    lastname: field('lastname', 'text', { rest: 'lastName', mandatory: true }),
    email: field('email', 'email'),
    title: field('title', 'text', { inline: true }),
    isinactive: field('isinactive', 'checkbox', { rest: 'isInactive', inline: true }),
    giveaccess: field('giveaccess', 'checkbox', { rest: 'giveAccess' }),
    releasedate: field('releasedate', 'date', { rest: 'releaseDate', inline: true }),
    hiredate: field('hiredate', 'date', { rest: 'hireDate', inline: true }),
    supervisor: field('supervisor', 'select', { target: 'employee', inline: true }),
    subsidiary: field('subsidiary', 'select', { target: 'subsidiary' }),
    department: field('department', 'select', { target: 'department', inline: true }),
    location: field('location', 'select', { target: 'location', inline: true }),
    datecreated: field('datecreated', 'datetime', { rest: 'dateCreated', readonly: true }),
    lastmodifieddate: field('lastmodifieddate', 'datetime', { rest: 'lastModifiedDate', readonly: true }),
    // Write-only: accepted on save, never stored or returned.
    password: field('password', 'password', { writeOnly: true, stored: false }),
    sendemail: field('sendemail', 'checkbox', { rest: 'sendEmail', stored: false }),
  },
  sublists: {
    roles: {
      id: 'roles', table: 'employeerolesforsearch', parentColumn: 'entity', rest: 'roles',
      fields: { selectedrole: { ...field('selectedrole', 'select', { rest: 'selectedRole', target: 'role' }), column: 'role' } },
    },
  },
};

/** @type {RecordTypeDef} */
const ROLE = {
  id: 'role', table: 'role', kind: 'list', display: 'name', label: 'Role', searchOnly: true,
  fields: { name: field('name', 'text'), scriptid: field('scriptid', 'text'), isinactive: field('isinactive', 'checkbox') },
  sublists: {},
};

/** @type {Record<string, RecordTypeDef>} */
const STANDARD_TYPES = {
  employee: EMPLOYEE,
  subsidiary: simpleList('subsidiary', 'Subsidiary'),
  department: simpleList('department', 'Department'),
  location: simpleList('location', 'Location'),
  role: ROLE,
};

// SDF selectrecordtype values for standard records are negative internal ids (-4 employee …).
/** @type {Record<string, string>} */
const SELECT_RECORD_TYPES = { '-4': 'employee', '-117': 'subsidiary', '-102': 'department', '-103': 'location', '-118': 'role' };

/** @type {Record<string, FieldKind>} */
const SDF_FIELD_KINDS = {
  TEXT: 'text', FREEFORMTEXT: 'text', TEXTAREA: 'textarea', CLOBTEXT: 'textarea', LONGTEXT: 'textarea', EMAIL: 'email',
  URL: 'url', INTEGER: 'integer', FLOAT: 'float', CURRENCY: 'float', PERCENT: 'float', CHECKBOX: 'checkbox', DATE: 'date',
  DATETIMETZ: 'datetime', DATETIME: 'datetime', SELECT: 'select', MULTISELECT: 'multiselect', PASSWORD: 'password',
};

/** @param {string | null | undefined} ref @returns {string | undefined} */
function selectTarget(ref) {
  if (!ref) return undefined;
  const m = /^\[(?:scriptid=)?([a-z0-9_]+)\]$/i.exec(ref.trim());
  if (m) return m[1].toLowerCase();
  return SELECT_RECORD_TYPES[ref.trim()] || ref.trim().toLowerCase();
}

/** @param {CustomRecordTypeDef} def @returns {RecordTypeDef} */
function customRecordType(def) {
  const id = def.scriptid.toLowerCase();
  /** @type {Record<string, FieldDef>} */
  const fields = {
    name: field('name', 'text', { mandatory: def.includename !== false, inline: true }),
    isinactive: field('isinactive', 'checkbox', { rest: 'isInactive', inline: true }),
    created: field('created', 'datetime', { readonly: true }),
    lastmodified: field('lastmodified', 'datetime', { rest: 'lastModified', readonly: true }),
    // The user who created the record (the record's Owner in the UI; SuiteQL column owner).
    owner: field('owner', 'select', { readonly: true, target: 'employee' }),
  };
  for (const f of def.fields) {
    const kind = SDF_FIELD_KINDS[String(f.fieldtype).toUpperCase()];
    if (!kind) throw new Error(`${def.scriptid}.${f.scriptid}: field type ${f.fieldtype} is not supported by the sandbox`);
    const fid = f.scriptid.toLowerCase();
    fields[fid] = field(fid, kind, {
      mandatory: !!f.ismandatory, inline: true, label: f.label ?? undefined, target: kind === 'select' ? selectTarget(f.selectrecordtype) : undefined,
      defaultValue: f.defaultvalue ?? undefined,
    });
  }
  return {
    id, table: id, kind: 'custom', display: 'name', label: def.recordname || id, fields, sublists: {}, restEnabled: true,
    access: { type: def.accesstype || 'CUSTRECORDENTRYPERM', permissions: def.permissions || [] },
  };
}

/** @param {FieldKind} kind */
function columnType(kind) {
  switch (kind) {
    case 'integer': case 'select': return 'INTEGER';
    case 'float': return 'REAL';
    case 'checkbox': return "CHECKBOX NOT NULL DEFAULT 'F'";
    case 'date': return 'DATE';
    case 'datetime': return 'DATETIME';
    default: return 'TEXT';
  }
}

/** The stored columns of a custom record type: [name, SQLite type]. @param {CustomRecordTypeDef} def */
function customRecordColumns(def) {
  return Object.values(customRecordType(def).fields).filter((f) => f.stored !== false).map((f) => [f.id, columnType(f.kind)]);
}

/** The CREATE TABLE of a custom record type (idempotent). @param {CustomRecordTypeDef} def */
function customRecordTableSql(def) {
  const t = customRecordType(def);
  const cols = customRecordColumns(def).map(([id, type]) => `  ${id} ${type}`);
  return `CREATE TABLE IF NOT EXISTS ${t.table} (\n  id INTEGER PRIMARY KEY,\n${cols.join(',\n')},\n  sb_version INTEGER NOT NULL DEFAULT 1\n);`;
}

/**
 * Reference fields (select, integer ids) are what scripts join and filter on: indexed, so a query over tens
 * of thousands of custom records answers in milliseconds, as NetSuite's would. @param {CustomRecordTypeDef} def
 */
function customRecordIndexSql(def) {
  const t = customRecordType(def);
  return Object.values(t.fields).filter((f) => f.stored !== false && (f.kind === 'select' || f.kind === 'integer'))
    .map((f) => `CREATE INDEX IF NOT EXISTS sb_ix_${t.table}_${f.id} ON ${t.table} (${f.id});`).join('\n');
}

/**
 * All record types of an account running this project.
 * @param {{ customRecordTypes: CustomRecordTypeDef[] }} project
 * @returns {Record<string, RecordTypeDef>}
 */
function recordTypesFor(project) {
  /** @type {Record<string, RecordTypeDef>} */
  const types = { ...STANDARD_TYPES };
  for (const def of project.customRecordTypes || []) {
    const t = customRecordType(def);
    types[t.id] = t;
  }
  return types;
}

/**
 * What SuiteQL needs to know: select columns and their targets, display columns.
 * @param {Record<string, RecordTypeDef>} types
 */
function suiteqlMeta(types) {
  /** @type {Record<string, { display: string, selects: Record<string, string> }>} */
  const tables = {};
  for (const t of Object.values(types)) {
    /** @type {Record<string, string>} */
    const selects = {};
    for (const f of Object.values(t.fields)) if (f.kind === 'select' && f.target) selects[f.id] = f.target;
    tables[t.table] = { display: t.display, selects };
  }
  tables.employeerolesforsearch = { display: 'entity', selects: { entity: 'employee', role: 'role' } };
  tables.rolepermissions = { display: 'name', selects: { role: 'role' } };
  tables.oauthtoken = { display: 'tba_token_name', selects: { entity_name: 'employee', role_name: 'role', createdby: 'employee', integration: 'integration' } };
  tables.integration = { display: 'name', selects: {} };
  return { tables };
}

module.exports = { STANDARD_TYPES, recordTypesFor, customRecordType, customRecordColumns, customRecordTableSql, customRecordIndexSql, suiteqlMeta, selectTarget };
