-- The sandbox account's data. NetSuite's SuiteQL tables and columns keep NetSuite's names (lowercase);
-- checkboxes are 'T'/'F' as SuiteQL returns them; dates are ISO text with the declared type DATE or
-- DATETIME so SuiteQL results can be formatted the way NetSuite formats them. The sandbox's own tables
-- start with sb_ and are invisible to SuiteQL. Record ids are AUTOINCREMENT: an id is never given again after a
-- delete, as NetSuite never reuses an internal id (FIDELITY.md).

CREATE TABLE IF NOT EXISTS subsidiary (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS department (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS location (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F', sb_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS role (
  id INTEGER PRIMARY KEY AUTOINCREMENT, scriptid TEXT UNIQUE, name TEXT NOT NULL,
  isinactive CHECKBOX NOT NULL DEFAULT 'F', iswebserviceonlyrole CHECKBOX NOT NULL DEFAULT 'F'
);
CREATE TABLE IF NOT EXISTS rolepermissions (
  role INTEGER NOT NULL REFERENCES role(id), permkey TEXT NOT NULL, name TEXT,
  permlevel INTEGER NOT NULL, restriction TEXT,
  PRIMARY KEY (role, permkey)
);
CREATE TABLE IF NOT EXISTS employee (
  id INTEGER PRIMARY KEY AUTOINCREMENT, entityid TEXT, firstname TEXT, lastname TEXT, email TEXT, title TEXT,
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
-- Integration records (Setup > Integration > Manage Integrations): an application's State (Enabled or
-- Blocked) and its Authentication subtab: token-based authentication, OAuth 2.0 (oauth2: either grant) with
-- the authorization code grant, the client credentials (machine to machine) grant and the scopes. Its consumer
-- key (client id) and secret are in sb_integration_credential. Columns added since an account was made are
-- added at boot (db.ts INTEGRATION_COLUMNS).
CREATE TABLE IF NOT EXISTS integration (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, isinactive CHECKBOX NOT NULL DEFAULT 'F',
  tokenbasedauth CHECKBOX NOT NULL DEFAULT 'T', oauth2 CHECKBOX NOT NULL DEFAULT 'F',
  state TEXT NOT NULL DEFAULT 'Enabled', authcodegrant CHECKBOX NOT NULL DEFAULT 'F',
  clientcredentials CHECKBOX NOT NULL DEFAULT 'F', scoperestwebservices CHECKBOX NOT NULL DEFAULT 'F',
  scoperestlets CHECKBOX NOT NULL DEFAULT 'F', scopesuiteanalytics CHECKBOX NOT NULL DEFAULT 'F'
);
-- TBA access tokens and OAuth 2.0 access tokens (kind tells which), bound to a user and a role.
CREATE TABLE IF NOT EXISTS oauthtoken (
  id INTEGER PRIMARY KEY AUTOINCREMENT, tba_token_name TEXT, entity_name INTEGER NOT NULL REFERENCES employee(id),
  role_name INTEGER NOT NULL REFERENCES role(id), tba_app_name TEXT, integration INTEGER REFERENCES integration(id),
  binactive CHECKBOX NOT NULL DEFAULT 'F', brevoked CHECKBOX NOT NULL DEFAULT 'F',
  dcreated DATETIME, createdby INTEGER
);
-- The Login Audit Trail (Setup > Users/Roles > View Login Audit Trail; SuiteQL LoginAudit): one row per REST web
-- services or RESTlet login (TBA or OAuth 2.0) and per request to the OAuth 2.0 token endpoint, Success or Failure
-- with the Detail code of a failure. Kept for LIMITS.loginAuditDays days of account time and at most
-- LIMITS.loginAuditRows rows (storage/login-audit.ts).
CREATE TABLE IF NOT EXISTS loginaudit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, date DATETIME NOT NULL, status TEXT NOT NULL, user INTEGER, role INTEGER,
  emailaddress TEXT, ipaddress TEXT, useragent TEXT, requesturi TEXT, oauthappname TEXT, oauthaccesstokenname TEXT,
  detail TEXT, secchallenge TEXT
);
CREATE INDEX IF NOT EXISTS loginaudit_date ON loginaudit(date);

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
-- OAuth 2.0 Client Credentials (M2M) Setup: each mapping of an entity, a role and an integration to the public
-- part of a certificate (SPKI PEM; key_type rsa or ec with its size or curve). NetSuite documents no SuiteQL table
-- for them. valid_until is ISO text (at most two years after the mapping was made).
CREATE TABLE IF NOT EXISTS sb_oauth2_certificate (
  certificate_id TEXT PRIMARY KEY, integration INTEGER NOT NULL REFERENCES integration(id),
  entity INTEGER NOT NULL REFERENCES employee(id), role INTEGER NOT NULL REFERENCES role(id),
  public_key TEXT NOT NULL UNIQUE, key_type TEXT NOT NULL, valid_until TEXT NOT NULL,
  revoked CHECKBOX NOT NULL DEFAULT 'F', created TEXT NOT NULL
);
-- Access tokens the token endpoint issued (JWTs signed with the account's key, sb_settings oauth2.signingKey),
-- by their jti, with what they were issued for; rows are dropped once expired (http/client-credentials.ts).
CREATE TABLE IF NOT EXISTS sb_oauth2_token (
  jti TEXT PRIMARY KEY, certificate_id TEXT NOT NULL, integration INTEGER NOT NULL, entity INTEGER NOT NULL,
  role INTEGER NOT NULL, scope TEXT NOT NULL, issued_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sb_oauth2_token_expires ON sb_oauth2_token(expires_ms);
CREATE TABLE IF NOT EXISTS sb_nonce (key TEXT NOT NULL, nonce TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (key, nonce));
-- A readable account of what scripts did: one row per log line, record write, request, mail, task.
CREATE TABLE IF NOT EXISTS sb_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, invocation TEXT, script TEXT, deployment TEXT,
  kind TEXT NOT NULL, level TEXT, title TEXT, detail TEXT, units INTEGER
);
-- Mail that scripts sent with N/email: the sandbox delivers it to this local mailbox instead of the internet.
-- Addresses are resolved (an employee id becomes its email); related holds relatedRecords as JSON.
CREATE TABLE IF NOT EXISTS sb_mail (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, invocation TEXT, script TEXT, author INTEGER NOT NULL,
  sender TEXT NOT NULL, recipients TEXT NOT NULL, cc TEXT NOT NULL DEFAULT '[]', bcc TEXT NOT NULL DEFAULT '[]',
  subject TEXT NOT NULL, body TEXT NOT NULL, related TEXT
);
CREATE TABLE IF NOT EXISTS sb_invocation (
  id TEXT PRIMARY KEY, script TEXT, deployment TEXT, entry TEXT, context TEXT, user INTEGER, role INTEGER,
  started TEXT, ended TEXT, units INTEGER, error TEXT
);
-- Background work (Map/Reduce and scheduled script runs): one row per submitted task, whoever submitted it
-- (N/task, account.mapReduce, the scheduler). Status PENDING | PROCESSING | COMPLETE | FAILED; stage is the
-- current Map/Reduce stage (GET_INPUT, MAP, SHUFFLE, REDUCE, SUMMARIZE); config holds the script's
-- `config` export and which entry points it has, read by the input stage.
CREATE TABLE IF NOT EXISTS sb_task (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, script TEXT NOT NULL,
  deployment TEXT NOT NULL, status TEXT NOT NULL, stage TEXT, source TEXT NOT NULL, params TEXT NOT NULL DEFAULT '{}',
  user INTEGER NOT NULL, role INTEGER NOT NULL, config TEXT, submitted TEXT NOT NULL, started TEXT, ended TEXT,
  units INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, output_count INTEGER NOT NULL DEFAULT 0,
  restarts INTEGER NOT NULL DEFAULT 0, error TEXT
);
CREATE INDEX IF NOT EXISTS sb_task_deployment ON sb_task(script, deployment, status);
-- Unfinished tasks (what every submit checks) without reading the finished ones, which only grow.
CREATE INDEX IF NOT EXISTS sb_task_unfinished ON sb_task(seq) WHERE status IN ('PENDING', 'PROCESSING');
-- Map/Reduce stage progress: input, map, shuffle, reduce, summarize (and execute for scheduled scripts).
CREATE TABLE IF NOT EXISTS sb_mr_stage (
  task TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, started TEXT, ended TEXT,
  units INTEGER NOT NULL DEFAULT 0, concurrency INTEGER NOT NULL DEFAULT 1, error TEXT,
  PRIMARY KEY (task, stage)
);
-- The keys of the map and reduce stages, in input order: a map key's value, a reduce key's values (JSON
-- array), and how far it got (PENDING, RUNNING, DONE, FAILED; attempts = executionNo of the last start).
CREATE TABLE IF NOT EXISTS sb_mr_key (
  task TEXT NOT NULL, stage TEXT NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'PENDING', attempts INTEGER NOT NULL DEFAULT 0, units INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (task, stage, key)
);
-- Every failed attempt of a key: the serialized SuiteScriptError and its executionNo.
CREATE TABLE IF NOT EXISTS sb_mr_error (
  task TEXT NOT NULL, stage TEXT NOT NULL, key TEXT NOT NULL, execution_no INTEGER NOT NULL, error TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sb_mr_error_task ON sb_mr_error(task, stage, key);
-- What a key's invocation wrote (context.write), kept per writing key so that a retry replaces it.
CREATE TABLE IF NOT EXISTS sb_mr_output (
  task TEXT NOT NULL, stage TEXT NOT NULL, source TEXT NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sb_mr_output_task ON sb_mr_output(task, stage, source);
-- Sign-in to the sandbox's UI: scrypt password hashes (never readable through SuiteQL or records) and
-- sessions (the sha256 of the cookie's token; role is null until a user with several roles picks one).
CREATE TABLE IF NOT EXISTS sb_password (
  entity INTEGER PRIMARY KEY REFERENCES employee(id) ON DELETE CASCADE, hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sb_session (
  token_hash TEXT PRIMARY KEY, entity INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
  role INTEGER REFERENCES role(id), created TEXT NOT NULL, expires_ms INTEGER NOT NULL
);
-- NetSuite internal ids of the project's scripts and deployments (kind 'script' or 'deployment'), given at
-- first sight and kept, so Suitelet URLs (?script=<id>&deploy=<id>) stay the same across starts.
CREATE TABLE IF NOT EXISTS sb_object_id (
  scriptid TEXT PRIMARY KEY, kind TEXT NOT NULL, id INTEGER NOT NULL, UNIQUE (kind, id)
);
