import {
  CheckResult,
  Credits,
  Entitlements,
  LedgerPage,
  ReservationResult,
  UsageSummary,
} from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';

const balances = async (accountId: string) =>
  Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body).balances;
const creditsOf = async (accountId: string) =>
  (await balances(accountId)).find((balance) => balance.feature === 'credits');
const entitlementOf = async (accountId: string, feature: string) =>
  Entitlements.parse((await api.get(`/accounts/${accountId}/entitlements`)).body).entitlements.find(
    (entitlement) => entitlement.feature === feature,
  );
const usageOf = async (accountId: string, feature: string) =>
  UsageSummary.parse((await api.get(`/accounts/${accountId}/usage?feature=${feature}`)).body).features[0];

describe('credit pools: features priced in credits spend the pool', () => {
  const mount = useBillingServer();

  it('check answers in pool units: 85 credits allow 17 images at 5 each, not 18', async () => {
    const { accountId } = mount('pro_near_quota');
    const check = async (amount: number) =>
      CheckResult.parse(
        (await api.post(`/accounts/${accountId}/check`, { feature: 'image_generation', amount })).body,
      );
    expect(await check(17)).toMatchObject({ allowed: true, requested: 17, limit: 550, remaining: 85 });
    expect(await check(18)).toMatchObject({ allowed: false, reason: 'insufficient_credits', remaining: 85 });
  });

  it('track spends amount × cost of the pool; usage counts images on the feature and credits on the pool', async () => {
    const { accountId } = mount('pro_near_quota');
    const poolUsed = (await usageOf(accountId, 'credits'))?.used ?? 0;
    const tracked = await api.post(`/accounts/${accountId}/track`, {
      feature: 'image_generation',
      amount: 2,
    });
    expect(tracked.body).toMatchObject({ feature: 'image_generation', amount: 2, remaining: 75 });
    expect((await creditsOf(accountId))?.available).toBe(75);
    expect((await balances(accountId)).map((balance) => balance.feature)).not.toContain('image_generation');
    expect(await usageOf(accountId, 'image_generation')).toMatchObject({
      used: 2,
      limit: 550,
      remaining: 75,
      creditCost: { pool: 'credits', amount: 5 },
    });
    expect((await usageOf(accountId, 'credits'))?.used).toBe(poolUsed + 10);
    expect(await entitlementOf(accountId, 'image_generation')).toMatchObject({
      limit: 550,
      used: 475,
      remaining: 75,
      creditCost: { pool: 'credits', amount: 5 },
    });
    const ledger = LedgerPage.parse((await api.get(`/accounts/${accountId}/credits/ledger?limit=1`)).body);
    expect(ledger.data[0]).toMatchObject({ feature: 'credits', type: 'usage', amount: -10 });
  });

  it('insufficient credits for a priced feature is 402 naming the pool and the cost', async () => {
    const { accountId } = mount('pro_near_quota');
    const denied = await api.post(`/accounts/${accountId}/track`, {
      feature: 'image_generation',
      amount: 20,
    });
    expect(denied.status).toBe(402);
    expect(denied.body.error).toMatchObject({
      code: 'insufficient_credits',
      message: expect.stringMatching(/^Not enough credits left for image generations/),
      details: { feature: 'image_generation', requested: 20, remaining: 85, pool: 'credits', cost: 5 },
    });
    const reserve = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'image_generation',
      amount: 20,
    });
    expect(reserve.status).toBe(402);
    expect(reserve.body.error?.details).toMatchObject({ pool: 'credits', cost: 5 });
  });

  it('a reservation of a priced feature holds amount × cost of the pool until confirmed', async () => {
    const { accountId } = mount('pro_near_quota');
    const reserved = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'chat_message',
      amount: 12,
    });
    expect(ReservationResult.parse(reserved.body)).toMatchObject({ amount: 12, remaining: 73 });
    expect(await creditsOf(accountId)).toMatchObject({ available: 73, held: 12 });
    expect(await entitlementOf(accountId, 'chat_message')).toMatchObject({ held: 12, remaining: 73 });
    await api.post(`/accounts/${accountId}/reservations/${reserved.body.id}/confirm`, { amount: 9 });
    expect(await creditsOf(accountId)).toMatchObject({ available: 76, held: 0 });
    expect((await usageOf(accountId, 'chat_message'))?.used).toBe(9);
  });
});

describe('rollover', () => {
  const mount = useBillingServer();

  it('carried units show as a rollover grant and are spent first', async () => {
    // pro_rollover: October left 160 of 400 unused; they moved into November, living 2 periods.
    const { accountId } = mount('pro_rollover');
    const before = await creditsOf(accountId);
    expect(
      before?.grants.map((grant) => [grant.source, grant.remaining, grant.amount, grant.expiresAt]),
    ).toEqual([
      ['rollover', 40, 160, '2027-01-03T10:00:00.000Z'],
      ['plan', 400, 400, '2026-12-03T10:00:00.000Z'],
    ]);
    await api.post(`/accounts/${accountId}/track`, { feature: 'credits', amount: 50 });
    const after = await creditsOf(accountId);
    expect(after?.grants.map((grant) => grant.remaining)).toEqual([0, 390]);
  });

  it('the carry is moved, not copied: the ledger takes it off the old allowance before granting it', async () => {
    const { accountId } = mount('pro_rollover');
    const ledger = LedgerPage.parse(
      (await api.get(`/accounts/${accountId}/credits/ledger?feature=credits&limit=100`)).body,
    );
    const around = ledger.data.filter((entry) => entry.at.startsWith('2026-11-03') && entry.type !== 'usage');
    expect(around.map((entry) => [entry.type, entry.amount, entry.description])).toEqual([
      ['grant', 160, 'Unused allowance rolled over'],
      ['grant', 400, 'Plan allowance'],
      ['adjustment', -160, 'Rolled over to the next period'],
    ]);
    expect(ledger.data.some((entry) => entry.type === 'expiry' && entry.at.startsWith('2026-11-03'))).toBe(
      false,
    );
  });
});
