/**
 * No committed change without its event, even across a crash. The sandbox account runs as a child process
 * and dies by SIGKILL during a burst of REST PATCHes, at the worst moment: one save has committed and its
 * afterSubmit (which writes the outbox record) has not run; other saves in flight are cut wherever they
 * were. A second process boots on the same data; the hourly change sweep then compares every employee
 * modified since its last run with the last snapshot queued. Every committed title reaches both endpoints,
 * the lost ones marked as found by the sweep, and each employee's last event describes it as it is.
 */
import * as path from 'node:path';
import Database = require('better-sqlite3');
import { DEMO, tba } from '../helpers/rest-client';
import { crashDataPerTest, type SandboxProcess } from '../helpers/spawn-sandbox';

import { startReceiver } from '@employee-lifecycle/sandbox/receiver';
import { SECRET_ID } from '../../bench/webhook-world';
import { ENDPOINT, OUTBOX } from '../../src/webhooks/ids';

const EMPLOYEES = 12;
const CRASH_TITLE = 'the save the crash interrupts';

const crashData = crashDataPerTest('webhooks-sweep-crash-');

test('SIGKILL between a commit and its afterSubmit in a PATCH burst: after the sweep, every committed change is at every endpoint', async () => {
  const data = crashData();
  const { keyBase64 } = data;
  let clockOffset = 0;
  const receivers = await Promise.all([0, 1].map(() => startReceiver({ secret: `whsec_${keyBase64}`, now: () => Date.now() + clockOffset })));
  const hourPasses = async (p: SandboxProcess) => {
    clockOffset = await p.call<number>('clock.advance', '1h');
    await p.call('scheduler.tick');
    await p.call('tasks.idle');
  };

  try {
    const first = await data.spawn({ crashBeforeAfterSubmit: { recordType: 'employee', field: 'title', value: CRASH_TITLE } });
    for (const [i, r] of receivers.entries()) {
      await first.call('records.create', ENDPOINT.type, {
        name: `Receiver ${i}`, [ENDPOINT.url]: r.url, [ENDPOINT.secret]: SECRET_ID, [ENDPOINT.eventTypes]: 'employee.*',
      });
    }
    await hourPasses(first); // the sweep's first run starts its window
    const rest = tba(DEMO.integration);
    const url = (id = '') => `${first.url}/services/rest/record/v1/employee${id ? `/${id}` : ''}`;
    const ids: string[] = [];
    for (let i = 0; i < EMPLOYEES; i++) {
      const res = await rest('POST', url(), { firstName: 'Burst', lastName: `Employee ${i}`, title: 'v1', subsidiary: { id: '1' } });
      expect(res.status).toBe(204);
      ids.push(res.headers.get('location')!.split('/').pop()!);
    }
    await first.call('tasks.idle');

    // The burst: every employee retitled at once; one of the saves is where the process dies.
    const burst = await Promise.allSettled(ids.map((id, i) => rest('PATCH', url(id), { title: i === EMPLOYEES / 2 ? CRASH_TITLE : `v2 of ${i}` })));
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(burst.some((b) => b.status === 'rejected')).toBe(true);

    // What the crash left, read from the account's SQLite file: committed titles with no outbox record
    // describing them (the interrupted save's at least).
    const db = new Database(path.join(data.dataDir, 'account.sqlite'), { readonly: true });
    const committed = new Map((db.prepare(`SELECT id, title FROM employee WHERE id IN (${ids.join(', ')})`).all() as Array<{ id: number; title: string }>)
      .map((e) => [String(e.id), e.title]));
    const queuedTitles = new Set((db.prepare(`SELECT ${OUTBOX.employee} AS employee, ${OUTBOX.snapshot} AS snapshot FROM ${OUTBOX.type}`)
      .all() as Array<{ employee: number; snapshot: string | null }>).map((o) => `${o.employee}:${o.snapshot ? JSON.parse(o.snapshot).title : ''}`));
    db.close();
    const lost = [...committed].filter(([id, title]) => !queuedTitles.has(`${id}:${title}`)).map(([id]) => id);
    expect(committed.get(ids[EMPLOYEES / 2])).toBe(CRASH_TITLE);
    expect(lost).toContain(ids[EMPLOYEES / 2]);

    // A new process on the same data; an hour later the sweep has run, then the dispatcher.
    const second = await data.spawn();
    await second.call('tasks.idle');
    await hourPasses(second);

    for (const r of receivers) {
      expect(r.stats.rejected).toBe(0);
      for (const id of ids) {
        const events = r.events.filter((e) => e.subject === id && e.type === 'employee.updated');
        const title = committed.get(id);
        // A PATCH the crash cut before its commit changed nothing, and nothing is sent for it.
        if (title === 'v1') {
          expect(events).toHaveLength(0);
          continue;
        }
        // The committed title arrived once, and the employee's last event says what the employee is now.
        expect(events.filter((e) => (e.data).employee.title === title)).toHaveLength(1);
        const last = events[events.length - 1].data;
        expect(last.employee.title).toBe(title);
        expect(last.context.foundBy).toBe(lost.includes(id) ? 'sweep' : 'userEvent');
      }
    }
    await second.close();
  } finally {
    for (const r of receivers) await r.close();
  }
}, 60000);
