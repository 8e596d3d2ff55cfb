// @vitest-environment node
import { routes } from '@billing-kit/contracts';
import { setupBillingServer } from '@billing-kit/mocks/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BillingApiError } from './billing-api-error.js';
import { createBillingClient } from './create-billing-client.js';

const baseUrl = 'http://billing.test/api/billing';
const mocks = setupBillingServer({ baseUrl, scenario: 'pro_near_quota' });
beforeAll(() => mocks.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mocks.resetHandlers());
afterAll(() => mocks.close());

const billing = createBillingClient({ baseUrl, retry: { attempts: 1 }, validateResponses: routes });
const accountId = mocks.store.accountId;

describe('the client against the shared mock scenarios', () => {
  test('every read of the contract parses (the client validates each answer with its schema)', async () => {
    await billing.getCatalog();
    await billing.listPackages({ type: 'credit_pack' });
    await billing.getPackage({ packageId: 'pro' });
    await billing.getMe();
    await billing.getSubscription({ accountId });
    await billing.getEntitlements({ accountId });
    await billing.getUsage({ accountId, period: 'previous' });
    await billing.getCredits({ accountId });
    await billing.listLedger({ accountId, limit: 5 });
    await billing.listInvoices({ accountId, limit: 5 });
    await billing.listPurchases({ accountId });
    await billing.listReservations({ accountId });
    await billing.getAutoTopUps({ accountId });
    const readRoutes = Object.entries(routes).filter(
      ([, route]) => route.method === 'GET' && !route.path.startsWith('/admin'),
    );
    expect(readRoutes.map(([name]) => name).sort()).toEqual(
      [
        'getAutoTopUps',
        'getCatalog',
        'getCredits',
        'getEntitlements',
        'getMe',
        'getPackage',
        'getSubscription',
        'getUsage',
        'listInvoices',
        'listLedger',
        'listPackages',
        'listPurchases',
        'listReservations',
      ].sort(),
    );
  });

  test('pages follow cursors to the end without repeating an item', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await billing.listLedger({ accountId, limit: 7, ...(cursor ? { cursor } : {}) });
      for (const entry of result.data) {
        expect(seen.has(entry.id)).toBe(false);
        seen.add(entry.id);
      }
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen.size).toBeGreaterThan(7);
  });

  test('a reservation holds credits, is confirmed with the real amount, and a retry holds once', async () => {
    const available = async () =>
      (await billing.getCredits({ accountId })).balances.find((balance) => balance.feature === 'credits')
        ?.available ?? 0;
    const before = await available();
    const hold = await billing.reserve(
      { accountId, feature: 'credits', amount: 10, ttlSeconds: 600 },
      { idempotencyKey: 'render-9' },
    );
    const again = await billing.reserve(
      { accountId, feature: 'credits', amount: 10, ttlSeconds: 600 },
      { idempotencyKey: 'render-9' },
    );
    expect(again.id).toBe(hold.id);
    expect(hold).toMatchObject({ status: 'held', remaining: before - 10 });
    expect(await available()).toBe(before - 10);
    const confirmed = await billing.confirmReservation({ accountId, reservationId: hold.id, amount: 6 });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAmount: 6 });
    expect(await available()).toBe(before - 6);
    await expect(billing.releaseReservation({ accountId, reservationId: hold.id })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
    });
  });

  test('a repeated idempotency key counts once and answers the same', async () => {
    const before = await billing.getCredits({ accountId });
    const first = await billing.track(
      { accountId, feature: 'credits', amount: 3 },
      { idempotencyKey: 'job-7' },
    );
    const again = await billing.track(
      { accountId, feature: 'credits', amount: 3 },
      { idempotencyKey: 'job-7' },
    );
    expect(again).toEqual(first);
    const after = await billing.getCredits({ accountId });
    const available = (credits: typeof before) =>
      credits.balances.find((balance) => balance.feature === 'credits')?.available;
    expect(available(after)).toBe((available(before) ?? 0) - 3);
  });

  test('an auto top-up is saved with PUT and read back; turning it on without a card is a 409', async () => {
    const saved = await billing.setAutoTopUp({
      accountId,
      feature: 'credits',
      enabled: true,
      packId: 'credits_250',
      threshold: 60,
      maxPerMonth: 2,
    });
    expect(saved).toMatchObject({ quantity: 1, units: 250, price: { amount: 2000, currency: 'USD' } });
    expect((await billing.getAutoTopUps({ accountId })).data).toEqual([saved]);
    mocks.useScenario('free');
    const error = await billing
      .setAutoTopUp({
        accountId: mocks.store.accountId,
        feature: 'credits',
        enabled: true,
        packId: 'credits_50',
        threshold: 2,
        maxPerMonth: 1,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
    mocks.useScenario('pro_near_quota');
  });

  test('bad input comes back as validation_failed naming the field', async () => {
    const error = await billing
      .createCheckoutSession({
        accountId,
        item: { kind: 'plan', planId: 'pro', interval: 'month' },
        successUrl: 'not a url',
        uiMode: 'embedded',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((error as BillingApiError).details?.issues?.map((issue) => issue.field)).toContain(
      'body.successUrl',
    );
  });

  test('another account is not_found', async () => {
    await expect(billing.getSubscription({ accountId: 'acct_nobody' })).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});
