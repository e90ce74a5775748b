/**
 * Webhook forgery, tried as an HR user would: a role that may edit employees, log in over REST with a
 * token, and holds Custom Record Entries (Full). It cannot create or edit a delivery (a forged event or a
 * resend), create an endpoint that points at its own server, re-point the admin's endpoint, swap its
 * secret, or read the queued payloads: the webhook records use a permission list that names only the
 * bundle's own role. Its employee saves still reach the admin's receiver, through the user event's
 * Execute as Role.
 */
import * as fs from 'node:fs';
import { tba, type TbaCredentials } from '../helpers/rest-client';
import { DELIVERY_TYPE, ENDPOINT_TYPE, webhookWorld, type Receiver, type WebhookWorld } from '../helpers/webhook-account';
import { DELIVERY, DISPATCH, ENDPOINT, OUTBOX } from '../../src/webhooks/ids';
import { DEMO_ACCOUNT } from '@employee-lifecycle/sandbox';

import * as YAML from 'yaml';

const HR_TOKEN: TbaCredentials = {
  realm: 'TSTDRV1234567',
  consumerKey: 'demo-consumer-key-employee-sync-0001',
  consumerSecret: 'demo-consumer-secret-employee-sync-0001',
  tokenId: 'forgery-test-token-hannah-hr-0001',
  tokenSecret: 'forgery-test-token-secret-hannah-hr-0001',
};

/** The demo account, with the HR role able to log in over REST and holding Custom Record Entries (Full). */
function accountWithPowerfulHr(): Record<string, any> {
  const data = YAML.parse(fs.readFileSync(DEMO_ACCOUNT, 'utf8'));
  const hr = data.roles.find((r: { scriptid: string }) => r.scriptid === 'customrole_el_hr');
  Object.assign(hr.permissions, { ADMI_RESTWEBSERVICES: 'FULL', ADMI_LOGIN_OAUTH: 'FULL', LIST_CUSTRECORDENTRY: 'FULL' });
  data.tokens.push({ id: 10, name: 'Hannah HR token', user: 5, role: 'customrole_el_hr', integration: 1, tokenId: HR_TOKEN.tokenId, tokenSecret: HR_TOKEN.tokenSecret });
  return data;
}

let w: WebhookWorld;
let admins: Receiver;
let attackers: Receiver;
let endpointId: number;
const asHr = tba(HR_TOKEN);
const url = (p: string) => `${w.account.url}/services/rest${p}`;
const refusal = (r: { status: number; body: any }) => ({ status: r.status, code: r.body?.['o:errorDetails']?.[0]?.['o:errorCode'] });
const REFUSED = { status: 400, code: 'INSUFFICIENT_PERMISSION' };

async function dispatch() {
  await w.account.tasks.idle();
  await w.account.mapReduce.run(DISPATCH.script, DISPATCH.onDemand);
}

beforeAll(async () => {
  w = await webhookWorld({ account: accountWithPowerfulHr() });
  admins = await w.receiver();
  attackers = await w.receiver();
  endpointId = await w.endpoint(admins.url);
  // One real event, delivered, for the resend attempt below.
  await w.account.records.update('employee', 3, { title: 'Principal Engineer' });
  await dispatch();
});
afterAll(() => w?.close());

