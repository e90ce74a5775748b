/**
 * The "Webhook deliveries" page as an admin meets it (issue 15), in Debian's headless Chromium over the
 * sandbox, with real https receivers that verify with the `standardwebhooks` package: the endpoints with
 * their health, deliveries filtered by status, one dead delivery's attempts and body, its replay under the
 * same webhook-id, recovery of every dead delivery since a date (the confirmation says how many), a test
 * event, a secret rotation; an HR user refused; an employee name with HTML shown as text; a bad filter
 * value answered with what to fix. Screenshots go to artifacts/.
 */
import * as fs from 'node:fs';
import * as YAML from 'yaml';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';
import { artifactPath, launchBrowser, signIn, submitForm, type Browser } from '../helpers/browser';
import { DELIVERY_TYPE, ENDPOINT_TYPE, webhookWorld, type Receiver, type WebhookWorld } from '../helpers/webhook-account';
import { DELIVERY, DISPATCH, ENDPOINT } from '../../src/webhooks/ids';

const CONSOLE = 'customscript_el_webhook_console_sl';
const EVIL = '<img src=x onerror="document.title=1">';
let w: WebhookWorld;
let browser: Browser;
let good: Receiver;
let flaky: Receiver;
let flakyId: number;
let deadIds: number[];

async function dispatch(): Promise<void> {
  await w.account.tasks.idle();
  await w.account.mapReduce.run(DISPATCH.script, DISPATCH.onDemand);
}

/** A delivery that ran out of retries, as the dispatcher leaves one (the sandbox's clock does not run 3 days here). */
function deadDelivery(employee: number, eventId: string): Promise<number> {
  const body = { specversion: '1.0', id: eventId, source: 'netsuite://tstdrv1234567/employee', type: 'employee.updated', subject: String(employee), time: new Date().toISOString(), datacontenttype: 'application/json', data: { employee: { id: String(employee) }, changes: {}, context: {} } };
  return w.account.records.create(DELIVERY_TYPE, {
    name: `employee.updated ${employee}`, [DELIVERY.eventId]: eventId, [DELIVERY.endpoint]: flakyId, [DELIVERY.eventType]: 'employee.updated',
    [DELIVERY.employee]: employee, [DELIVERY.payload]: JSON.stringify(body), [DELIVERY.status]: 'dead', [DELIVERY.attempts]: 8, [DELIVERY.lastCode]: 500,
    [DELIVERY.lastError]: 'HTTP 500', [DELIVERY.attemptLog]: JSON.stringify([{ at: '2026-12-01T10:00:00.000Z', code: 500, ms: 42, error: 'HTTP 500', retryAfter: null, response: 'failing on purpose' }]),
  });
}

beforeAll(async () => {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  data.secrets = { ...data.secrets, custsecret_el_webhook_next: 'bmV4dC1zZWNyZXQtZm9yLXRoZS1yb3RhdGlvbg==' };
  w = await webhookWorld({ account: data });
  good = await w.receiver();
  flaky = await w.receiver(() => 500);
  await w.endpoint(good.url, { name: 'Good receiver' });
  await w.account.records.update('employee', 3, { firstname: EVIL });
  await dispatch();
  // Made after the first dispatch: only the dead deliveries below are its own.
  flakyId = await w.endpoint(flaky.url, { name: 'Flaky receiver' });
  deadIds = [await deadDelivery(3, 'evt-dead-1'), await deadDelivery(4, 'evt-dead-2')];
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await w?.close();
});



