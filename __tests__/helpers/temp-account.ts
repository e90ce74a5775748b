/**
 * A sandbox account in a fresh temp folder, and how to throw it away: close it, then remove its data.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { bootAccount } from '@employee-lifecycle/sandbox';

export type Account = Awaited<ReturnType<typeof bootAccount>>;
export type BootOptions = Omit<NonNullable<Parameters<typeof bootAccount>[0]>, 'dataDir'>;

export async function bootTempAccount(prefix: string, options: BootOptions = {}): Promise<{ account: Account; dispose: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const account = await bootAccount({ ...options, dataDir });
  return {
    account,
    dispose: async () => {
      await account.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
