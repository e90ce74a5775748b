/**
 * A sandbox account with the bundle deployed, a signing secret, and https receivers that verify with
 * the `standardwebhooks` package: what the webhook tests share.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { bootAccount } from '@employee-lifecycle/sandbox';
import { startReceiver, RECEIVER_CERT } from '@employee-lifecycle/sandbox/receiver';
// The same account the benchmarks and the soak boot (one webhook world, bench/webhook-world.js).
import { accountData, SECRET_ID } from '../../bench/webhook-world';
import { DELIVERY, ENDPOINT } from '../../src/webhooks/ids';

export type Account = Awaited<ReturnType<typeof bootAccount>>;
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export const ENDPOINT_TYPE = ENDPOINT.type;
export const DELIVERY_TYPE = DELIVERY.type;

export interface WebhookWorld {
  account: Account;
  dataDir: string;
  /** The receiver's whsec_… secret; the API secret holds its base64 part. */
  secret: string;
  keyBase64: string;
  receiver(reply?: Parameters<typeof startReceiver>[0]['reply']): Promise<Receiver>;
  endpoint(url: string, more?: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

/** account: an account file's data in place of the demo account's; overlays: fixture project folders. */
export async function webhookWorld(options: { httpsTimeoutMs?: number; account?: Record<string, any>; overlays?: string[] } = {}): Promise<WebhookWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-'));
  const key = crypto.randomBytes(24);
  const keyBase64 = key.toString('base64');
  const account = await bootAccount({
    dataDir, account: accountData(keyBase64, options.account), overlays: options.overlays, port: 0, trustedCertificates: [RECEIVER_CERT],
    httpsTimeoutMs: options.httpsTimeoutMs ?? 2000, httpsConnectTimeoutMs: 1000,
  });
  const receivers: Receiver[] = [];
  const secret = `whsec_${keyBase64}`;
  return {
    account, dataDir, secret, keyBase64,
    async receiver(reply) {
      const r = await startReceiver({ secret, reply, now: () => account.clock.nowMs() });
      receivers.push(r);
      return r;
    },
    endpoint(url, more = {}) {
      return account.records.create(ENDPOINT_TYPE, {
        name: 'Test receiver', [ENDPOINT.url]: url, [ENDPOINT.secret]: SECRET_ID,
        [ENDPOINT.eventTypes]: 'employee.*', ...more,
      });
    },
    async close() {
      await account.close();
      for (const r of receivers) await r.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
