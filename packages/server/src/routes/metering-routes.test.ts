import { routes } from '@billing-kit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { signTestToken, TEST_API_KEY } from '../test/tokens.js';

let harness: TestApp;
let member: string;
let stranger: string;
let admin: string;

beforeAll(async () => {
  harness = await createTestApp();
  member = await signTestToken({ sub: 'user_m', account_id: 'acct_m' });
  stranger = await signTestToken({ sub: 'user_s', account_id: 'acct_s' });
  admin = await signTestToken({ sub: 'ops', role: 'admin' });
});
afterAll(() => harness?.close());

const api = (path: string) => `/api/billing/accounts/acct_m${path}`;
const post = (path: string, json: unknown, options: { token?: string; apiKey?: string; key?: string } = {}) =>
  harness.server.request('POST', api(path), {
    json,
    ...(options.apiKey ? { apiKey: options.apiKey } : { token: options.token ?? member }),
    ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
  });
const get = (path: string, token = member) => harness.server.request('GET', api(path), { token });

describe('metering over HTTP', () => {
  it('check answers within its contract', async () => {
    const { status, body } = await post('/check', { feature: 'credits', amount: 2 });
    expect(status).toBe(200);
    expect(routes.check.responses[200].parse(body)).toMatchObject({ allowed: true, remaining: 5, limit: 5 });
  });

  it('track records once per Idempotency-Key and answers the same body to a retry', async () => {
    const first = await post('/track', { feature: 'credits', amount: 2 }, { key: 'evt-1' });
    const again = await post('/track', { feature: 'credits', amount: 2 }, { key: 'evt-1' });
    expect(first.status).toBe(200);
    expect(routes.track.responses[200].parse(first.body)).toMatchObject({
      remaining: 3,
      idempotencyKey: 'evt-1',
    });
    expect(again.body).toEqual(first.body);
  });

  it('track past the balance is 402 insufficient_credits with details', async () => {
    const { status, body } = await post('/track', { feature: 'credits', amount: 50 }, { key: 'evt-big' });
    expect(status).toBe(402);
    expect(body.error).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'credits', requested: 50, remaining: 3 },
    });
  });

  it('a limit past its cap is 402 quota_exceeded', async () => {
    const { status, body } = await post('/track', { feature: 'team_members', amount: 4 }, { key: 'seats' });
    expect(status).toBe(402);
    expect(body.error.code).toBe('quota_exceeded');
  });

  it('batch track answers per event, within its contract', async () => {
    const { status, body } = await post('/track/batch', {
      events: [
        { feature: 'api_calls', amount: 10, idempotencyKey: 'b1' },
        { feature: 'credits', amount: 99, idempotencyKey: 'b2' },
        { feature: 'api_calls', amount: 10, idempotencyKey: 'b1' },
      ],
    });
    expect(status).toBe(200);
    const parsed = routes.trackBatch.responses[200].parse(body);
    expect(parsed.results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(parsed.results[1]).toMatchObject({ ok: false, error: { code: 'insufficient_credits' } });
    expect(body.results[2].result).toEqual(body.results[0].result);
  });

  it('the server-to-server API key may track for any account', async () => {
    const { status } = await post(
      '/track',
      { feature: 'api_calls', amount: 1 },
      { apiKey: TEST_API_KEY, key: 'k-api' },
    );
    expect(status).toBe(200);
  });

  it('entitlements and usage answer within their contracts', async () => {
    const entitlements = await get('/entitlements');
    expect(entitlements.status).toBe(200);
    const parsed = routes.getEntitlements.responses[200].parse(entitlements.body);
    expect(parsed.planId).toBe('free');
    expect(parsed.entitlements.find((entry) => entry.feature === 'credits')).toMatchObject({
      limit: 5,
      used: 2,
      remaining: 3,
    });
    expect(parsed.entitlements.find((entry) => entry.feature === 'sso')).toMatchObject({ enabled: false });
    const usage = await get('/usage');
    expect(usage.status).toBe(200);
    const summary = routes.getUsage.responses[200].parse(usage.body);
    const apiCalls = summary.features.find((feature) => feature.feature === 'api_calls');
    expect(apiCalls).toMatchObject({ used: 11, limit: 1000, remaining: 989, reset: 'month' });
    expect(apiCalls?.daily).toHaveLength(1);
  });

  it('bad input is 400 naming the field', async () => {
    const noFeature = await post('/track', { amount: 0 }, { key: 'bad' });
    expect(noFeature.status).toBe(400);
    expect(noFeature.body.error.details.issues.map((issue: { field: string }) => issue.field).sort()).toEqual(
      ['body.amount', 'body.feature'],
    );
    const unknown = await post('/track', { feature: 'nope', amount: 1 }, { key: 'bad2' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].field).toBe('body.feature');
    const usage = await get('/usage?period=someday');
    expect(usage.status).toBe(400);
    expect(usage.body.error.details.issues[0].field).toBe('query.period');
  });

  it('no token is 401; another account is 404', async () => {
    const anonymous = await harness.server.request('POST', api('/check'), { json: { feature: 'credits' } });
    expect(anonymous.status).toBe(401);
    for (const path of ['/check', '/track']) {
      expect(
        (await post(path, { feature: 'credits', amount: 1 }, { token: stranger, key: 's' })).status,
      ).toBe(404);
    }
    expect((await get('/entitlements', stranger)).status).toBe(404);
    expect((await get('/usage', stranger)).status).toBe(404);
  });

  it('an admin may read any existing account', async () => {
    expect((await get('/entitlements', admin)).status).toBe(200);
  });
});

