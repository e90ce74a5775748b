/**
 * Globals every SuiteScript 2.1 server script sees without importing them: N/log as `log` and N/util as
 * `util`. @hitc/netsuite-types only types the modules, so the globals are declared here. This file also
 * keeps `tsc -p tsconfig.json` from failing with "no inputs" while src/ holds no entry points yet.
 */
declare const log: typeof import('N/log');
declare const util: typeof import('N/util');
