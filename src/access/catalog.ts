/**
 * The account features and role permissions the self-check knows, with the labels and places an admin
 * sees in the UI. Keys and subtabs come from the project's NetSuite facts sheet (shared/netsuite-facts.md).
 */

/** runtime.Permission values are numbers at run time (NONE 0 … FULL 4); SuiteQL permlevel uses the same. */
export const LEVEL_NAMES = ['None', 'View', 'Create', 'Edit', 'Full'] as const;
export const VIEW = 1;
export const EDIT = 3;
export const FULL = 4;

export function levelName(level: number): string {
  return LEVEL_NAMES[level] ?? `level ${level}`;
}

export type PermissionSubtab = 'Setup' | 'Lists' | 'Transactions' | 'Reports';

export interface PermissionDef {
  key: string;
  label: string;
}

const SUBTAB_BY_PREFIX: Record<string, PermissionSubtab> = { ADMI: 'Setup', LIST: 'Lists', TRAN: 'Transactions', REPO: 'Reports' };

/** The role's Permissions subtab a key lives on: its prefix tells (ADMI_ Setup, LIST_ Lists, TRAN_ Transactions, REPO_ Reports). */
export function permissionSubtab(key: string): PermissionSubtab {
  return SUBTAB_BY_PREFIX[key.split('_')[0]] ?? 'Setup';
}

const permissionList: PermissionDef[] = [
  { key: 'ADMI_RESTWEBSERVICES', label: 'REST Web Services' },
  { key: 'ADMI_LOGIN_OAUTH', label: 'Log in using Access Tokens' },
  { key: 'ADMI_LOGIN_OAUTH2', label: 'Log in using OAuth 2.0 Access Tokens' },
  { key: 'ADMI_MANAGE_OWN_OAUTH_TOKENS', label: 'User Access Tokens' },
  { key: 'ADMI_MANAGE_OAUTH_TOKENS', label: 'Access Token Management' },
  { key: 'ADMI_CUSTOMSCRIPT', label: 'SuiteScript' },
  { key: 'REPO_ANALYTICS', label: 'SuiteAnalytics Workbook' },
  { key: 'LIST_ACCOUNT', label: 'Accounts' },
  { key: 'LIST_CLASS', label: 'Classes' },
  { key: 'LIST_CONTACT', label: 'Contacts' },
  { key: 'LIST_DEPARTMENT', label: 'Departments' },
  { key: 'LIST_CUSTJOB', label: 'Customers' },
  { key: 'LIST_VENDOR', label: 'Vendors' },
  { key: 'LIST_PARTNER', label: 'Partners' },
  { key: 'LIST_EMPLOYEE', label: 'Employees' },
  { key: 'LIST_EMPLOYEE_RECORD', label: 'Employee Record' },
  { key: 'LIST_EMPLOYEE_ADMINISTRATION', label: 'Employee Administration' },
  { key: 'LIST_ITEM', label: 'Items' },
  { key: 'LIST_FIND', label: 'Perform Search' },
  { key: 'TRAN_SALESORD', label: 'Sales Order' },
  { key: 'TRAN_CUSTINVC', label: 'Invoice' },
  { key: 'TRAN_CUSTPYMT', label: 'Customer Payment' },
  { key: 'TRAN_CUSTCRED', label: 'Credit Memo' },
  { key: 'TRAN_JOURNAL', label: 'Make Journal Entry' },
  { key: 'TRAN_VENDBILL', label: 'Bills' },
  { key: 'TRAN_PURCHORD', label: 'Purchase Order' },
];

export const PERMISSIONS: Readonly<Record<string, PermissionDef>> = Object.fromEntries(permissionList.map((p) => [p.key, p]));

export function permission(key: string): PermissionDef {
  const p = PERMISSIONS[key];
  if (!p) throw new Error(`Unknown permission key ${key}: add it to src/access/catalog.ts`);
  return p;
}

/** Permission keys by the label NetSuite prints in "Permission Violation: You need the 'Lists -> Employees' permission". */
export function permissionByLabel(subtab: string, label: string): PermissionDef | undefined {
  const wanted = label.trim().toLowerCase();
  return permissionList.find((p) => p.label.toLowerCase() === wanted && (!subtab || permissionSubtab(p.key) === subtabFromText(subtab)));
}

function subtabFromText(text: string): PermissionSubtab | undefined {
  const t = text.trim().toLowerCase();
  return (['Setup', 'Lists', 'Transactions', 'Reports'] as const).find((s) => s.toLowerCase() === t);
}

export interface FeatureDef {
  id: string;
  label: string;
  /** Setup > Company > Enable Features: the subtab, and the section on it where there is one. */
  place: string;
}

/**
 * Feature ids for runtime.isFeatureInEffect. Unverified: SuiteAnalytics Workbook's id. The facts sheet
 * could not confirm it, so it is named here only; a wrong id reads as "cannot tell", never as a pass.
 */
export const SUITEANALYTICS_WORKBOOK_FEATURE = 'SUITEANALYTICSWORKBOOK';

const featureList: FeatureDef[] = [
  { id: 'RESTWEBSERVICES', label: 'REST Web Services', place: 'SuiteCloud subtab, SuiteTalk (Web Services) section' },
  { id: 'TBA', label: 'Token-Based Authentication', place: 'SuiteCloud subtab, Manage Authentication section' },
  { id: 'OAUTH2', label: 'OAuth 2.0', place: 'SuiteCloud subtab, Manage Authentication section' },
  { id: 'SERVERSIDESCRIPTING', label: 'Server SuiteScript', place: 'SuiteCloud subtab, SuiteScript section' },
  { id: 'CUSTOMRECORDS', label: 'Custom Records', place: 'SuiteCloud subtab, SuiteBuilder section' },
  { id: 'ADVANCEDEMPLOYEEPERMISSIONS', label: 'Advanced Employee Permissions', place: 'Employees subtab, Permissions section' },
  { id: SUITEANALYTICS_WORKBOOK_FEATURE, label: 'SuiteAnalytics Workbook', place: 'Analytics subtab' },
];

export const FEATURES: Readonly<Record<string, FeatureDef>> = Object.fromEntries(featureList.map((f) => [f.id, f]));

export function feature(id: string): FeatureDef {
  const f = FEATURES[id];
  if (!f) throw new Error(`Unknown feature ${id}: add it to src/access/catalog.ts`);
  return f;
}
