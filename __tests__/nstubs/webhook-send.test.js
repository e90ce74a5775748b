/**
 * The compiled webhook sender (webhooks/send.js) with Oracle's N/* stubs: the HTTPS request it builds is
 * what a Standard Webhooks receiver accepts. The HMAC stand-in computes a real HMAC, so the receiver's
 * own verification (the standardwebhooks package) is the assertion.
 */
/* global describe, it, expect, jest, beforeEach */
const { createHmac } = require('node:crypto');
const { Webhook } = require('standardwebhooks');
const crypto = require('N/crypto');
const https = require('N/https');
const { send } = require('SuiteScripts/employee_lifecycle/webhooks/send');

jest.mock('N/crypto');
jest.mock('N/https');

/** API secret script id → the signing key (base64, as the endpoint's API secret holds it). */
const SECRETS = {
  custsecret_el_wh_current: Buffer.from('current signing key, 32 bytes!!!').toString('base64'),
  custsecret_el_wh_next: Buffer.from('next signing key during rotation').toString('base64'),
};

beforeEach(() => {
  jest.clearAllMocks();
  // N/crypto as NetSuite runs it: a key stands for an API secret; the HMAC is computed with that secret.
  crypto.createSecretKey.mockImplementation((o) => ({ secret: o.secret, encoding: o.encoding }));
  crypto.createHmac.mockImplementation((o) => {
    if (o.algorithm !== crypto.HashAlg.SHA256) throw new Error(`unexpected algorithm ${o.algorithm}`);
    const h = createHmac('sha256', Buffer.from(SECRETS[o.key.secret], 'base64'));
    return { update: (u) => h.update(u.input, 'utf8'), digest: () => h.digest('base64') };
  });
  https.post.mockReturnValue({ code: 200, headers: {}, body: '' });
});

const event = (secretIds) => ({
  url: 'https://hooks.example.com/netsuite',
  eventId: 'evt_2f1c',
  now: new Date(),
  body: JSON.stringify({ specversion: '1.0', id: 'evt_2f1c', type: 'employee.created' }),
  secretIds,
});

/** The one request https.post was asked to send. */
function sentRequest() {
  expect(https.post).toHaveBeenCalledTimes(1);
  return https.post.mock.calls[0][0];
}

describe('webhook send under @oracle/suitecloud-unit-testing', () => {
  it('posts the body to the endpoint with headers a Standard Webhooks receiver verifies', () => {
    const o = event(['custsecret_el_wh_current']);
    const result = send(o);

    const req = sentRequest();
    expect(req.url).toBe(o.url);
    expect(req.body).toBe(o.body);
    expect(req.headers['webhook-id']).toBe(o.eventId);
    expect(req.headers['webhook-timestamp']).toBe(String(Math.floor(o.now.getTime() / 1000)));
    expect(req.headers['Content-Type']).toMatch(/^application\/cloudevents\+json/);
    const receiver = new Webhook(SECRETS.custsecret_el_wh_current);
    expect(receiver.verify(req.body, req.headers)).toEqual(JSON.parse(o.body));
    expect(result).toEqual({ code: 200, error: null, retryAfter: null, response: '' });
  });

  it('signs with both secrets while one is rotated, so either receiver key verifies', () => {
    send(event(['custsecret_el_wh_current', 'custsecret_el_wh_next']));

    const req = sentRequest();
    expect(req.headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const key of Object.values(SECRETS)) expect(() => new Webhook(key).verify(req.body, req.headers)).not.toThrow();
    expect(() => new Webhook(Buffer.from('some other key').toString('base64')).verify(req.body, req.headers)).toThrow();
  });

  it('reports a receiver error and a transport error instead of throwing', () => {
    https.post.mockReturnValueOnce({ code: 503, headers: {}, body: 'busy' });
    expect(send(event(['custsecret_el_wh_current']))).toEqual({ code: 503, error: 'HTTP 503: busy', retryAfter: null, response: 'busy' });

    https.post.mockReturnValueOnce({ code: 429, headers: { 'retry-after': '30' }, body: 'slow down' });
    expect(send(event(['custsecret_el_wh_current']))).toMatchObject({ code: 429, retryAfter: '30' });

    https.post.mockImplementationOnce(() => {
      throw Object.assign(new Error('Connection timed out'), { name: 'SSS_REQUEST_TIME_EXCEEDED' });
    });
    expect(send(event(['custsecret_el_wh_current']))).toEqual({ code: null, error: 'SSS_REQUEST_TIME_EXCEEDED: Connection timed out', retryAfter: null, response: null });
  });
});
