import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingApp } from './app.js';
import { serveForTest } from './test/http-client.js';
import { createTestApp, type TestApp } from './test/test-app.js';
import { signTestToken } from './test/tokens.js';

let harness: TestApp;
let memberToken: string;
const call = (...args: Parameters<TestApp['server']['request']>) => harness.server.request(...args);
const api = (path: string) => `/api/billing${path}`;

beforeAll(async () => {
  harness = await createTestApp();
  memberToken = await signTestToken({
    sub: 'user_1',
    account_id: 'acct_1',
    name: 'Ada',
    email: 'ada@example.com',
  });
});
afterAll(() => harness.close());

describe('operations endpoints', () => {
  it('answers /healthz and /readyz at the root and under the prefix', async () => {
    expect((await call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call('GET', api('/healthz'))).body).toEqual({ status: 'ok' });
    const ready = await call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('serves the OpenAPI document from the contracts', async () => {
    const { status, body } = await call('GET', api('/openapi.json'));
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toContain('/api/billing/accounts/{accountId}/subscription');
  });

  it('counts requests by route template in Prometheus metrics', async () => {
    expect((await call('GET', api('/catalog'))).status).toBe(200);
    const { status, text } = await call('GET', '/metrics');
    expect(status).toBe(200);
    expect(text).toMatch(/billing_http_requests_total\{method="GET",route="\/catalog",status="200"\} \d+/);
    expect(text).toContain('billing_http_request_duration_seconds_bucket');
  });

  it('sets helmet’s security headers', async () => {
    const { headers } = await call('GET', '/healthz');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-powered-by')).toBeNull();
  });
});

describe('request ids', () => {
  it('echoes a caller’s x-request-id and makes one up otherwise', async () => {
    const echoed = await call('GET', api('/catalog'), { headers: { 'x-request-id': 'req-abc.123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-abc.123');
    const generated = await call('GET', api('/catalog'));
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await call('GET', api('/catalog'), { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(unsafe.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });
});

describe('errors have one shape and never a stack', () => {
  it('answers an unknown route with not_found', async () => {
    const { status, body } = await call('GET', api('/nope'));
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('/nope') } });
    expect((await call('GET', '/elsewhere')).status).toBe(404);
  });

  it('answers malformed JSON with validation_failed naming the body', async () => {
    const { status, body } = await call('POST', api('/accounts/acct_1/checkout'), {
      token: memberToken,
      raw: '{"item": ',
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues).toEqual([{ field: 'body', message: expect.any(String) }]);
  });

  it('names every bad field of the input and writes nothing', async () => {
    const token = await signTestToken({ sub: 'user_bad', account_id: 'acct_bad_input' });
    const { status, body } = await call('POST', api('/accounts/acct_bad_input/checkout'), {
      token,
      json: { item: { kind: 'plan', interval: 'weekly' }, successUrl: 'not a url' },
    });
    expect(status).toBe(400);
    const fields = body.error.details.issues.map((issue: { field: string }) => issue.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.item.planId', 'body.item.interval', 'body.successUrl']),
    );
    const { rowCount } = await harness.db.query(`SELECT 1 FROM accounts WHERE id = 'acct_bad_input'`);
    expect(rowCount).toBe(0);
  });

  it('names a bad query parameter', async () => {
    const { status, body } = await call('GET', api('/accounts/acct_1/invoices?limit=5000'), {
      token: memberToken,
    });
    expect(status).toBe(400);
    expect(body.error.details.issues[0].field).toBe('query.limit');
  });

  it('hides unexpected failures behind internal and the request id', async () => {
    const brokenApp = createBillingApp({
      database: harness.db,
      logger: pino({ level: 'silent' }),
      identify: () => {
        throw new Error('secret internals at /srv/app.ts:12');
      },
    });
    const broken = await serveForTest(brokenApp);
    try {
      const response = await broken.request('GET', api('/me'), { headers: { 'x-request-id': 'req-500' } });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        error: { code: 'internal', message: expect.any(String), details: { requestId: 'req-500' } },
      });
      expect(response.text).not.toContain('secret internals');
    } finally {
      await broken.close();
    }
  });
});

describe('Stripe-backed endpoints without a Stripe key', () => {
  it('answer not_configured naming the missing variable', async () => {
    const { status, body } = await call('POST', api('/accounts/acct_1/portal'), {
      token: memberToken,
      json: { returnUrl: 'https://app.example.com/billing' },
    });
    expect(status).toBe(503);
    expect(body.error).toMatchObject({ code: 'not_configured', details: { missing: ['STRIPE_SECRET_KEY'] } });
  });
});

describe('rate limits', () => {
  it('answers rate_limited with retryAfterSeconds once checkout is hammered', async () => {
    const token = await signTestToken({ sub: 'user_hammer', account_id: 'acct_hammer' });
    const send = () =>
      call('POST', api('/accounts/acct_hammer/checkout'), {
        token,
        json: {
          item: { kind: 'credit_pack', packId: 'credits_50' },
          successUrl: 'https://a.example/ok',
          cancelUrl: 'https://a.example/no',
        },
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) statuses.push((await send()).status);
    expect(statuses).not.toContain(429);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'rate_limited',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });
});

describe('catalog', () => {
  it('lists plans, packs and add-ons from the database, filtered by type', async () => {
    const packs = await call('GET', api('/packages?type=credit_pack'));
    expect(packs.status).toBe(200);
    expect(packs.body.data.length).toBeGreaterThan(0);
    expect(packs.body.data.every((item: { type: string }) => item.type === 'credit_pack')).toBe(true);
    const catalog = await call('GET', api('/catalog'));
    expect(catalog.body.plans.map((plan: { id: string }) => plan.id)).toContain('free');
    expect((await call('GET', api('/packages/no_such_pack'))).status).toBe(404);
  });
});

describe('account', () => {
  it('provisions the caller’s account on first sight and shows the free tier', async () => {
    const me = await call('GET', api('/me'), { token: memberToken });
    expect(me.body).toEqual({
      userId: 'user_1',
      role: 'member',
      account: { id: 'acct_1', name: 'Ada', email: 'ada@example.com' },
    });
    const { status, body } = await call('GET', api('/accounts/acct_1/subscription'), { token: memberToken });
    expect(status).toBe(200);
    expect(body).toMatchObject({ accountId: 'acct_1', planId: 'free', status: 'free', addOns: [] });
  });
});
