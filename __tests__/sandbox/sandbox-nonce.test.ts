/**
 * A TBA header captured on the wire cannot be replayed, not even after the account restarts (issue 13):
 * NetSuite refuses a nonce used before with the same timestamp and token (Oracle subsect_156935170194).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bootAccount } from '@employee-lifecycle/sandbox';
import { call, DEMO, tbaHeader } from '../helpers/rest-client';

test('a replayed TBA header is refused after a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-nonce-'));
  const notes: string[] = [];
  let account = await bootAccount({ dataDir, port: 0 });
  try {
    const url = `${account.url}/services/rest/record/v1/employee/1`;
    const captured = tbaHeader(DEMO.integration, 'GET', url);
    expect((await call('GET', url, captured)).status).toBe(200);
    await account.close();
    // The same port, so the signed URL is the same one.
    account = await bootAccount({ dataDir, port: Number(new URL(url).port), onNote: (k, d) => notes.push(`${k}: ${d}`) });
    const replay = await call('GET', url, captured);
    expect(replay.status).toBe(401);
    expect(notes.join('\n')).toMatch(/was already used with this timestamp and token/);
    expect((await call('GET', url, tbaHeader(DEMO.integration, 'GET', url))).status).toBe(200);
  } finally {
    await account.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
