/**
 * REST web services authentication and error bodies, as an external client sees them: requests signed by
 * the published `oauth-1.0a` package (HMAC-SHA256 from node:crypto, realm set) must verify with no special
 * case, and every kind of bad request must be refused.
 */
import * as crypto from 'node:crypto';
import * as OAuth from 'oauth-1.0a';
import * as auth from '@employee-lifecycle/sandbox/http/auth';
import * as errors from '@employee-lifecycle/sandbox/rest-errors';

const ACCOUNT = '1234567_SB1';
const BASE = 'http://127.0.0.1:48123/services/rest';
const CONSUMER = { key: 'ck_integration_1', secret: 'cs-secret/with+odd&chars' };
const TOKEN = { key: 'tk_employee_42', secret: 'ts secret!*()' };
const NOW = new Date('2026-03-02T10:00:00Z');

type Headers = Record<string, string>;
type Signed = { method: string; url: string; headers: Headers; body?: string };

function hmacSha256(base: string, key: string): string {
  return crypto.createHmac('sha256', key).update(base).digest('base64');
}

function client(opts: { consumer?: typeof CONSUMER; realm?: string; method?: string; hash?: (b: string, k: string) => string } = {}) {
  return new OAuth({
    consumer: opts.consumer ?? CONSUMER,
    signature_method: opts.method ?? 'HMAC-SHA256',
    hash_function: opts.hash ?? hmacSha256,
    realm: opts.realm ?? ACCOUNT,
  });
}

/** Signs as a client would, with the clock pinned to `at` so timestamps are deterministic. */
function sign(req: { method: string; url: string; body?: string; contentType?: string; data?: Record<string, string> },
  opts: Parameters<typeof client>[0] & { token?: typeof TOKEN; at?: Date } = {}): Signed {
  const spy = jest.spyOn(Date.prototype, 'getTime').mockReturnValue((opts.at ?? NOW).valueOf());
  try {
    const oauth = client(opts);
    const data = oauth.authorize({ url: req.url, method: req.method, data: req.data }, opts.token ?? TOKEN);
    const headers: Headers = { ...oauth.toHeader(data) };
    if (req.contentType) headers['Content-Type'] = req.contentType;
    return { method: req.method, url: req.url, headers, body: req.body };
  } finally {
    spy.mockRestore();
  }
}

type VerifyInput = Parameters<typeof auth.verifyOAuth1>[0];

function verify(req: Signed, over: Partial<VerifyInput> = {}) {
  const seen = new Set<string>();
  return auth.verifyOAuth1({
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: req.body,
    accountId: ACCOUNT,
    lookupConsumer: (k: string) => (k === CONSUMER.key ? { secret: CONSUMER.secret } : null),
    lookupToken: (t: string) => (t === TOKEN.key ? { secret: TOKEN.secret, consumerKey: CONSUMER.key } : null),
    nonceSeen: (key: string, nonce: string, ts: string) => {
      const id = `${key}|${nonce}|${ts}`;
      const was = seen.has(id);
      seen.add(id);
      return was;
    },
    now: NOW,
    ...over,
  });
}

