/**
 * An outbox expansion cut short: the dispatcher is writing the delivery records of one save for 100
 * endpoints (in its reduces) when the sandbox stops; at the next boot the run resumes, the interrupted
 * keys again with isRestarted, and no (endpoint, event) may get a second delivery record (it would be
 * sent and retried as a separate delivery).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database = require('better-sqlite3');
import { webhookWorld, DELIVERY_TYPE, DISPATCHER, ON_DEMAND } from '../../bench/webhook-world';
import { DELIVERY, OUTBOX } from '../../src/webhooks/ids';

type World = Awaited<ReturnType<typeof webhookWorld>>;

const ENDPOINTS = 100;
const EVENTS = 3; // updated, deactivated, access_revoked
const OUTBOX_TYPE = OUTBOX.type;

test('a run stopped mid-expansion resumes and writes each missing delivery once; every event reaches every endpoint', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-expand-'));
  const keyBase64 = crypto.randomBytes(24).toString('base64');
  const count = (w: World) => Number(w.account.query(`SELECT COUNT(*) AS n FROM ${DELIVERY_TYPE}`)[0].n);
  let w = await webhookWorld({ dataDir, keyBase64 });
  let before = new Map<string, number>();
  const receiverPort = Number(new URL(w.receiver.url).port);
  try {
    for (let i = 0; i < ENDPOINTS; i++) await w.endpoint(`Endpoint ${i}`);
    await w.account.records.update('employee', 3, { isinactive: true, giveaccess: false });
    expect(count(w)).toBe(0);
    // The on-demand dispatcher the save submitted is writing deliveries: stop the account then.
    for (let i = 0; i < 4000 && count(w) < 30; i++) await new Promise((r) => setTimeout(r, 2));
    await w.account.close();
    before = new Map(w.receiver.seen);
    await w.receiver.close();
    const db = new Database(path.join(dataDir, 'account.sqlite'));
    const left = {
      deliveries: (db.prepare(`SELECT COUNT(*) AS n FROM ${DELIVERY_TYPE}`).get() as { n: number }).n,
      outbox: db.prepare(`SELECT ${OUTBOX.targets} AS targets FROM ${OUTBOX_TYPE}`).all() as Array<{ targets: string | null }>,
    };
    db.close();
    expect(left.outbox).toHaveLength(1);
    expect(JSON.parse(String(left.outbox[0].targets))).toHaveLength(ENDPOINTS * EVENTS);
    expect(left.deliveries).toBeGreaterThan(0);
    expect(left.deliveries).toBeLessThan(ENDPOINTS * EVENTS);
  } catch (e) {
    await w.close();
    throw e;
  }

  w = await webhookWorld({ dataDir, keyBase64, receiverPort });
  try {
    await w.account.tasks.idle();
    await w.account.mapReduce.run(DISPATCHER, ON_DEMAND);
    const pairs = w.account.query(`SELECT ${DELIVERY.endpoint} AS endpoint, ${DELIVERY.eventId} AS eventid, ${DELIVERY.status} AS status
      FROM ${DELIVERY_TYPE}`) as Array<{ endpoint: number; eventid: string; status: string }>;
    expect(pairs).toHaveLength(ENDPOINTS * EVENTS);
    expect(new Set(pairs.map((p) => `${p.endpoint}:${p.eventid}`)).size).toBe(ENDPOINTS * EVENTS);
    expect(pairs.filter((p) => p.status !== 'delivered')).toEqual([]);
    // Each event reached every endpoint, before or after the stop (at least once: a request in flight at
    // the stop may come twice).
    const after = w.receiver.seen;
    const ids = new Set([...before.keys(), ...after.keys()]);
    expect(ids.size).toBe(EVENTS);
    for (const id of ids) expect((before.get(id) ?? 0) + (after.get(id) ?? 0)).toBeGreaterThanOrEqual(ENDPOINTS);
    expect(w.account.query(`SELECT COUNT(*) AS n FROM ${OUTBOX_TYPE} WHERE ${OUTBOX.done} = 'F'`)).toEqual([{ n: 0 }]);
  } finally {
    await w.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60000);
