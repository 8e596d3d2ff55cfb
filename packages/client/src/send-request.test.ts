// @vitest-environment node
import { errorBody, routes } from '@billing-kit/contracts';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BillingApiError, BillingNetworkError } from './billing-api-error.js';
import { createBillingClient } from './create-billing-client.js';

const baseUrl = 'http://billing.test/api/billing';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const client = createBillingClient({ baseUrl, retry: fastRetry, getToken: () => 'user-token' });

const subscription = {
  accountId: 'acc 1',
  planId: 'free',
  planName: 'Free',
  status: 'free',
  interval: null,
  price: null,
  currentPeriodStart: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  canceledAt: null,
  trialEnd: null,
  addOns: [],
  accessLimited: false,
};
const trackResult = {
  id: 'ue_1',
  idempotencyKey: 'k',
  feature: 'credits',
  amount: 2,
  recordedAt: '2026-11-23T12:00:00.000Z',
  unlimited: false,
  remaining: 3,
  resetsAt: null,
  overageUnits: 0,
};

/** Counts calls to one route and answers from a list, the last answer repeating. */
function answering(method: 'get' | 'post', path: string, answers: (() => Response)[]) {
  const seen: Request[] = [];
  server.use(
    http[method](`${baseUrl}${path}`, ({ request }) => {
      seen.push(request.clone());
      const answer = answers[Math.min(seen.length, answers.length) - 1];
      if (!answer) throw new Error('no answer');
      return answer();
    }),
  );
  return seen;
}

describe('requests', () => {
  test('path params are encoded, query strings built, the bearer token sent', async () => {
    const seen = answering('get', '/accounts/:accountId/invoices', [
      () => HttpResponse.json({ data: [], nextCursor: null, hasMore: false }),
    ]);
    await client.listInvoices({ accountId: 'acc/1', limit: 5, cursor: 'c 2' });
    const url = new URL(seen[0]?.url ?? '');
    expect(url.pathname).toBe('/api/billing/accounts/acc%2F1/invoices');
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: '5', cursor: 'c 2' });
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer user-token');
    expect(seen[0]?.headers.get('idempotency-key')).toBeNull();
  });

  test('mutations send their body and an Idempotency-Key, generated or the caller’s', async () => {
    const seen = answering('post', '/accounts/:accountId/track', [() => HttpResponse.json(trackResult)]);
    await client.track({ accountId: 'acc_1', feature: 'credits', amount: 2 });
    await client.track({ accountId: 'acc_1', feature: 'credits', amount: 2 });
    await client.track({ accountId: 'acc_1', feature: 'credits', amount: 2 }, { idempotencyKey: 'job-42' });
    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe('job-42');
    expect(await seen[0]?.json()).toEqual({ feature: 'credits', amount: 2 });
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
  });

  test('the server-to-server API key goes in its own header', async () => {
    const seen = answering('post', '/accounts/:accountId/track', [() => HttpResponse.json(trackResult)]);
    await createBillingClient({ baseUrl, apiKey: 'sk_billing_1' }).track({
      accountId: 'a',
      feature: 'credits',
      amount: 1,
    });
    expect(seen[0]?.headers.get('x-billing-api-key')).toBe('sk_billing_1');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
  });

  test('with the route table, responses are parsed by the contract, and a stray answer is an error naming the field', async () => {
    const validating = createBillingClient({ baseUrl, retry: fastRetry, validateResponses: routes });
    answering('get', '/accounts/:accountId/subscription', [() => HttpResponse.json(subscription)]);
    await expect(validating.getSubscription({ accountId: 'acc 1' })).resolves.toEqual(subscription);
    answering('get', '/accounts/:accountId/subscription', [
      () => HttpResponse.json({ ...subscription, status: 'late' }),
    ]);
    const error = await validating.getSubscription({ accountId: 'acc 1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillingApiError);
    expect((error as BillingApiError).details?.issues?.[0]?.field).toBe('response.status');
  });

  test('without it, answers are taken as the server sent them, but one that is not JSON is an error', async () => {
    answering('get', '/accounts/:accountId/subscription', [
      () => HttpResponse.json({ ...subscription, status: 'late' }),
    ]);
    await expect(client.getSubscription({ accountId: 'acc 1' })).resolves.toMatchObject({ status: 'late' });
    answering('get', '/accounts/:accountId/subscription', [() => HttpResponse.text('<html>proxy</html>')]);
    await expect(client.getSubscription({ accountId: 'acc 1' })).rejects.toMatchObject({
      name: 'BillingApiError',
      status: 200,
      code: 'internal',
    });
  });
});