test('an admin sees each endpoint\'s health and every delivery, replays and recovers dead ones, and sends a test event', async () => {
  const page = await browser.context.newPage();
  const url = w.account.suiteletUrl(CONSOLE, null);
  await signIn(page, url, 'ada.admin@example.com', 'Sandbox-Admin-1');
  await expect(page.textContent('h1.ns-title')).resolves.toBe('Webhook deliveries');
  const flakyRow = page.locator('tr', { hasText: 'Flaky receiver' });
  await expect(flakyRow.textContent()).resolves.toMatch(/Enabled/);
  const goodRow = page.locator('tr', { hasText: 'Good receiver' });
  await expect(goodRow.textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/); // last success
  await page.screenshot({ path: artifactPath('webhook-console-endpoints.png'), fullPage: true });

  // Deliveries: dead ones only, through the filter form.
  await page.click('a:text-is("Deliveries")');
  await page.selectOption('select[name=custpage_status]', 'dead');
  await submitForm(page);
  const rows = page.locator('#custpage_deliveries_splits tbody tr', { hasText: 'Flaky receiver' });
  await expect(rows.count()).resolves.toBe(2);
  // The employee's name is shown as the text it is, not as markup.
  await expect(page.locator('body').textContent()).resolves.toContain(`${EVIL} Hopper (3)`);
  await expect(page.locator('img[src=x]').count()).resolves.toBe(0);
  await expect(page.title()).resolves.toBe('Webhook deliveries');
  await page.screenshot({ path: artifactPath('webhook-console-deliveries.png'), fullPage: true });

  // One delivery: its attempt and body; replay it, the receiver now answering.
  await page.click(`a:text-is("${deadIds[0]}")`);
  await expect(page.locator('body').textContent()).resolves.toContain('webhook-id evt-dead-1');
  await expect(page.locator('tr', { hasText: '2026-12-01T10:00:00.000Z' }).textContent()).resolves.toContain('failing on purpose');
  await expect(page.locator('pre').textContent()).resolves.toContain('"id": "evt-dead-1"');
  await page.screenshot({ path: artifactPath('webhook-console-delivery.png'), fullPage: true });
  flaky.setReply(() => 204);
  await page.click('a:text-is("Replay this delivery…")');
  await expect(page.locator('body').textContent()).resolves.toContain(`Send delivery ${deadIds[0]} (employee.updated for ${EVIL} Hopper) to Flaky receiver again, under the same event id evt-dead-1`);
  await submitForm(page);
  await expect(page.locator('[role=status]').textContent()).resolves.toBe(`Delivery ${deadIds[0]} is queued again.`);
  await dispatch();
  expect(flaky.events.map((e) => e.id)).toContain('evt-dead-1');

  // Recover every dead delivery since a date: the confirmation counts them first.
  await page.click('a:text-is("Endpoints")');
  await page.locator('tr', { hasText: 'Flaky receiver' }).locator('a:text-is("Recover…")').click();
  await page.fill('input[name=custpage_since]', '2026-01-01');
  await submitForm(page);
  await expect(page.locator('body').textContent()).resolves.toContain('Queue 1 failed or dead delivery of Flaky receiver created since 2026-01-01 00:00:00 again');
  await page.screenshot({ path: artifactPath('webhook-console-recover.png'), fullPage: true });
  await submitForm(page);
  await expect(page.locator('[role=status]').textContent()).resolves.toBe('Queued 1 deliveries again.');
  await dispatch();
  expect(flaky.events.map((e) => e.id)).toContain('evt-dead-2');

  // A test event, signed like the rest (the receiver verifies it with standardwebhooks).
  await page.locator('tr', { hasText: 'Good receiver' }).locator('a:text-is("Send test event")').click();
  await submitForm(page);
  await expect(page.locator('[role=status]').textContent()).resolves.toMatch(/^Test event \S+ is queued/);
  await dispatch();
  expect(good.events.filter((e) => e.type === 'employee.ping')).toHaveLength(1);
  expect(good.stats.rejected).toBe(0);

  // A secret rotation: both secrets sign until it is finished.
  await page.locator('tr', { hasText: 'Good receiver' }).locator('a:text-is("Rotate secret…")').click();
  await page.fill('input[name=custpage_next_secret]', 'custsecret_el_webhook_next');
  await submitForm(page);
  await submitForm(page);
  const [rotating] = w.account.query(`SELECT ${ENDPOINT.secret} AS secret, ${ENDPOINT.nextSecret} AS nextsecret FROM ${ENDPOINT_TYPE} WHERE name = 'Good receiver'`);
  expect(rotating).toEqual({ secret: 'custsecret_el_webhook_test', nextsecret: 'custsecret_el_webhook_next' });
  await page.locator('tr', { hasText: 'Good receiver' }).locator('a:text-is("Send test event")').click();
  await submitForm(page);
  await dispatch();
  // Still verified with the old secret: the request carried both signatures.
  expect(good.events.filter((e) => e.type === 'employee.ping')).toHaveLength(2);
  expect(good.stats.rejected).toBe(0);
  await page.locator('tr', { hasText: 'Good receiver' }).locator('a:text-is("Finish rotation")').click();
  await submitForm(page);
  const [rotated] = w.account.query(`SELECT ${ENDPOINT.secret} AS secret, ${ENDPOINT.nextSecret} AS nextsecret FROM ${ENDPOINT_TYPE} WHERE name = 'Good receiver'`);
  expect(rotated).toEqual({ secret: 'custsecret_el_webhook_next', nextsecret: null });

  // Disable says who and when; enable brings it back.
  await page.locator('tr', { hasText: 'Flaky receiver' }).locator('a:text-is("Disable")').click();
  await submitForm(page);
  await expect(page.locator('tr', { hasText: 'Flaky receiver' }).textContent()).resolves.toMatch(/Disabled: Disabled by Ada Admin \(user 1\) from the Webhook deliveries page/);
  await page.screenshot({ path: artifactPath('webhook-console-disabled.png'), fullPage: true });
  await page.locator('tr', { hasText: 'Flaky receiver' }).locator('a:text-is("Enable")').click();
  await submitForm(page);
  await expect(page.locator('tr', { hasText: 'Flaky receiver' }).textContent()).resolves.toContain('Enabled');
});

