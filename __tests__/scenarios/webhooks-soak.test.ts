/**
 * The soak (`npm run soak`, 10,000 changes) at a size the suite can afford: employee changes through the
 * REST API, a receiver failing a fifth of requests at random, the clock moved through the retry schedule.
 * Same code path as the full soak (bench/soak.js).
 */
import { runSoak } from '../../bench/soak';

test('200 REST changes, a fifth of requests failing: every event delivered or dead and listed, none missing, none stuck', async () => {
  const s = await runSoak({ changes: 200, seed: 7 });
  expect(s.receiver.failedOnPurpose).toBeGreaterThan(20);
  expect(s.events).toBe(200);
  expect(s.missing).toEqual([]);
  expect(s.stuck).toEqual([]);
  expect(s.deliveredNotReceived).toEqual([]);
  expect(s.outOfOrderDetail).toEqual([]); // on failure: each such employee, its expected and arrived order, its deliveries
  expect(s.outOfOrderEmployees).toBe(0);
  expect(s.delivered + s.dead.length).toBe(s.deliveryRecords);
  expect(s.deliveryRecords).toBe(200);
  expect(s.receivedEvents).toBe(s.delivered);
}, 120000);
