/**
 * The webhook logic that needs no NetSuite: classifying a save, the signed request a receiver verifies
 * with the published `standardwebhooks` package, the CloudEvent the `cloudevents` SDK parses, the retry
 * schedule and endpoint validation.
 */
import * as crypto from 'node:crypto';
import { HTTP } from 'cloudevents';
import { Webhook } from 'standardwebhooks';
import { classify } from '../../src/webhooks/classify';
import { CONTENT_TYPE, employeeEvent } from '../../src/webhooks/cloudevent';
import { endpointConfig, endpointProblems, typesFor } from '../../src/webhooks/endpoint-config';
import { appendAttempt, MAX_ENTRIES } from '../../src/webhooks/attempt-log';
import { afterAttempt, DISABLE_AFTER_MS, MAX_ATTEMPTS, RETRY_DELAYS_MS, retryAfterMs } from '../../src/webhooks/retry';
import { signatureHeaders } from '../../src/webhooks/signature';
import type { EmployeeSnapshot } from '../../src/webhooks/snapshot';

const base: EmployeeSnapshot = {
  id: '7', entityId: 'Grace Hopper', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', title: 'Engineer',
  isInactive: false, giveAccess: true, releaseDate: null, hireDate: '2020-01-06',
  subsidiary: { id: '1', refName: 'Parent' }, department: { id: '1', refName: 'Engineering' }, location: null, supervisor: null,
  roles: [{ id: '3', refName: 'Administrator' }],
};

describe('classify', () => {
  test('create, delete, and an edit that changes nothing', () => {
    expect(classify('create', null, base).types).toEqual(['employee.created']);
    expect(classify('create', null, base).changes.firstName).toEqual({ old: null, new: 'Grace' });
    expect(classify('delete', base, base).types).toEqual(['employee.deleted']);
    expect(classify('edit', base, { ...base })).toEqual({ types: [], changes: {} });
  });

  test('offboarding yields deactivated and access_revoked, with both changes', () => {
    const r = classify('edit', base, { ...base, isInactive: true, giveAccess: false });
    expect(r.types).toEqual(['employee.updated', 'employee.deactivated', 'employee.access_revoked']);
    expect(r.changes).toEqual({ isInactive: { old: false, new: true }, giveAccess: { old: true, new: false } });
  });

  test('reactivation, access granted, roles changed; references compare by id', () => {
    const off = { ...base, isInactive: true, giveAccess: false, roles: [] };
    expect(classify('xedit', off, { ...off, isInactive: false }).types).toEqual(['employee.updated', 'employee.reactivated']);
    expect(classify('edit', off, { ...off, giveAccess: true }).types).toEqual(['employee.updated', 'employee.access_granted']);
    expect(classify('edit', base, { ...base, roles: [] }).types).toEqual(['employee.updated', 'employee.roles_changed']);
    expect(classify('edit', base, { ...base, department: { id: '1', refName: 'Renamed' } }).types).toEqual([]);
    expect(classify('edit', base, { ...base, department: { id: '2', refName: 'Sales' } }).changes.department).toEqual({
      old: { id: '1', refName: 'Engineering' }, new: { id: '2', refName: 'Sales' },
    });
  });
});

describe('signed CloudEvent', () => {
  const key = crypto.randomBytes(32);
  const secret = `whsec_${key.toString('base64')}`;
  const event = employeeEvent({
    id: 'evt_1', accountId: 'TSTDRV1234567', type: 'employee.deactivated', time: new Date('2026-11-23T10:00:00Z'),
    employee: { ...base, isInactive: true }, changes: { isInactive: { old: false, new: true } },
    context: { foundBy: 'userEvent', executionContext: 'MAPREDUCE', user: '1', role: '3' },
  });
  const body = JSON.stringify(event);
  const hmac = (k: Buffer) => (_id: string, content: string) => crypto.createHmac('sha256', k).update(content).digest('base64');

  test('the standardwebhooks package verifies it and the cloudevents SDK reads it', () => {
    const ts = Math.floor(Date.now() / 1000);
    const headers = signatureHeaders({ id: event.id, timestamp: ts, body, secretIds: ['custsecret_el_a'], hmac: hmac(key) });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    const ce = HTTP.toEvent({ headers: { 'content-type': CONTENT_TYPE }, body }) as any;
    expect(ce.type).toBe('employee.deactivated');
    expect(ce.subject).toBe('7');
    expect(ce.source).toBe('netsuite://tstdrv1234567/employee');
    expect(ce.data.employee.isInactive).toBe(true);
  });

  test('during rotation either secret verifies; a tampered body does not', () => {
    const other = crypto.randomBytes(32);
    const ts = Math.floor(Date.now() / 1000);
    const keys: Record<string, Buffer> = { custsecret_el_old: key, custsecret_el_new: other };
    const headers = signatureHeaders({ id: 'evt_2', timestamp: ts, body, secretIds: ['custsecret_el_old', 'custsecret_el_new'],
      hmac: (id, c) => crypto.createHmac('sha256', keys[id]).update(c).digest('base64') });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(`whsec_${other.toString('base64')}`).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(secret).verify(body.replace('"7"', '"8"'), headers)).toThrow();
  });
});

