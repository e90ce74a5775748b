// @ts-check
'use strict';
/** Empty the build output first, so a removed or renamed source file leaves no stale script to deploy. */
const fs = require('node:fs');
const path = require('node:path');

fs.rmSync(path.join(__dirname, '..', 'FileCabinet', 'SuiteScripts', 'employee_lifecycle'), { recursive: true, force: true });