describe('TBA (OAuth 1.0a) requests signed by the oauth-1.0a package', () => {
  test('a GET with query parameters verifies and names the integration and token', () => {
    const req = sign({ method: 'GET', url: `${BASE}/record/v1/employee?limit=5&offset=10&fields=firstName,email` });
    expect(verify(req)).toEqual({ ok: true, consumerKey: CONSUMER.key, tokenId: TOKEN.key });
  });

  test('a POST with a JSON body verifies (the body is not part of the signature)', () => {
    const req = sign({
      method: 'POST', url: `${BASE}/query/v1/suiteql?limit=1000`,
      body: JSON.stringify({ q: "SELECT id FROM employee WHERE email = 'a@b.c'" }), contentType: 'application/json',
    });
    expect(verify(req)).toMatchObject({ ok: true });
  });

  test('a URL with characters that need encoding verifies', () => {
    const q = encodeURIComponent('email CONTAIN "o\'brien & co" + ü/é');
    const req = sign({ method: 'GET', url: `${BASE}/record/v1/employee?q=${q}&expandSubResources=true&x=%7E!*()` });
    expect(verify(req)).toMatchObject({ ok: true });
    const path = sign({ method: 'PATCH', url: `${BASE}/record/v1/employee/eid:${encodeURIComponent('Ann Lee/ü')}` });
    expect(verify(path)).toMatchObject({ ok: true });
  });

  test('a form-urlencoded POST includes its body parameters in the signature', () => {
    const body = 'name=Ann%20Lee&dept=R%26D';
    const req = sign({ method: 'POST', url: `${BASE}/record/v1/employee`, body, contentType: 'application/x-www-form-urlencoded',
      data: { name: 'Ann Lee', dept: 'R&D' } });
    expect(verify(req)).toMatchObject({ ok: true });
    expect(verify({ ...req, body: 'name=Ann%20Lee&dept=Sales' })).toMatchObject({ ok: false });
  });

  test('the base string matches RFC 5849 §3.4.1.1: host lowercased, default port dropped, + as space, name then value order', () => {
    const oauthParams = auth.parseOAuthHeader('OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", '
      + 'oauth_token="kkk9d7dh3k39sjv7", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", '
      + 'oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"');
    expect(auth.signatureBaseString({
      method: 'post', url: 'HTTP://EXAMPLE.COM:80/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', oauthParams, formBody: 'c2&a3=2+q',
    })).toBe('POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D'
      + '%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1'
      + '%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7');
  });

  test('our base string is the one the client signed', () => {
    const url = `${BASE}/record/v1/employee?q=${encodeURIComponent('a b&c')}&limit=2`;
    const oauth = client();
    const header = auth.parseOAuthHeader(oauth.toHeader(oauth.authorize({ url, method: 'get' }, TOKEN)).Authorization);
    const unsigned = Object.fromEntries(Object.entries(header).filter(([k]) => k.startsWith('oauth_') && k !== 'oauth_signature'));
    expect(auth.signatureBaseString({ method: 'get', url, oauthParams: header }))
      .toBe(oauth.getBaseString({ url, method: 'get', data: {} }, unsigned as unknown as OAuth.Data));
  });

  test('the realm may be written as the host spells it (1234567-sb1)', () => {
    expect(verify(sign({ method: 'GET', url: `${BASE}/record/v1/employee` }, { realm: '1234567-sb1' }))).toMatchObject({ ok: true });
  });
});