describe('reservations over HTTP', () => {
  let holder: string;
  beforeAll(async () => {
    holder = await signTestToken({ sub: 'user_r', account_id: 'acct_r' });
  });
  const call = (
    method: 'GET' | 'POST',
    path: string,
    options: { json?: unknown; token?: string; apiKey?: string; key?: string } = {},
  ) =>
    harness.server.request(method, `/api/billing/accounts/acct_r${path}`, {
      ...(options.json === undefined ? {} : { json: options.json }),
      ...(options.apiKey ? { apiKey: options.apiKey } : { token: options.token ?? holder }),
      ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
    });

  it('reserve holds units (201), a retried Idempotency-Key answers the same reservation, check counts it', async () => {
    const first = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 40 },
      key: 'job-1',
    });
    expect(first.status).toBe(201);
    const reservation = routes.reserve.responses[201].parse(first.body);
    expect(reservation).toMatchObject({
      feature: 'scraping_tasks',
      amount: 40,
      status: 'held',
      remaining: 60,
      idempotencyKey: 'job-1',
    });
    expect(Date.parse(reservation.expiresAt) - Date.parse(reservation.createdAt)).toBe(900_000);
    const again = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 40 },
      key: 'job-1',
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(reservation.id);
    const check = await call('POST', '/check', { json: { feature: 'scraping_tasks', amount: 61 } });
    expect(check.body).toMatchObject({ allowed: false, remaining: 60 });
    // Entitlements say it too: the held units are neither used nor remaining.
    const entitlements = routes.getEntitlements.responses[200].parse(
      (await call('GET', '/entitlements')).body,
    );
    expect(entitlements.entitlements.find((item) => item.feature === 'scraping_tasks')).toMatchObject({
      used: 0,
      remaining: 60,
      held: 40,
    });
    const other = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 41 },
      key: 'job-1',
    });
    expect(other.status).toBe(409);
  });

  it('list, confirm and release answer within their contracts', async () => {
    const { body: hold } = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 10, ttlSeconds: 60 },
      key: 'job-2',
    });
    const list = await call('GET', '/reservations');
    expect(list.status).toBe(200);
    const parsed = routes.listReservations.responses[200].parse(list.body);
    expect(parsed.data.map((item) => item.id)).toContain(hold.id);
    const confirmed = await call('POST', `/reservations/${hold.id}/confirm`, { json: { amount: 4 } });
    expect(confirmed.status).toBe(200);
    expect(routes.confirmReservation.responses[200].parse(confirmed.body)).toMatchObject({
      status: 'confirmed',
      confirmedAmount: 4,
    });
    const repeated = await call('POST', `/reservations/${hold.id}/confirm`, { json: { amount: 4 } });
    expect(repeated.body).toEqual(confirmed.body);
    expect((await call('POST', `/reservations/${hold.id}/release`)).status).toBe(409);
    const { body: second } = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 5 },
      apiKey: TEST_API_KEY,
    });
    const released = await call('POST', `/reservations/${second.id}/release`, { apiKey: TEST_API_KEY });
    expect(released.status).toBe(200);
    expect(routes.releaseReservation.responses[200].parse(released.body)).toMatchObject({
      status: 'released',
    });
  });

  it('past the balance is 402 insufficient_credits; confirming past it is 402 too', async () => {
    const big = await call('POST', '/reservations', { json: { feature: 'scraping_tasks', amount: 1000 } });
    expect(big.status).toBe(402);
    expect(big.body.error).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'scraping_tasks', requested: 1000 },
    });
    const { body: hold } = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 1 },
    });
    const over = await call('POST', `/reservations/${hold.id}/confirm`, { json: { amount: 1000 } });
    expect(over.status).toBe(402);
    expect(over.body.error.code).toBe('insufficient_credits');
  });

  it('bad input is 400 naming the fields; an unknown reservation is 404', async () => {
    const empty = await call('POST', '/reservations', { json: { amount: 0, ttlSeconds: 90_000 } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'body.amount',
      'body.feature',
      'body.ttlSeconds',
    ]);
    const limit = await call('POST', '/reservations', { json: { feature: 'projects', amount: 1 } });
    expect(limit.status).toBe(400);
    expect(limit.body.error.details.issues[0].field).toBe('body.feature');
    const badId = await call('POST', '/reservations/abc/confirm', { json: { amount: -1 } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'body.amount',
      'params.reservationId',
    ]);
    expect((await call('POST', '/reservations/987654/release')).status).toBe(404);
  });

  it('no token is 401; a member of another account is 404 and cannot settle its holds', async () => {
    const anonymous = await harness.server.request('GET', '/api/billing/accounts/acct_r/reservations');
    expect(anonymous.status).toBe(401);
    expect((await call('GET', '/reservations', { token: stranger })).status).toBe(404);
    const { body: hold } = await call('POST', '/reservations', {
      json: { feature: 'scraping_tasks', amount: 1 },
    });
    const foreign = await harness.server.request(
      'POST',
      `/api/billing/accounts/acct_s/reservations/${hold.id}/release`,
      {
        token: stranger,
      },
    );
    expect(foreign.status).toBe(404);
  });
});

