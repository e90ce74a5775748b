// @ts-check
'use strict';
/**
 * The sandbox's programmatic API (tests, benchmarks, the CLI):
 *   const { bootAccount } = require('./sandbox');
 *   const account = await bootAccount({ dataDir, accountFile, port: 0 });
 *   account.url, account.records.create(…), account.query(…), account.clock.advance('5m'), account.close()
 */
const { Account, PROJECT_ROOT, DEMO_ACCOUNT } = require('./account');

/** @param {import('./account').BootOptions} [options] */
const bootAccount = (options) => Account.boot(options);

module.exports = { bootAccount, Account, PROJECT_ROOT, DEMO_ACCOUNT };