describe('refused TBA requests', () => {
  const url = `${BASE}/record/v1/employee?limit=5`;

  test('a wrong consumer secret', () => {
    const r = verify(sign({ method: 'GET', url }, { consumer: { ...CONSUMER, secret: 'not-it' } }));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('signature does not match') });
  });

  test('a wrong token secret', () => {
    const r = verify(sign({ method: 'GET', url }, { token: { ...TOKEN, secret: 'not-it' } }));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('signature does not match') });
  });

  test('a query parameter changed after signing', () => {
    const req = sign({ method: 'GET', url });
    expect(verify({ ...req, url: url.replace('limit=5', 'limit=1000') })).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
  });

  test('a method changed after signing', () => {
    const req = sign({ method: 'GET', url });
    expect(verify({ ...req, method: 'DELETE' })).toMatchObject({ ok: false });
  });

  test('a realm naming another account', () => {
    const r = verify(sign({ method: 'GET', url }, { realm: '7654321' }));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('realm 7654321') });
  });

  test('a timestamp more than five minutes off, either way', () => {
    expect(auth.TIMESTAMP_TOLERANCE_SECONDS).toBe(300);
    const at = (s: number) => new Date(NOW.valueOf() + s * 1000);
    expect(verify(sign({ method: 'GET', url }, { at: at(-301) }))).toMatchObject({ ok: false, reason: expect.stringContaining('behind') });
    expect(verify(sign({ method: 'GET', url }, { at: at(301) }))).toMatchObject({ ok: false, reason: expect.stringContaining('ahead') });
    expect(verify(sign({ method: 'GET', url }, { at: at(-299) }))).toMatchObject({ ok: true });
  });

  test('a nonce used a second time', () => {
    const req = sign({ method: 'GET', url });
    const seen = new Set<string>();
    const nonceSeen = (k: string, n: string, t: string) => seen.has(`${k}${n}${t}`) || (seen.add(`${k}${n}${t}`), false);
    expect(verify(req, { nonceSeen })).toMatchObject({ ok: true });
    expect(verify(req, { nonceSeen })).toMatchObject({ ok: false, reason: expect.stringContaining('nonce') });
  });

  test('a forged request does not burn the nonce of a real one', () => {
    const req = sign({ method: 'GET', url });
    const nonceSeen = jest.fn(() => false);
    verify({ ...req, url: `${url}&extra=1` }, { nonceSeen });
    expect(nonceSeen).not.toHaveBeenCalled();
  });

  test('HMAC-SHA1, which NetSuite stopped accepting in 2023.1', () => {
    const sha1 = (b: string, k: string) => crypto.createHmac('sha1', k).update(b).digest('base64');
    const r = verify(sign({ method: 'GET', url }, { method: 'HMAC-SHA1', hash: sha1 }));
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^HMAC-SHA1 signatures are no longer accepted/) });
  });

  test.each(['oauth_nonce', 'oauth_timestamp', 'oauth_token', 'oauth_signature', 'oauth_consumer_key', 'realm'])('a header without %s', (name) => {
    const req = sign({ method: 'GET', url });
    const without = req.headers.Authorization.replace(new RegExp(`,? ?${name}="[^"]*"`), '').replace('OAuth , ', 'OAuth ');
    expect(without).not.toContain(`${name}=`);
    expect(verify({ ...req, headers: { Authorization: without } })).toMatchObject({ ok: false, reason: expect.stringContaining(name) });
  });

  test('an unknown token, and a token issued to another integration', () => {
    const req = sign({ method: 'GET', url });
    expect(verify(req, { lookupToken: () => null })).toMatchObject({ ok: false, reason: expect.stringContaining('unknown or revoked token') });
    expect(verify(req, { lookupToken: () => ({ secret: TOKEN.secret, consumerKey: 'other' }) }))
      .toMatchObject({ ok: false, reason: expect.stringContaining('another integration') });
  });

  test.each([
    ['no header', {}],
    ['garbage', { Authorization: 'garbage' }],
    ['basic auth', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['unquoted values', { Authorization: 'OAuth realm=1234567_SB1, oauth_nonce=abc' }],
    ['bad percent-encoding', { Authorization: 'OAuth realm="1234567_SB1", oauth_nonce="%zz"' }],
  ])('%s', (_label, headers) => {
    expect(verify({ method: 'GET', url, headers: headers })).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});

describe('nonceMemory', () => {
  test('remembers a nonce per token while its timestamp can still be accepted', () => {
    let clock = NOW;
    const seen = auth.nonceMemory(() => clock);
    const ts = String(NOW.valueOf() / 1000);
    expect(seen('tk1', 'nonce-1', ts)).toBe(false);
    expect(seen('tk1', 'nonce-1', ts)).toBe(true);
    expect(seen('tk2', 'nonce-1', ts)).toBe(false);
    expect(seen('tk1', 'nonce-2', ts)).toBe(false);
    clock = new Date(NOW.valueOf() + (auth.TIMESTAMP_TOLERANCE_SECONDS + 1) * 1000);
    expect(seen('tk1', 'nonce-1', ts)).toBe(false);
  });
});

describe('parseOAuthHeader', () => {
  test('percent-decodes values and keeps the realm as written', () => {
    expect(auth.parseOAuthHeader('OAuth realm="1234567_SB1", oauth_token="a%2Bb%3D", oauth_nonce="n%20n"'))
      .toEqual({ realm: '1234567_SB1', oauth_token: 'a+b=', oauth_nonce: 'n n' });
  });

  test('refuses a missing header', () => {
    expect(() => auth.parseOAuthHeader(undefined as unknown as string)).toThrow('missing');
  });

  test.each([
    ['Bearer abc', 'OAuth scheme'],
    ['OAuth', 'no parameters'],
    ['OAuth oauth_nonce="a" oauth_token="b"', 'Malformed'],
    ['OAuth oauth_nonce="a", oauth_nonce="b"', 'more than once'],
    ['OAuth oauth_nonce="a",', 'ends with a comma'],
  ])('refuses %j with a message that says what is wrong', (header, message) => {
    expect(() => auth.parseOAuthHeader(header)).toThrow(message);
  });
});

describe('parseBearer', () => {
  test.each([
    [{ Authorization: 'Bearer eyJhbGciOi.eyJzdWIi.sig-_~+/=' }, 'eyJhbGciOi.eyJzdWIi.sig-_~+/='],
    [{ authorization: 'bearer abc123' }, 'abc123'],
    [{}, null],
    [{ Authorization: 'Bearer' }, null],
    [{ Authorization: 'Bearer two tokens' }, null],
    [{ Authorization: 'Bearer abc"def' }, null],
    [{ Authorization: 'OAuth realm="1"' }, null],
  ])('%j → %j', (headers, token) => {
    expect(auth.parseBearer(headers)).toBe(token);
  });
});

describe('NetSuite error bodies', () => {
  const details = (e: { body: Record<string, unknown> }) => (e.body['o:errorDetails'] as Array<Record<string, string>>)[0];

  test('restError builds the shape NetSuite sends', () => {
    expect(errors.restError(400, 'INVALID_CONTENT', 'Bad value.', { errorPath: 'item.items[0].item' })).toEqual({
      status: 400,
      headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=error; charset=UTF-8' },
      body: {
        type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
        title: 'Bad Request',
        status: 400,
        'o:errorDetails': [{ detail: 'Bad value.', 'o:errorPath': 'item.items[0].item', 'o:errorCode': 'INVALID_CONTENT' }],
      },
    });
    expect(errors.restError(418, 'X', 'y', { title: 'Teapot' }).body.title).toBe('Teapot');
    expect(() => errors.restError(200, 'X', 'y')).toThrow('4xx or 5xx');
  });

  test('invalidLogin: 401 INVALID_LOGIN, the same for every failure, with the challenge when asked', () => {
    const e = errors.invalidLogin({ realm: ACCOUNT });
    expect(e.status).toBe(401);
    expect(e.body).toMatchObject({ type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2', title: 'Unauthorized', status: 401 });
    expect(details(e)['o:errorCode']).toBe('INVALID_LOGIN');
    expect(details(e).detail).toMatch(/^Invalid login attempt\. For more details, see the Login Audit Trail/);
    expect(e.headers['WWW-Authenticate']).toBe(`OAuth realm="${ACCOUNT}", error="token_rejected", error_description="Invalid login attempt."`);
    expect(errors.invalidLogin({ scheme: 'Bearer', realm: '123456' }).headers['WWW-Authenticate'])
      .toBe('Bearer realm="123456", error="invalid_token", error_description="Invalid login attempt."');
    expect(errors.invalidLogin().headers['WWW-Authenticate']).toBeUndefined();
  });

  test('noPermission: 400 USER_ERROR', () => {
    const e = errors.noPermission();
    expect([e.status, e.body.title, details(e)['o:errorCode']]).toEqual([400, 'Bad Request', 'USER_ERROR']);
    expect(details(e).detail).toMatch(/^Your current role does not have permission to perform this action\./);
  });

  test('notFound: 404 NONEXISTENT_ID in NetSuite words', () => {
    const e = errors.notFound('employee', 999);
    expect(e.body).toMatchObject({ type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5', title: 'Not Found', status: 404 });
    expect(details(e)).toMatchObject({ 'o:errorCode': 'NONEXISTENT_ID', detail: 'The record instance does not exist. Provide a valid record instance ID.' });
  });

  test('tooManyRequests: 429 CONCURRENCY_LIMIT_EXCEEDED without Retry-After', () => {
    const e = errors.tooManyRequests();
    expect([e.status, e.body.status, e.body.title, details(e)['o:errorCode']]).toEqual([429, 429, 'Too Many Requests', 'CONCURRENCY_LIMIT_EXCEEDED']);
    expect(details(e).detail).toContain('Concurrent request limit exceeded');
    expect(Object.keys(e.headers).map((h) => h.toLowerCase())).not.toContain('retry-after');
  });

  test('invalidContent, methodNotAllowed, suiteqlError', () => {
    expect(details(errors.invalidContent())).toEqual({ detail: 'Invalid content in the request body.', 'o:errorCode': 'INVALID_CONTENT' });
    expect(details(errors.invalidContent('Bad date.', 'hireDate'))['o:errorPath']).toBe('hireDate');
    const m = errors.methodNotAllowed('put', ['GET', 'PATCH', 'DELETE']);
    expect([m.status, m.body.title, m.headers.Allow]).toEqual([405, 'Method Not Allowed', 'GET, PATCH, DELETE']);
    const q = errors.suiteqlError("Search error occurred: Unknown identifier 'x'.");
    expect(q.status).toBe(400);
    expect(details(q)).toEqual({
      detail: "Invalid search query. Detailed unprocessed description follows. Search error occurred: Unknown identifier 'x'.",
      'o:errorQueryParam': 'q', 'o:errorCode': 'INVALID_PARAMETER',
    });
  });
});
