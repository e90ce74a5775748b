-- The sandbox account's data. NetSuite's SuiteQL tables and columns keep NetSuite's names (lowercase);
-- checkboxes are 'T'/'F' as SuiteQL returns them; dates are ISO text with the declared type DATE or
-- DATETIME so SuiteQL results can be formatted the way NetSuite formats them. The sandbox's own tables
-- start with sb_ and are invisible to SuiteQL.

CREATE TABLE IF NOT EXISTS subsidiary (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS department (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS location (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS role (
  id INTEGER PRIMARY KEY, scriptid TEXT UNIQUE, name TEXT NOT NULL,
  isinactive CHECKBOX NOT NULL DEFAULT 'F', iswebserviceonlyrole CHECKBOX NOT NULL DEFAULT 'F'
);
CREATE TABLE IF NOT EXISTS rolepermissions (
  role INTEGER NOT NULL REFERENCES role(id), permkey TEXT NOT NULL, name TEXT,
  permlevel INTEGER NOT NULL, restriction TEXT,
  PRIMARY KEY (role, permkey)
);
CREATE TABLE IF NOT EXISTS employee (
  id INTEGER PRIMARY KEY, entityid TEXT, firstname TEXT, lastname TEXT, email TEXT, title TEXT,
  isinactive CHECKBOX NOT NULL DEFAULT 'F', giveaccess CHECKBOX NOT NULL DEFAULT 'F',
  releasedate DATE, hiredate DATE,
  supervisor INTEGER REFERENCES employee(id), subsidiary INTEGER REFERENCES subsidiary(id),
  department INTEGER REFERENCES department(id), location INTEGER REFERENCES location(id),
  datecreated DATETIME, lastmodifieddate DATETIME,
  sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS employee_releasedate ON employee(releasedate);
-- The employee's Access subtab roles (SuiteQL: employeerolesforsearch).
CREATE TABLE IF NOT EXISTS employeerolesforsearch (
  entity INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE, role INTEGER NOT NULL REFERENCES role(id),
  PRIMARY KEY (entity, role)
);
CREATE TABLE IF NOT EXISTS feature (
  id TEXT PRIMARY KEY, enabled CHECKBOX NOT NULL DEFAULT 'T'
);
-- Integration records: the consumer key/secret of an application.
CREATE TABLE IF NOT EXISTS integration (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F',
  tokenbasedauth CHECKBOX NOT NULL DEFAULT 'T', oauth2 CHECKBOX NOT NULL DEFAULT 'F'
);
-- TBA access tokens and OAuth 2.0 access tokens (kind tells which), bound to a user and a role.
CREATE TABLE IF NOT EXISTS oauthtoken (
  id INTEGER PRIMARY KEY, tba_token_name TEXT, entity_name INTEGER NOT NULL REFERENCES employee(id),
  role_name INTEGER NOT NULL REFERENCES role(id), tba_app_name TEXT, integration INTEGER REFERENCES integration(id),
  binactive CHECKBOX NOT NULL DEFAULT 'F', brevoked CHECKBOX NOT NULL DEFAULT 'F',
  dcreated DATETIME, createdby INTEGER
);

-- The sandbox's own state.
CREATE TABLE IF NOT EXISTS sb_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Credentials never reachable through SuiteQL: consumer keys/secrets, token ids/secrets, bearer tokens.
CREATE TABLE IF NOT EXISTS sb_integration_credential (
  integration INTEGER PRIMARY KEY REFERENCES integration(id), consumer_key TEXT UNIQUE NOT NULL, consumer_secret TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sb_token_credential (
  token INTEGER PRIMARY KEY REFERENCES oauthtoken(id), kind TEXT NOT NULL CHECK (kind IN ('tba', 'oauth2')),
  token_id TEXT UNIQUE NOT NULL, token_secret TEXT
);
CREATE TABLE IF NOT EXISTS sb_secret (scriptid TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sb_nonce (key TEXT NOT NULL, nonce TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (key, nonce));
-- A readable account of what scripts did: one row per log line, record write, request, mail, task.
CREATE TABLE IF NOT EXISTS sb_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, invocation TEXT, script TEXT, deployment TEXT,
  kind TEXT NOT NULL, level TEXT, title TEXT, detail TEXT, units INTEGER
);
CREATE TABLE IF NOT EXISTS sb_invocation (
  id TEXT PRIMARY KEY, script TEXT, deployment TEXT, entry TEXT, context TEXT, user INTEGER, role INTEGER,
  started TEXT, ended TEXT, units INTEGER, error TEXT
);