describe('retry schedule', () => {
  test('Standard Webhooks delays, then dead after the eighth attempt; 2xx delivers; 410 is gone', () => {
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(afterAttempt(1, 500, 1000)).toEqual({ kind: 'retry', at: 6000 });
    expect(afterAttempt(2, null, 0)).toEqual({ kind: 'retry', at: 300000 });
    expect(afterAttempt(MAX_ATTEMPTS, 503, 0)).toEqual({ kind: 'dead' });
    expect(afterAttempt(3, 204, 0)).toEqual({ kind: 'delivered' });
    expect(afterAttempt(3, 410, 0)).toEqual({ kind: 'gone' });
    expect(afterAttempt(1, 302, 0).kind).toBe('retry');
  });

  test('an endpoint is disabled only after longer than the whole schedule (Svix: 5 days)', () => {
    expect(DISABLE_AFTER_MS).toBe(5 * 86400000);
    expect(DISABLE_AFTER_MS).toBeGreaterThan(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
  });

  test('Retry-After: seconds or an HTTP date, bounded to 1 s … 24 h; used on 429 and 503 only', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:05:00 GMT', now)).toBe(300000);
    expect(retryAfterMs('0', now)).toBe(1000);
    expect(retryAfterMs(String(7 * 86400), now)).toBe(86400000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    expect(afterAttempt(1, 429, 0, 120000)).toEqual({ kind: 'retry', at: 120000 });
    expect(afterAttempt(1, 503, 0, 60000)).toEqual({ kind: 'retry', at: 60000 });
    expect(afterAttempt(1, 500, 0, 60000)).toEqual({ kind: 'retry', at: 5000 });
    expect(afterAttempt(MAX_ATTEMPTS, 429, 0, 1000)).toEqual({ kind: 'dead' });
  });
});

describe('attempt log', () => {
  const attempt = (n: number) => ({ at: new Date(n * 1000).toISOString(), code: 500, ms: n, error: 'HTTP 500', retryAfter: null, response: 'x' });

  test('appends, keeps the newest entries, and starts afresh from an unreadable log', () => {
    let log = '';
    for (let n = 1; n <= MAX_ENTRIES + 5; n++) log = appendAttempt(log, attempt(n));
    const kept = JSON.parse(log) as Array<{ ms: number }>;
    expect(kept).toHaveLength(MAX_ENTRIES);
    expect(kept[0].ms).toBe(6);
    expect(kept[kept.length - 1].ms).toBe(MAX_ENTRIES + 5);
    expect(JSON.parse(appendAttempt('not json', attempt(1)))).toEqual([attempt(1)]);
  });
});

describe('endpoint configuration', () => {
  const good = { name: 'IdP', url: 'https://hooks.example.com/ns', secretId: 'custsecret_el_idp', nextSecretId: '', eventTypes: 'employee.created, employee.deactivated', watchedFields: '', active: true };

  test('a good endpoint has no problems', () => {
    expect(endpointProblems(good)).toEqual([]);
    expect(endpointConfig({ ...good, eventTypes: 'employee.*' }).eventTypes).toHaveLength(9);
  });

  test.each([
    [{ url: 'http://hooks.example.com' }, /not https/],
    [{ url: 'hooks example' }, /not a valid URL/],
    [{ url: '' }, /URL is empty/],
    [{ eventTypes: 'employee.fired' }, /Event type "employee.fired" is unknown/],
    [{ eventTypes: '' }, /Event types is empty/],
    [{ secretId: '' }, /Signing secret is empty/],
    [{ secretId: 'whsec_abc' }, /not an API secret script id/],
    [{ watchedFields: 'salary' }, /Watched field "salary" is unknown/],
  ])('%o is refused with what to fix', (change, message) => {
    const problems = endpointProblems({ ...good, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  test('watched fields filter updates but not creates', () => {
    const ep = endpointConfig({ ...good, eventTypes: 'employee.*', watchedFields: 'isInactive giveAccess' });
    expect(typesFor(ep, ['employee.updated'], ['title'])).toEqual([]);
    expect(typesFor(ep, ['employee.updated', 'employee.deactivated'], ['isInactive'])).toEqual(['employee.updated', 'employee.deactivated']);
    expect(typesFor(ep, ['employee.created'], ['title'])).toEqual(['employee.created']);
    expect(typesFor(endpointConfig(good), ['employee.updated', 'employee.deactivated'], ['isInactive'])).toEqual(['employee.deactivated']);
  });
});
