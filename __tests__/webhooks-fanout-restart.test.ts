/**
 * A fan-out expansion cut short: the dispatcher's getInputData is writing the delivery records of a
 * fan-out when the sandbox stops; at the next boot the stage runs again (isRestarted) and must not write
 * the deliveries it already wrote a second time (each would be sent as a separate delivery).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database = require('better-sqlite3');

type World = { account: any; receiver: any; endpoint(name?: string): Promise<number>; close(): Promise<void> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { webhookWorld, DELIVERY_TYPE } = require('../bench/webhook-world') as {
  webhookWorld: (o: { dataDir: string; keyBase64: string; receiverPort?: number }) => Promise<World>; DELIVERY_TYPE: string;
};

const ENDPOINTS = 100;
const EVENTS = 3; // updated, deactivated, access_revoked

test('getInputData restarted mid fan-out writes each remaining delivery once; every event reaches every endpoint once', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-fanout-'));
  const keyBase64 = crypto.randomBytes(24).toString('base64');
  const count = (w: World, where = "custrecord_el_whd_status <> 'fanout'") => Number(w.account.query(`SELECT COUNT(*) AS n FROM ${DELIVERY_TYPE} WHERE ${where}`)[0].n);
  let w = await webhookWorld({ dataDir, keyBase64 });
  const receiverPort = Number(new URL(w.receiver.url as string).port);
  try {
    for (let i = 0; i < ENDPOINTS; i++) await w.endpoint(`Endpoint ${i}`);
    await w.account.records.update('employee', 3, { isinactive: true, giveaccess: false });
    const byUserEvent = count(w);
    expect(count(w, "custrecord_el_whd_status = 'fanout'")).toBe(1);
    // The on-demand dispatcher the save submitted is expanding the fan-out: stop the account then.
    for (let i = 0; i < 2000 && count(w) === byUserEvent; i++) await new Promise((r) => setTimeout(r, 2));
    await w.account.close();
    await w.receiver.close();
    // What the stop left, read from the account's file: part of the fan-out written, the fan-out still there.
    const db = new Database(path.join(dataDir, 'account.sqlite'));
    const left = db.prepare(`SELECT SUM(custrecord_el_whd_status <> 'fanout') AS expanded, SUM(custrecord_el_whd_status = 'fanout') AS fanouts FROM ${DELIVERY_TYPE}`)
      .get() as { expanded: number; fanouts: number };
    db.close();
    expect(left.fanouts).toBe(1);
    const expanded = left.expanded;
    expect(expanded).toBeGreaterThan(byUserEvent);
    expect(expanded).toBeLessThan(ENDPOINTS * EVENTS);
  } catch (e) {
    await w.close();
    throw e;
  }

  w = await webhookWorld({ dataDir, keyBase64, receiverPort });
  try {
    await w.account.tasks.idle();
    const pairs = w.account.query(`SELECT custrecord_el_whd_endpoint AS endpoint, custrecord_el_whd_event_id AS eventid, custrecord_el_whd_status AS status
      FROM ${DELIVERY_TYPE}`) as Array<{ endpoint: number; eventid: string; status: string }>;
    expect(pairs).toHaveLength(ENDPOINTS * EVENTS);
    expect(new Set(pairs.map((p) => `${p.endpoint}:${p.eventid}`)).size).toBe(ENDPOINTS * EVENTS);
    expect(pairs.filter((p) => p.status !== 'delivered')).toEqual([]);
    expect([...(w.receiver.seen as Map<string, number>).values()]).toEqual(Array.from({ length: EVENTS }, () => ENDPOINTS));
  } finally {
    await w.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60000);