describe('a feature priced in credits over HTTP', () => {
  let pooled: string;
  beforeAll(async () => {
    pooled = await signTestToken({ sub: 'user_p', account_id: 'acct_p' });
  });
  const call = (method: 'GET' | 'POST', path: string, json?: unknown, key?: string) =>
    harness.server.request(method, `/api/billing/accounts/acct_p${path}`, {
      token: pooled,
      ...(json === undefined ? {} : { json }),
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

  it('check, track, reserve, entitlements, usage and the catalog answer in pool units within their contracts', async () => {
    // The free tier's 5 credits a day; an image costs 5, a chat message 1.
    const check = await call('POST', '/check', { feature: 'image_generation', amount: 1 });
    expect(routes.check.responses[200].parse(check.body)).toMatchObject({
      allowed: true,
      requested: 1,
      remaining: 5,
      limit: 5,
    });
    const chat = await call('POST', '/track', { feature: 'chat_message', amount: 2 }, 'chat-1');
    expect(routes.track.responses[200].parse(chat.body)).toMatchObject({
      feature: 'chat_message',
      amount: 2,
      remaining: 3,
    });
    const image = await call('POST', '/track', { feature: 'image_generation', amount: 1 }, 'img-1');
    expect(image.status).toBe(402);
    expect(image.body.error).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'image_generation', requested: 1, remaining: 3, pool: 'credits', cost: 5 },
    });
    const hold = await call('POST', '/reservations', { feature: 'chat_message', amount: 2 });
    expect(hold.status).toBe(201);
    expect(routes.reserve.responses[201].parse(hold.body)).toMatchObject({
      feature: 'chat_message',
      amount: 2,
      remaining: 1,
    });
    const entitlements = routes.getEntitlements.responses[200].parse(
      (await call('GET', '/entitlements')).body,
    );
    expect(entitlements.entitlements.find((entry) => entry.feature === 'image_generation')).toMatchObject({
      remaining: 1,
      creditCost: { pool: 'credits', amount: 5 },
    });
    const usage = routes.getUsage.responses[200].parse((await call('GET', '/usage')).body);
    expect(usage.features.find((feature) => feature.feature === 'chat_message')).toMatchObject({
      used: 2,
      creditCost: { pool: 'credits', amount: 1 },
    });
    expect(usage.features.find((feature) => feature.feature === 'credits')).toMatchObject({ used: 2 });
    const catalog = await harness.server.request('GET', '/api/billing/catalog');
    const features = routes.getCatalog.responses[200].parse(catalog.body).features;
    expect(features.find((feature) => feature.key === 'image_generation')?.creditCost).toEqual({
      pool: 'credits',
      amount: 5,
    });
  });
});
