/**
 * What an integration needs, by authentication method and integration profile: account features and
 * role permissions, each with the level to grant and why.
 */
import { EDIT, FULL, SUITEANALYTICS_WORKBOOK_FEATURE, VIEW } from './catalog';

export type AuthMethod = 'tba' | 'oauth2';
export const METHODS: Readonly<Record<AuthMethod, string>> = { tba: 'Token-based authentication (TBA)', oauth2: 'OAuth 2.0' };

export type ProfileId = 'reporting' | 'employee_provisioning' | 'bundle';

export interface PermissionNeed {
  kind: 'permission';
  key: string;
  level: number;
  /** warn: the integration logs in without it, but a common task needs it. */
  severity: 'fail' | 'warn';
  why: string;
  /** Only when this feature is on (Advanced Employee Permissions splits the Employees permission). */
  whenFeature?: string;
  /** Only when this feature is off. */
  unlessFeature?: string;
}

export interface FeatureNeed {
  kind: 'feature';
  id: string;
  severity: 'fail' | 'warn';
  why: string;
}

export type Need = PermissionNeed | FeatureNeed;

export interface Profile {
  id: ProfileId;
  label: string;
  description: string;
  needs: Need[];
}

const view = (key: string, why: string): PermissionNeed => ({ kind: 'permission', key, level: VIEW, severity: 'fail', why });

const REPORT_WHY = 'read over REST or SuiteQL';
const TRANSACTION_WHY = 'there is no umbrella transactions permission: each transaction type needs its own';

export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  reporting: {
    id: 'reporting',
    label: 'Read-only reporting connector',
    description: 'A BI or reporting tool that reads master data and transactions.',
    needs: [
      view('LIST_ACCOUNT', REPORT_WHY), view('LIST_CLASS', REPORT_WHY), view('LIST_CONTACT', REPORT_WHY),
      view('LIST_DEPARTMENT', REPORT_WHY), view('LIST_CUSTJOB', REPORT_WHY), view('LIST_VENDOR', REPORT_WHY),
      view('LIST_PARTNER', REPORT_WHY), view('LIST_EMPLOYEE', REPORT_WHY), view('LIST_ITEM', REPORT_WHY),
      view('TRAN_SALESORD', TRANSACTION_WHY), view('TRAN_CUSTINVC', TRANSACTION_WHY), view('TRAN_CUSTPYMT', TRANSACTION_WHY),
      view('TRAN_CUSTCRED', TRANSACTION_WHY), view('TRAN_JOURNAL', TRANSACTION_WHY), view('TRAN_VENDBILL', TRANSACTION_WHY),
      view('TRAN_PURCHORD', TRANSACTION_WHY),
    ],
  },
  employee_provisioning: {
    id: 'employee_provisioning',
    label: 'Employee provisioning over REST',
    description: 'An HR system or identity provider that creates, updates and deactivates employees.',
    needs: [
      { kind: 'permission', key: 'LIST_EMPLOYEE', level: FULL, severity: 'fail', why: 'create, edit and deactivate employees', unlessFeature: 'ADVANCEDEMPLOYEEPERMISSIONS' },
      { kind: 'permission', key: 'LIST_EMPLOYEE_RECORD', level: FULL, severity: 'fail', why: 'with Advanced Employee Permissions, the employee record over REST', whenFeature: 'ADVANCEDEMPLOYEEPERMISSIONS' },
      { kind: 'permission', key: 'LIST_EMPLOYEE_ADMINISTRATION', level: FULL, severity: 'fail', why: 'with Advanced Employee Permissions, login access and roles (giveAccess, roles)', whenFeature: 'ADVANCEDEMPLOYEEPERMISSIONS' },
      { kind: 'permission', key: 'LIST_FIND', level: VIEW, severity: 'fail', why: 'Oracle lists it as a prerequisite of the REST employee record' },
      { kind: 'permission', key: 'ADMI_CUSTOMSCRIPT', level: VIEW, severity: 'fail', why: 'Oracle lists SuiteScript as a prerequisite of the REST employee record' },
      { kind: 'feature', id: 'SERVERSIDESCRIPTING', severity: 'fail', why: 'Oracle lists SuiteScript as a prerequisite of the REST employee record' },
      { kind: 'feature', id: 'ADVANCEDEMPLOYEEPERMISSIONS', severity: 'warn', why: 'Oracle lists it as a prerequisite of the REST employee record' },
    ],
  },
  bundle: {
    id: 'bundle',
    label: "This bundle's scripts",
    description: 'The role that runs the offboarding Map/Reduce and edits webhook endpoints.',
    needs: [
      { kind: 'feature', id: 'SERVERSIDESCRIPTING', severity: 'fail', why: 'the user events, Suitelet and Map/Reduce scripts run on it' },
      { kind: 'feature', id: 'CUSTOMRECORDS', severity: 'fail', why: 'webhook endpoints and the delivery outbox are custom records' },
      { kind: 'permission', key: 'LIST_EMPLOYEE', level: EDIT, severity: 'fail', why: 'offboarding sets isInactive and giveAccess on employees' },
      { kind: 'permission', key: 'LIST_FIND', level: VIEW, severity: 'fail', why: 'the scripts look employees up' },
      { kind: 'permission', key: 'ADMI_MANAGE_OAUTH_TOKENS', level: VIEW, severity: 'warn', why: "offboarding reads access tokens to protect integrations' owners" },
    ],
  },
};

export function isProfile(v: string): v is ProfileId {
  return Object.prototype.hasOwnProperty.call(PROFILES, v);
}

export function isMethod(v: string): v is AuthMethod {
  return Object.prototype.hasOwnProperty.call(METHODS, v);
}

/** Transport: what every REST request checks before it looks at any record (the USER_ERROR cases). */
export function transportNeeds(method: AuthMethod): Need[] {
  const needs: Need[] = [
    { kind: 'feature', id: 'RESTWEBSERVICES', severity: 'fail', why: 'REST web services are off for the whole account without it' },
    method === 'tba'
      ? { kind: 'feature', id: 'TBA', severity: 'fail', why: 'token-based authentication' }
      : { kind: 'feature', id: 'OAUTH2', severity: 'fail', why: 'OAuth 2.0 authentication' },
    { kind: 'feature', id: SUITEANALYTICS_WORKBOOK_FEATURE, severity: 'fail', why: 'REST record queries and SuiteQL run on SuiteAnalytics' },
    { kind: 'permission', key: 'ADMI_RESTWEBSERVICES', level: FULL, severity: 'fail', why: 'every REST request checks it first' },
    method === 'tba'
      ? { kind: 'permission', key: 'ADMI_LOGIN_OAUTH', level: FULL, severity: 'fail', why: 'lets a TBA access token log in with this role' }
      : { kind: 'permission', key: 'ADMI_LOGIN_OAUTH2', level: FULL, severity: 'fail', why: 'lets an OAuth 2.0 access token log in with this role' },
    { kind: 'permission', key: 'REPO_ANALYTICS', level: EDIT, severity: 'fail', why: 'REST web services need it (Oracle lists it with REST Web Services), and SuiteQL runs on it' },
  ];
  if (method === 'tba') {
    needs.push({
      kind: 'permission', key: 'ADMI_MANAGE_OWN_OAUTH_TOKENS', level: FULL, severity: 'warn',
      why: 'lets users of this role create their own access tokens (Manage Access Tokens). It is not what logs in: ' +
        '"Log in using Access Tokens" is. Without it an administrator with Access Token Management issues the tokens',
    });
  }
  return needs;
}
