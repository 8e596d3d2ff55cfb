import { ErrorBody } from '@billing-kit/contracts';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fail } from './mock-api-error.js';
import { mockRoute } from './mock-route.js';
import { api, useBillingServer } from './test/billing-api.js';

describe('the mock route adapter', () => {
  const mount = useBillingServer();
  const checkout = (accountId: string, body: unknown) => api.post(`/accounts/${accountId}/checkout`, body);

  it('answers bad input with 400 validation_failed naming the field', async () => {
    const { accountId } = mount('free');
    const { status, body } = await checkout(accountId, {
      item: { kind: 'plan', planId: 'Not A Slug', interval: 'month' },
      successUrl: 'https://app.example.com/ok',
      cancelUrl: 'https://app.example.com/cancel',
    });
    expect(status).toBe(400);
    const error = ErrorBody.parse(body).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details?.issues).toEqual([{ field: 'body.item.planId', message: expect.any(String) }]);
  });

  it('names query fields too, and refinements such as cancelUrl in redirect mode', async () => {
    const { accountId } = mount('free');
    const page = await api.get(`/accounts/${accountId}/invoices?limit=500`);
    expect(page.body.error?.details?.issues).toEqual([{ field: 'query.limit', message: expect.any(String) }]);
    const redirect = await checkout(accountId, {
      item: { kind: 'credit_pack', packId: 'credits_50' },
      successUrl: 'https://app.example.com/ok',
    });
    expect(redirect.body.error?.details?.issues).toEqual([
      { field: 'body.cancelUrl', message: expect.any(String) },
    ]);
  });

  it('answers malformed JSON with 400, never a 500', async () => {
    const { accountId } = mount('free');
    const { status, body } = await api.post(`/accounts/${accountId}/check`, '{"feature": ');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'validation_failed', details: { issues: [{ field: 'body' }] } });
  });

  it('answers an unknown account with 404 not_found', async () => {
    mount('free');
    for (const path of ['/accounts/acct_nobody/subscription', '/admin/customers/acct_nobody']) {
      const { status, body } = await api.get(path);
      expect(status).toBe(404);
      expect(ErrorBody.parse(body).error.code).toBe('not_found');
    }
    const track = await api.post('/accounts/acct_nobody/track', { feature: 'credits', amount: 1 });
    expect(track.status).toBe(404);
  });

  it('answers an unknown package with 404', async () => {
    mount('free');
    expect((await api.get('/packages/nothing_here')).status).toBe(404);
    const plans = await api.get('/packages?type=plan');
    expect((plans.body.data as unknown[]).length).toBe(6);
  });
});

describe('mockRoute on its own', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('fails loudly when a resolver answers what the contract forbids', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server.use(
      mockRoute('getSubscription', ({ params }) => ({
        accountId: params.accountId,
        planId: 'pro',
        planName: 'Pro',
        status: 'active',
        interval: 'month',
        price: { amount: 39.5, currency: 'USD' },
        currentPeriodStart: null,
        currentPeriodEnd: null,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        trialEnd: null,
        addOns: [],
        accessLimited: false,
      })),
    );
    const { status, body } = await api.get('/accounts/acct_1/subscription');
    expect(status).toBe(500);
    expect(body.error?.message).toContain('getSubscription');
    expect(body.error?.message).toContain('price.amount');
    expect(logged).toHaveBeenCalled();
  });

  it('maps a typed error to its status and replays it for a repeated Idempotency-Key', async () => {
    let calls = 0;
    server.use(
      mockRoute('track', ({ body }) => {
        calls++;
        return fail('quota_exceeded', 'No more', {
          feature: body.feature,
          requested: body.amount,
          remaining: 0,
        });
      }),
    );
    const headers = { 'Idempotency-Key': 'k1' };
    const first = await api.post('/accounts/acct_1/track', { feature: 'api_calls', amount: 2 }, headers);
    const second = await api.post('/accounts/acct_1/track', { feature: 'api_calls', amount: 2 }, headers);
    expect(first.status).toBe(402);
    expect(second.body).toEqual(first.body);
    expect(calls).toBe(1);
  });
});