test('a bad filter value is answered with what to fix, and JSON says the same', async () => {
  const page = await browser.context.newPage();
  const url = w.account.suiteletUrl(CONSOLE, null, { custpage_view: 'deliveries', custpage_status: 'lost', custpage_from: '2026-13-45' });
  await page.goto(url);
  const alert = await page.locator('[role=alert]').textContent();
  expect(alert).toContain('Status "lost" is not one of pending, delivered, failed, dead.');
  expect(alert).toContain('From "2026-13-45" is not a date: write it as YYYY-MM-DD');
  await page.screenshot({ path: artifactPath('webhook-console-bad-filter.png'), fullPage: true });
  const json = await page.evaluate(async (u) => (await fetch(u)).json(), w.account.suiteletUrl(CONSOLE, null, { custpage_view: 'deliveries', custpage_status: 'lost', format: 'json' }));
  expect(json).toEqual({ problems: ['Status "lost" is not one of pending, delivered, failed, dead.'] });
});

test('a confirmation posted from another site changes nothing', async () => {
  const cookie = w.account.signIn({ email: 'ada.admin@example.com', password: 'Sandbox-Admin-1', role: 3 });
  const form = new URLSearchParams({ custpage_view: 'endpoints', custpage_action: 'disable', custpage_endpoint: String(flakyId), custpage_confirm: 'T' });
  const res = await fetch(w.account.suiteletUrl(CONSOLE, null), { method: 'POST', body: form, headers: { cookie, Origin: 'https://evil.example' } });
  expect(await res.text()).toContain('This action was not confirmed from this account&#39;s own page');
  expect(w.account.query(`SELECT isinactive FROM ${ENDPOINT_TYPE} WHERE id = ?`, [flakyId])).toEqual([{ isinactive: 'F' }]);
});

test('an HR user is refused the page', async () => {
  const other = await launchBrowser();
  try {
    const page = await other.context.newPage();
    const url = w.account.suiteletUrl(CONSOLE, null);
    await page.goto(url);
    await page.fill('input[name=email]', 'hannah.hr@example.com');
    await page.fill('input[name=password]', 'Sandbox-Hr-1');
    await page.click('#login-submit');
    await page.waitForLoadState('load');
    await expect(page.locator('body').textContent()).resolves.toContain('You do not have privileges to view this page.');
    await expect(page.locator('body').textContent()).resolves.not.toContain('Flaky receiver');
    await page.screenshot({ path: artifactPath('webhook-console-hr-refused.png'), fullPage: true });
  } finally {
    await other.close();
  }
});
