import { AutoTopUp, AutoTopUps, Credits, LedgerPage, PurchasePage } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';
import { createMockStore } from './mock-store.js';

const autoTopUps = async (accountId: string) =>
  AutoTopUps.parse((await api.get(`/accounts/${accountId}/auto-top-ups`)).body);
const credits = async (accountId: string) => {
  const answer = Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body);
  return answer.balances.find((balance) => balance.feature === 'credits');
};
const track = (accountId: string, amount: number, feature = 'credits') =>
  api.post(`/accounts/${accountId}/track`, { feature, amount });
const save = (accountId: string, feature: string, body: Record<string, unknown>) =>
  api.put(`/accounts/${accountId}/auto-top-ups/${feature}`, body);
const setting = { enabled: true, packId: 'credits_100', quantity: 1, threshold: 40, maxPerMonth: 3 };

describe('auto top-up', () => {
  const mount = useBillingServer();

  it('a track crossing the threshold buys the pack once: an attempt paid and a top_up grant', async () => {
    // pro_near_quota: 85 credits available, auto top-up of 100 credits ($9.00) below 40.
    const { accountId } = mount('pro_near_quota');
    expect((await track(accountId, 40)).body).toMatchObject({ remaining: 45 });
    expect((await autoTopUps(accountId)).attempts).toEqual([]);
    const crossing = await track(accountId, 10);
    // The track answers the balance it left; the top-up lands right after it.
    expect(crossing.body).toMatchObject({ remaining: 35 });
    const after = await autoTopUps(accountId);
    expect(after.attempts).toEqual([
      expect.objectContaining({
        status: 'paid',
        packId: 'credits_100',
        quantity: 1,
        price: { amount: 900, currency: 'USD' },
        balanceBefore: 45,
        balanceAfter: 35,
        failure: null,
      }),
    ]);
    expect(after.data[0]).toMatchObject({ usedThisMonth: 1, enabled: true, disabledReason: null });
    const balance = await credits(accountId);
    expect(balance?.available).toBe(135);
    const topUp = balance?.grants.find((grant) => grant.source === 'top_up');
    expect(topUp).toMatchObject({ amount: 100, remaining: 100, expiresAt: '2027-02-21T12:00:00.000Z' });
    const ledger = LedgerPage.parse((await api.get(`/accounts/${accountId}/credits/ledger?limit=5`)).body);
    expect(ledger.data.map((entry) => entry.description)).toContain('Auto top-up: 100 credits');
    const purchases = PurchasePage.parse((await api.get(`/accounts/${accountId}/purchases?limit=1`)).body);
    expect(purchases.data[0]).toMatchObject({
      packageId: 'credits_100',
      name: '100 credits',
      status: 'succeeded',
      units: 100,
      amount: { amount: 900, currency: 'USD' },
    });
  });

  it('usage that starts below the threshold buys nothing: two tracks crossing together fire once', async () => {
    const { accountId } = mount('pro_near_quota');
    await save(accountId, 'credits', { ...setting, maxPerMonth: 1 });
    await track(accountId, 50); // 85 → 35: paid, 135 available
    await track(accountId, 94); // 41 left, still above
    // Capped, so the first crossing adds nothing back: the second track starts below and buys nothing.
    const batch = await api.post(`/accounts/${accountId}/track/batch`, {
      events: [
        { feature: 'credits', amount: 3, idempotencyKey: 'a' },
        { feature: 'credits', amount: 3, idempotencyKey: 'b' },
      ],
    });
    expect(batch.status).toBe(200);
    const { attempts } = await autoTopUps(accountId);
    expect(attempts.map((attempt) => [attempt.status, attempt.balanceBefore, attempt.balanceAfter])).toEqual([
      ['capped', 41, 38],
      ['paid', 85, 35],
    ]);
  });

  it('a reservation that crosses the threshold fires it, and pooled features cross their pool', async () => {
    const { accountId } = mount('pro_near_quota');
    await api.post(`/accounts/${accountId}/reservations`, { feature: 'credits', amount: 30 }); // 55 left
    expect((await autoTopUps(accountId)).attempts).toEqual([]);
    // 4 images at 5 credits each hold 20 credits of the pool: 55 → 35 crosses 40.
    const held = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'image_generation',
      amount: 4,
    });
    expect(held.status).toBe(201);
    const [attempt] = (await autoTopUps(accountId)).attempts;
    expect(attempt).toMatchObject({
      feature: 'credits',
      status: 'paid',
      balanceBefore: 55,
      balanceAfter: 35,
    });
  });

  it('past the monthly cap a crossing is recorded as capped and charges nothing', async () => {
    const { accountId } = mount('pro_near_quota');
    expect((await save(accountId, 'credits', { ...setting, maxPerMonth: 1 })).status).toBe(200);
    await track(accountId, 50); // 85 → 35: paid, 135
    await track(accountId, 100); // 135 → 35: capped
    const after = await autoTopUps(accountId);
    expect(after.attempts.map((attempt) => attempt.status)).toEqual(['capped', 'paid']);
    expect(after.attempts[0]).toMatchObject({
      settledAt: after.attempts[0]?.createdAt,
      failure: null,
      balanceAfter: 35,
    });
    expect(after.data[0]).toMatchObject({ usedThisMonth: 1, maxPerMonth: 1, enabled: true });
    expect((await credits(accountId))?.available).toBe(35);
  });

  it('a declined card records a failed attempt and turns the setting off with the reason, never retried', async () => {
    const store = createMockStore('pro_near_quota');
    const { accountId } = mount(store);
    store.accounts.get(accountId)!.cardDeclines = true;
    await track(accountId, 50);
    const after = await autoTopUps(accountId);
    expect(after.attempts[0]).toMatchObject({
      status: 'failed',
      failure: { code: 'card_declined', message: 'Your card was declined.' },
    });
    expect(after.data[0]).toMatchObject({ enabled: false, disabledReason: 'Your card was declined.' });
    const purchases = PurchasePage.parse((await api.get(`/accounts/${accountId}/purchases?limit=1`)).body);
    expect(purchases.data[0]).toMatchObject({ status: 'failed', expiresAt: null });
    await track(accountId, 1);
    await track(accountId, 1);
    expect((await autoTopUps(accountId)).attempts).toHaveLength(1);
    expect((await credits(accountId))?.available).toBe(33);
  });

  it('saving it on again clears the reason and buys at once when the balance is already below', async () => {
    const store = createMockStore('top_up_failed');
    const { accountId } = mount(store);
    const before = await autoTopUps(accountId);
    expect(before.data[0]).toMatchObject({ enabled: false, disabledReason: 'Your card was declined.' });
    store.accounts.get(accountId)!.cardDeclines = false; // the card was updated in the portal
    const saved = await save(accountId, 'credits', { ...before.data[0], enabled: true });
    expect(saved.status).toBe(200);
    expect(AutoTopUp.parse(saved.body)).toMatchObject({
      enabled: true,
      disabledReason: null,
      usedThisMonth: 2,
      units: 100,
      price: { amount: 1000, currency: 'USD' },
    });
    expect((await autoTopUps(accountId)).attempts[0]).toMatchObject({
      status: 'paid',
      balanceBefore: 18,
      balanceAfter: 18,
    });
    expect((await credits(accountId))?.available).toBe(118);
  });

  it('re-saving a setting that is already on buys nothing, even below the threshold', async () => {
    const { accountId } = mount('top_up_capped');
    const before = await autoTopUps(accountId);
    expect(before.data[0]).toMatchObject({ enabled: true, usedThisMonth: 2, maxPerMonth: 2 });
    const saved = await save(accountId, 'credits', { ...before.data[0], maxPerMonth: 4 });
    expect(saved.body).toMatchObject({ maxPerMonth: 4, usedThisMonth: 2 });
    expect((await autoTopUps(accountId)).attempts).toEqual(before.attempts);
  });

  it('saves a new setting, answers it with its price and units, and lists it', async () => {
    const { accountId } = mount('pro_rollover');
    expect(await autoTopUps(accountId)).toEqual({ accountId, data: [], attempts: [] });
    const saved = await save(accountId, 'credits', { ...setting, packId: 'credits_250', quantity: 2 });
    expect(saved.status).toBe(200);
    expect(AutoTopUp.parse(saved.body)).toMatchObject({
      feature: 'credits',
      units: 500,
      price: { amount: 4000, currency: 'USD' },
      usedThisMonth: 0,
      updatedAt: '2026-11-23T12:00:00.000Z',
    });
    expect((await autoTopUps(accountId)).data).toEqual([saved.body]);
  });

  it('refuses features that cannot be topped up, packs of another feature, and a missing card', async () => {
    const { accountId } = mount('pro_near_quota');
    for (const feature of ['image_generation', 'team_members', 'sso', 'nope']) {
      const answer = await save(accountId, feature, setting);
      expect(answer.status, feature).toBe(400);
      expect(answer.body.error?.details?.issues).toEqual([
        { field: 'params.feature', message: expect.any(String) },
      ]);
    }
    const wrongPack = await save(accountId, 'tokens', setting);
    expect(wrongPack.status).toBe(400);
    expect(wrongPack.body.error?.details?.issues).toEqual([
      { field: 'body.packId', message: expect.any(String) },
    ]);
    const invalid = await save(accountId, 'credits', { ...setting, threshold: 0 });
    expect(invalid.body.error?.details?.issues).toEqual([
      { field: 'body.threshold', message: expect.any(String) },
    ]);
    const free = mount('free');
    const noCard = await save(free.accountId, 'credits', setting);
    expect(noCard.status).toBe(409);
    expect(noCard.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^Add a card first/),
    });
    expect((await save(free.accountId, 'credits', { ...setting, enabled: false })).status).toBe(200);
  });
});
