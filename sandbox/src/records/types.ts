/**
 * Record type metadata: the standard types the sandbox knows and the project's custom record types.
 * One description drives storage (columns), N/record (value types, inline-edit rule), REST (camelCase names)
 * and SuiteQL (BUILTIN.DF targets).
 */

export type FieldKind = 'text' | 'email' | 'url' | 'textarea' | 'integer' | 'float' | 'checkbox' | 'date' | 'datetime'
  | 'select' | 'multiselect' | 'password';

export interface FieldDef {
  id: string, kind: FieldKind, rest: string, target?: string, mandatory?: boolean, inline?: boolean,
  readonly?: boolean, writeOnly?: boolean, stored?: boolean, label?: string, defaultValue?: string,
}

export interface SublistDef {
  id: string, table: string, parentColumn: string, rest: string, fields: Record<string, FieldDef & { column: string }>,
}

export interface RolePermission { role: string, level: string }

export interface RecordTypeDef {
  id: string, table: string, kind: 'entity' | 'custom' | 'list', display: string, fields: Record<string, FieldDef>,
  sublists: Record<string, SublistDef>, searchOnly?: boolean, restEnabled?: boolean, label: string,
  /** A custom record type's accesstype and permission list (records/access reads them). */
  access?: { type: string, permissions: RolePermission[] },
}

export interface CustomRecordTypeDef {
  scriptid: string, recordname?: string | null, includename?: boolean, accesstype?: string,
  permissions?: RolePermission[], fields: Array<{ scriptid: string, fieldtype: string,
    label?: string | null, ismandatory?: boolean, selectrecordtype?: string | null, defaultvalue?: string | null }>,
}

/** What SuiteQL needs to know of a table: its display column and its select columns' target tables. */
export interface SuiteqlTableMeta { display: string, selects: Record<string, string> }

const field = (id: string, kind: FieldKind, more: Partial<FieldDef> = {}): FieldDef => ({ id, kind, rest: id, stored: true, ...more });

function simpleList(id: string, label: string): RecordTypeDef {
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
const EMPLOYEE: RecordTypeDef = {
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

const ROLE: RecordTypeDef = {
  id: 'role', table: 'role', kind: 'list', display: 'name', label: 'Role', searchOnly: true,
  fields: { name: field('name', 'text'), scriptid: field('scriptid', 'text'), isinactive: field('isinactive', 'checkbox') },
  sublists: {},
};

export const STANDARD_TYPES: Record<string, RecordTypeDef> = {
  employee: EMPLOYEE,
  subsidiary: simpleList('subsidiary', 'Subsidiary'),
  department: simpleList('department', 'Department'),
  location: simpleList('location', 'Location'),
  role: ROLE,
};

// SDF selectrecordtype values for standard records are negative internal ids (-4 employee …).
const SELECT_RECORD_TYPES: Record<string, string> = { '-4': 'employee', '-117': 'subsidiary', '-102': 'department', '-103': 'location', '-118': 'role' };

const SDF_FIELD_KINDS: Record<string, FieldKind | undefined> = {
  TEXT: 'text', FREEFORMTEXT: 'text', TEXTAREA: 'textarea', CLOBTEXT: 'textarea', LONGTEXT: 'textarea', EMAIL: 'email',
  URL: 'url', INTEGER: 'integer', FLOAT: 'float', CURRENCY: 'float', PERCENT: 'float', CHECKBOX: 'checkbox', DATE: 'date',
  DATETIMETZ: 'datetime', DATETIME: 'datetime', SELECT: 'select', MULTISELECT: 'multiselect', PASSWORD: 'password',
};

export function selectTarget(ref: string | null | undefined): string | undefined {
  if (!ref) return undefined;
  const m = /^\[(?:scriptid=)?([a-z0-9_]+)\]$/i.exec(ref.trim());
  if (m) return m[1].toLowerCase();
  return SELECT_RECORD_TYPES[ref.trim()] || ref.trim().toLowerCase();
}

export function customRecordType(def: CustomRecordTypeDef): RecordTypeDef {
  const id = def.scriptid.toLowerCase();
  const fields: Record<string, FieldDef> = {
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

function columnType(kind: FieldKind): string {
  switch (kind) {
    case 'integer': case 'select': return 'INTEGER';
    case 'float': return 'REAL';
    case 'checkbox': return "CHECKBOX NOT NULL DEFAULT 'F'";
    case 'date': return 'DATE';
    case 'datetime': return 'DATETIME';
    default: return 'TEXT';
  }
}

/** The stored columns of a custom record type: [name, SQLite type]. */
export function customRecordColumns(def: CustomRecordTypeDef): Array<[string, string]> {
  return Object.values(customRecordType(def).fields).filter((f) => f.stored !== false).map((f): [string, string] => [f.id, columnType(f.kind)]);
}

/** The CREATE TABLE of a custom record type (idempotent). */
export function customRecordTableSql(def: CustomRecordTypeDef): string {
  const t = customRecordType(def);
  const cols = customRecordColumns(def).map(([id, type]) => `  ${id} ${type}`);
  return `CREATE TABLE IF NOT EXISTS ${t.table} (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n${cols.join(',\n')},\n  sb_version INTEGER NOT NULL DEFAULT 1\n);`;
}

/**
 * Reference fields (select, integer ids) are what scripts join and filter on: indexed, so a query over tens
 * of thousands of custom records answers in milliseconds, as NetSuite's would.
 */
export function customRecordIndexSql(def: CustomRecordTypeDef): string {
  const t = customRecordType(def);
  return Object.values(t.fields).filter((f) => f.stored !== false && (f.kind === 'select' || f.kind === 'integer'))
    .map((f) => `CREATE INDEX IF NOT EXISTS sb_ix_${t.table}_${f.id} ON ${t.table} (${f.id});`).join('\n');
}

/** All record types of an account running this project. */
export function recordTypesFor(project: { customRecordTypes: CustomRecordTypeDef[] }): Record<string, RecordTypeDef> {
  const types: Record<string, RecordTypeDef> = { ...STANDARD_TYPES };
  for (const def of project.customRecordTypes || []) {
    const t = customRecordType(def);
    types[t.id] = t;
  }
  return types;
}

/** What SuiteQL needs to know: select columns and their targets, display columns. */
export function suiteqlMeta(types: Record<string, RecordTypeDef>): { tables: Record<string, SuiteqlTableMeta> } {
  const tables: Record<string, SuiteqlTableMeta> = {};
  for (const t of Object.values(types)) {
    const selects: Record<string, string> = {};
    for (const f of Object.values(t.fields)) if (f.kind === 'select' && f.target) selects[f.id] = f.target;
    tables[t.table] = { display: t.display, selects };
  }
  tables.employeerolesforsearch = { display: 'entity', selects: { entity: 'employee', role: 'role' } };
  tables.rolepermissions = { display: 'name', selects: { role: 'role' } };
  tables.oauthtoken = { display: 'tba_token_name', selects: { entity_name: 'employee', role_name: 'role', createdby: 'employee', integration: 'integration' } };
  tables.integration = { display: 'name', selects: {} };
  tables.loginaudit = { display: 'id', selects: { user: 'employee', role: 'role' } };
  return { tables };
}
