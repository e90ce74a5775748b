/**
 * Crash safety of webhook delivery: the sandbox account runs as a child process and is killed with SIGKILL
 * in the middle of a dispatcher run, right after the receiver accepted a request the dispatcher has not
 * recorded yet. A second process boots on the same data: the Map/Reduce instance resumes (the interrupted
 * reduce keys again, with isRestarted), every event is delivered, none is lost, no delivery record is left
 * in between, and the one event whose answer was lost is sent again under the same webhook-id
 * (at-least-once: the receiver deduplicates).
 */
import * as path from 'node:path';
import Database = require('better-sqlite3');
import { DEMO, tba } from '../helpers/rest-client';
import { crashDataPerTest, type SandboxProcess } from '../helpers/spawn-sandbox';

import { startReceiver } from '@employee-lifecycle/sandbox/receiver';
import { SECRET_ID } from '../../bench/webhook-world';
import { DELIVERY, DISPATCH, ENDPOINT } from '../../src/webhooks/ids';

const DISPATCHER = DISPATCH.script;
const EMPLOYEES = 8;
/** The receiver's request (after it comes back up) during which the first process is killed. */
const KILL_AT = 5;

const crashData = crashDataPerTest('webhooks-crash-');

test('SIGKILL mid-dispatch, restart on the same data: every event delivered once or more, none lost, no delivery stuck', async () => {
  const data = crashData();
  const { keyBase64 } = data;

  // The receiver lives in this process and outlives both sandbox processes. It verifies timestamps on the
  // account clock, which the test moves: clockOffset mirrors it.
  let clockOffset = 0;
  let mode: 'down' | 'killing' | 'up' = 'down';
  let sinceUp = 0;
  let killedDuring: string | null = null;
  const accepted2xx = new Map<string, number>();
  let first: SandboxProcess | null = null;
  const receiver = await startReceiver({
    secret: `whsec_${keyBase64}`,
    now: () => Date.now() + clockOffset,
    reply: (_n, headers) => {
      if (mode === 'down') return 503;
      const id = String(headers['webhook-id']);
      accepted2xx.set(id, (accepted2xx.get(id) ?? 0) + 1);
      if (mode === 'killing' && ++sinceUp === KILL_AT) {
        // The receiver takes the event (204) but the sender dies before it reads the answer.
        killedDuring = id;
        first!.kill();
      }
      return 204;
    },
  });

  try {
    first = await data.spawn();
    await first.call('records.create', ENDPOINT.type, {
      name: 'Crash receiver', [ENDPOINT.url]: receiver.url, [ENDPOINT.secret]: SECRET_ID, [ENDPOINT.eventTypes]: 'employee.*',
    });
    // While the receiver is down (503), employees are created and edited over REST: the on-demand
    // dispatcher runs fail their first attempts and the deliveries wait for their retry.
    const rest = tba(DEMO.integration);
    const created: string[] = [];
    for (let i = 0; i < EMPLOYEES; i++) {
      const posted = await rest('POST', `${first.url}/services/rest/record/v1/employee`, { firstName: 'Cara', lastName: `Crash ${i}`, title: 'v1', subsidiary: { id: '1' } });
      expect(posted.status).toBe(204);
      const id = posted.headers.get('location')!.split('/').pop()!;
      created.push(id);
      expect((await rest('PATCH', `${first.url}/services/rest/record/v1/employee/${id}`, { title: 'v2' })).status).toBe(204);
    }
    await first.call('tasks.idle');

    // The receiver is back; the schedule starts the on-demand dispatcher, which sends the due retries and is killed at the
    // KILL_AT-th request.
    mode = 'killing';
    clockOffset = await first.call<number>('clock.advance', '15m');
    await first.call('scheduler.tick');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // What the kill left (read straight from the account's SQLite file).
    const db = new Database(path.join(data.dataDir, 'account.sqlite'));
    const left = {
      tasks: db.prepare("SELECT id, deployment, status, stage FROM sb_task WHERE script = ? AND status IN ('PENDING', 'PROCESSING')").all(DISPATCHER) as Array<Record<string, string>>,
      statuses: db.prepare(`SELECT ${DELIVERY.eventId} AS eventid, ${DELIVERY.status} AS status FROM ${DELIVERY.type}
        WHERE ${DELIVERY.employee} IN (${created.join(', ')})`).all() as Array<{ eventid: string; status: string }>,
    };
    db.close();
    expect(left.tasks).toEqual([expect.objectContaining({ deployment: DISPATCH.onDemand, status: 'PROCESSING', stage: 'REDUCE' })]);
    expect(left.statuses).toHaveLength(EMPLOYEES * 2);
    expect(left.statuses.filter((d) => d.status === 'pending').length).toBeGreaterThan(EMPLOYEES * 2 - KILL_AT);
    // The receiver has the event of the request in flight; its delivery record still says pending.
    expect(killedDuring).not.toBeNull();
    expect(receiver.events.map((e) => e.id)).toContain(killedDuring);
    expect(left.statuses.find((d) => d.eventid === killedDuring)?.status).toBe('pending');

    // A second process on the same data resumes the run.
    mode = 'up';
    const second = await data.spawn();
    await second.call('tasks.idle');

    const deliveries = await second.call<Array<{ eventid: string; status: string; employee: number }>>('query',
      `SELECT ${DELIVERY.eventId} AS eventid, ${DELIVERY.status} AS status, ${DELIVERY.employee} AS employee FROM ${DELIVERY.type} ORDER BY id`);
    // (Only the test's employees: a scheduled offboarding run may add events of its own.)
    const ours = receiver.events.filter((e) => created.includes(e.subject));
    expect(deliveries.filter((d) => d.status !== 'delivered')).toEqual([]);
    expect(deliveries.filter((d) => created.includes(String(d.employee)))).toHaveLength(EMPLOYEES * 2);
    // None lost: the receiver accepted each event, once in its own records (it deduplicates by webhook-id).
    expect(receiver.events.map((e) => e.id).sort()).toEqual(deliveries.map((d) => d.eventid).sort());
    expect(receiver.stats.rejected).toBe(0);
    // At least once: the request in flight at the kill came again after the restart. Only answers the dead
    // process never recorded can repeat: at most one per reduce lane (the deployment's concurrency, 2).
    expect(accepted2xx.get(killedDuring!)).toBe(2);
    const repeated = [...accepted2xx].filter(([, n]) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(2);
    expect(repeated.every(([, n]) => n === 2)).toBe(true);
    // Each employee's events still arrived in order.
    const bySubject = new Map<string, string[]>();
    for (const e of ours) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e.type]);
    expect([...bySubject.values()]).toEqual(Array.from({ length: EMPLOYEES }, () => ['employee.created', 'employee.updated']));

    const tasks = await second.call<Array<{ id: string; status: string; restarts: number }>>('tasks.list', { script: DISPATCHER });
    expect(tasks.filter((t) => t.status !== 'COMPLETE')).toEqual([]);
    expect(tasks.find((t) => t.id === left.tasks[0].id)).toMatchObject({ status: 'COMPLETE', restarts: 1 });
    await second.close();
  } finally {
    await receiver.close();
  }
});