describe('an HR role with Custom Record Entries (Full) and a REST token', () => {
  test('the token works: it reads and edits employees', async () => {
    expect((await asHr('GET', url('/record/v1/employee/3'))).status).toBe(200);
  });

  test('cannot queue a forged event', async () => {
    const forged = await asHr('POST', url(`/record/v1/${DELIVERY_TYPE}`), {
      name: 'forged', [DELIVERY.eventId]: 'evt_forged', [DELIVERY.endpoint]: { id: String(endpointId) },
      [DELIVERY.eventType]: 'employee.access_granted', [DELIVERY.status]: 'pending',
      [DELIVERY.payload]: JSON.stringify({ specversion: '1.0', id: 'evt_forged', type: 'employee.access_granted' }),
    });
    expect(refusal(forged)).toEqual(REFUSED);
    expect(forged.body['o:errorDetails'][0].detail).toMatch(/Permission Violation: You need a higher level of the 'Webhook Delivery' permission \(CREATE\)/);
  });

  test('cannot queue a forged save in the outbox, which the dispatcher would expand and send', async () => {
    const forged = await asHr('POST', url(`/record/v1/${OUTBOX.type}`), {
      name: 'forged', [OUTBOX.employee]: 3,
      [OUTBOX.events]: JSON.stringify([{ id: 'evt_forged_outbox', type: 'employee.access_granted', body: '{}' }]),
    });
    expect(refusal(forged)).toEqual(REFUSED);
    expect(w.account.query(`SELECT COUNT(*) AS n FROM ${OUTBOX.type} WHERE name = ?`, ['forged'])).toEqual([{ n: 0 }]);
  });

  test('cannot set a delivered event back to pending, nor read what was sent', async () => {
    const [delivered] = w.account.query(`SELECT id FROM ${DELIVERY_TYPE} WHERE ${DELIVERY.status} = 'delivered'`) as Array<{ id: number }>;
    expect(delivered).toBeDefined();
    expect(refusal(await asHr('PATCH', url(`/record/v1/${DELIVERY_TYPE}/${delivered.id}`), { [DELIVERY.status]: 'pending' }))).toEqual(REFUSED);
    expect(refusal(await asHr('GET', url(`/record/v1/${DELIVERY_TYPE}/${delivered.id}`)))).toEqual(REFUSED);
    const viaSuiteQL = await asHr('POST', url('/query/v1/suiteql'), { q: `SELECT ${DELIVERY.payload} FROM ${DELIVERY_TYPE}` }, { Prefer: 'transient' });
    expect(viaSuiteQL.status).toBe(400);
    expect(JSON.stringify(viaSuiteQL.body)).not.toContain('specversion');
  });

  test("cannot create an endpoint of its own, re-point the admin's, or swap its signing secret", async () => {
    expect(refusal(await asHr('POST', url(`/record/v1/${ENDPOINT_TYPE}`), {
      name: 'mine', [ENDPOINT.url]: attackers.url, [ENDPOINT.secret]: 'custsecret_el_webhook_test', [ENDPOINT.eventTypes]: 'employee.*',
    }))).toEqual(REFUSED);
    expect(refusal(await asHr('PATCH', url(`/record/v1/${ENDPOINT_TYPE}/${endpointId}`), { [ENDPOINT.url]: attackers.url }))).toEqual(REFUSED);
    expect(refusal(await asHr('PATCH', url(`/record/v1/${ENDPOINT_TYPE}/${endpointId}`), { [ENDPOINT.secret]: 'custsecret_el_webhook_demo' }))).toEqual(REFUSED);
  });

  test('the same refusals in the UI', async () => {
    const as = { as: { user: 5, role: 1003 } };
    await expect(w.account.records.create(ENDPOINT_TYPE, { name: 'ui', [ENDPOINT.url]: attackers.url, [ENDPOINT.secret]: 'custsecret_el_webhook_test', [ENDPOINT.eventTypes]: 'employee.*' }, as))
      .rejects.toMatchObject({ code: 'INSUFFICIENT_PERMISSION' });
    await expect(w.account.records.update(ENDPOINT_TYPE, endpointId, { [ENDPOINT.url]: attackers.url }, as)).rejects.toMatchObject({ code: 'INSUFFICIENT_PERMISSION' });
  });

  test("its employee saves still reach the admin's receiver, and nothing else reaches anyone", async () => {
    const before = admins.events.length;
    expect((await asHr('PATCH', url('/record/v1/employee/3'), { title: 'Distinguished Engineer' })).status).toBe(204);
    await dispatch();
    const fresh = admins.events.slice(before);
    expect(fresh.map((e) => [e.type, e.data.employee.title, e.data.context])).toEqual([
      ['employee.updated', 'Distinguished Engineer', { foundBy: 'userEvent', executionContext: 'RESTWEBSERVICES', user: '5', role: '1003' }],
    ]);
    expect(admins.stats.rejected).toBe(0);
    expect(admins.events.filter((e) => e.id === 'evt_forged' || e.id === 'evt_forged_outbox' || e.type === 'employee.access_granted')).toEqual([]);
    expect(attackers.events).toEqual([]);
    expect(attackers.stats.requests).toBe(0);
    const [endpoint] = w.account.query(`SELECT ${ENDPOINT.url} AS url, ${ENDPOINT.secret} AS secret FROM ${ENDPOINT_TYPE} WHERE id = ?`, [endpointId]);
    expect(endpoint).toEqual({ url: admins.url, secret: 'custsecret_el_webhook_test' });
  });
});