describe('errors', () => {
  test('the error shape becomes a BillingApiError with status, code, details and request id', async () => {
    answering('post', '/accounts/:accountId/track', [
      () =>
        HttpResponse.json(
          errorBody('insufficient_credits', 'Not enough credits', { feature: 'credits', remaining: 1 }),
          {
            status: 402,
            headers: { 'x-request-id': 'req-7' },
          },
        ),
    ]);
    const error = await client
      .track({ accountId: 'a', feature: 'credits', amount: 5 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'BillingApiError',
      status: 402,
      code: 'insufficient_credits',
      message: 'Not enough credits',
      details: { feature: 'credits', remaining: 1 },
      requestId: 'req-7',
    });
  });

  test.each([
    [404, 'not_found'],
    [429, 'rate_limited'],
    [502, 'internal'],
  ])('a %i without our error shape still gets a code (%s)', async (status, code) => {
    const oneShot = createBillingClient({ baseUrl, retry: { attempts: 1 } });
    answering('get', '/catalog', [
      () => new HttpResponse('<html>Bad gateway</html>', { status, headers: { 'retry-after': '3' } }),
    ]);
    const error = await oneShot.getCatalog().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status, code });
    if (code === 'rate_limited') expect((error as BillingApiError).details?.retryAfterSeconds).toBe(3);
  });

  test('a body with a code outside the closed list is not taken for our error shape', async () => {
    const oneShot = createBillingClient({ baseUrl, retry: { attempts: 1 } });
    answering('get', '/catalog', [
      () => HttpResponse.json({ error: { code: 'teapot', message: 'I am a teapot' } }, { status: 404 }),
    ]);
    const error = await oneShot.getCatalog().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
    expect((error as BillingApiError).message).not.toBe('I am a teapot');
  });
});

describe('retries', () => {
  test('reads are retried on 5xx with backoff, then succeed', async () => {
    const seen = answering('get', '/accounts/:accountId/subscription', [
      () => HttpResponse.json(errorBody('internal', 'boom'), { status: 503 }),
      () => HttpResponse.json(errorBody('internal', 'boom'), { status: 500 }),
      () => HttpResponse.json(subscription),
    ]);
    await expect(client.getSubscription({ accountId: 'acc 1' })).resolves.toMatchObject({ planId: 'free' });
    expect(seen).toHaveLength(3);
  });

  test('reads give up after the configured attempts with the last error', async () => {
    const seen = answering('get', '/catalog', [
      () => HttpResponse.json(errorBody('internal', 'still down'), { status: 500 }),
    ]);
    await expect(client.getCatalog()).rejects.toMatchObject({
      status: 500,
      code: 'internal',
      message: 'still down',
    });
    expect(seen).toHaveLength(3);
  });

  test('reads are retried on network errors', async () => {
    const seen = answering('get', '/accounts/:accountId/subscription', [
      () => HttpResponse.error(),
      () => HttpResponse.json(subscription),
    ]);
    await expect(client.getSubscription({ accountId: 'acc 1' })).resolves.toMatchObject({ planId: 'free' });
    expect(seen).toHaveLength(2);
  });

  test('4xx is never retried', async () => {
    const seen = answering('get', '/accounts/:accountId/subscription', [
      () => HttpResponse.json(errorBody('not_found', 'No such account'), { status: 404 }),
    ]);
    await expect(client.getSubscription({ accountId: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    expect(seen).toHaveLength(1);
  });

  test('mutations are never retried by the client, even on 5xx or a network error', async () => {
    const seen = answering('post', '/accounts/:accountId/track', [
      () => HttpResponse.json(errorBody('internal', 'x'), { status: 503 }),
    ]);
    await expect(client.track({ accountId: 'a', feature: 'credits', amount: 1 })).rejects.toMatchObject({
      status: 503,
    });
    expect(seen).toHaveLength(1);
    const failed = answering('post', '/accounts/:accountId/track', [() => HttpResponse.error()]);
    await expect(client.track({ accountId: 'a', feature: 'credits', amount: 1 })).rejects.toBeInstanceOf(
      BillingNetworkError,
    );
    expect(failed).toHaveLength(1);
  });
});

describe('cancellation and timeouts', () => {
  test('an aborted request rejects with the abort reason', async () => {
    answering('get', '/catalog', [() => new Promise<Response>(() => undefined) as unknown as Response]);
    const controller = new AbortController();
    const pending = client.getCatalog({}, { signal: controller.signal });
    controller.abort(new DOMException('user left the page', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'user left the page' });
  });

  test('aborting during a retry wait stops the retries', async () => {
    const slowRetry = createBillingClient({
      baseUrl,
      retry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const seen = answering('get', '/catalog', [
      () => HttpResponse.json(errorBody('internal', 'x'), { status: 500 }),
    ]);
    const controller = new AbortController();
    const pending = slowRetry.getCatalog({}, { signal: controller.signal });
    await expect.poll(() => seen.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
  });

  test('a timeout is a BillingNetworkError of reason timeout', async () => {
    answering('post', '/accounts/:accountId/track', [
      () => new Promise<Response>(() => undefined) as unknown as Response,
    ]);
    const error = await client
      .track({ accountId: 'a', feature: 'credits', amount: 1 }, { timeoutMs: 20 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillingNetworkError);
    expect((error as BillingNetworkError).reason).toBe('timeout');
  });

  test('a missing path parameter is a caller bug, reported before any request', async () => {
    const untyped = client.getSubscription as (input: object) => Promise<unknown>;
    await expect(untyped({})).rejects.toThrow('needs "accountId"');
  });
});
