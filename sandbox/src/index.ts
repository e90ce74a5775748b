/**
 * The sandbox's programmatic API (tests, benchmarks, the CLI):
 *   const { bootAccount } = require('@employee-lifecycle/sandbox');
 *   const account = await bootAccount({ dataDir, accountFile, port: 0 });
 *   account.url, account.records.create(…), account.query(…), account.clock.advance('5m'), account.close()
 */
import { Account, PROJECT_ROOT, DEMO_ACCOUNT, DEMO_M2M } from './account';
import type { BootOptions } from './account';

export const bootAccount = (options?: BootOptions) => Account.boot(options);

export { Account, PROJECT_ROOT, DEMO_ACCOUNT, DEMO_M2M };
