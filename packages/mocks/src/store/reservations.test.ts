import {
  CheckResult,
  Credits,
  Entitlements,
  ReservationList,
  ReservationResult,
} from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';

const scraping = async (accountId: string) => {
  const credits = Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body);
  return credits.balances.find((balance) => balance.feature === 'scraping_tasks');
};
const check = async (accountId: string, amount: number) =>
  CheckResult.parse(
    (await api.post(`/accounts/${accountId}/check`, { feature: 'scraping_tasks', amount })).body,
  );

describe('reservations', () => {
  const mount = useBillingServer();

  it('a hold counts as spent for check and shows as held in credits', async () => {
    const { accountId } = mount('free');
    const before = (await scraping(accountId))?.available ?? 0;
    const reserved = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'scraping_tasks',
      amount: 10,
    });
    expect(reserved.status).toBe(201);
    expect(ReservationResult.parse(reserved.body)).toMatchObject({ status: 'held', remaining: before - 10 });
    expect(await scraping(accountId)).toMatchObject({ available: before - 10, held: 10 });
    expect(await check(accountId, before - 9)).toMatchObject({ allowed: false, remaining: before - 10 });
    const list = ReservationList.parse((await api.get(`/accounts/${accountId}/reservations`)).body);
    expect(list.data.map((item) => item.id)).toEqual([reserved.body.id]);
  });

  it('confirm records the real amount; release gives the units back; both answer within the contract', async () => {
    const { accountId } = mount('free');
    const before = (await scraping(accountId))?.available ?? 0;
    const { body: hold } = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'scraping_tasks',
      amount: 10,
    });
    const confirmed = await api.post(`/accounts/${accountId}/reservations/${hold.id}/confirm`, { amount: 4 });
    expect(ReservationResult.parse(confirmed.body)).toMatchObject({
      status: 'confirmed',
      confirmedAmount: 4,
      remaining: before - 4,
    });
    const { body: other } = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'scraping_tasks',
      amount: 5,
    });
    const released = await api.post(`/accounts/${accountId}/reservations/${other.id}/release`);
    expect(ReservationResult.parse(released.body)).toMatchObject({
      status: 'released',
      remaining: before - 4,
    });
    expect((await api.post(`/accounts/${accountId}/reservations/${hold.id}/release`)).status).toBe(409);
    expect(
      (await api.post(`/accounts/${accountId}/reservations/${other.id}/confirm`, { amount: 1 })).status,
    ).toBe(409);
  });

  it('past the balance is 402, confirming past it is 402 and keeps the hold; a limit feature is 400', async () => {
    const { accountId } = mount('free');
    const before = (await scraping(accountId))?.available ?? 0;
    const big = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'scraping_tasks',
      amount: before + 1,
    });
    expect(big.status).toBe(402);
    expect(big.body.error?.code).toBe('insufficient_credits');
    const { body: hold } = await api.post(`/accounts/${accountId}/reservations`, {
      feature: 'scraping_tasks',
      amount: 2,
    });
    const over = await api.post(`/accounts/${accountId}/reservations/${hold.id}/confirm`, {
      amount: before + 1,
    });
    expect(over.status).toBe(402);
    expect(await scraping(accountId)).toMatchObject({ held: 2 });
    const limit = await api.post(`/accounts/${accountId}/reservations`, { feature: 'projects', amount: 1 });
    expect(limit.status).toBe(400);
    expect(limit.body.error?.details?.issues).toEqual([
      { field: 'body.feature', message: expect.any(String) },
    ]);
    expect((await api.post(`/accounts/${accountId}/reservations/424242/release`)).status).toBe(404);
  });

  it('entitlements say what is held per metered feature, neither used nor remaining', async () => {
    const { accountId } = mount('free');
    const read = async () =>
      Entitlements.parse((await api.get(`/accounts/${accountId}/entitlements`)).body).entitlements;
    const before = (await read()).find((item) => item.feature === 'scraping_tasks');
    expect(before?.held).toBe(0);
    await api.post(`/accounts/${accountId}/reservations`, { feature: 'scraping_tasks', amount: 10 });
    const after = (await read()).find((item) => item.feature === 'scraping_tasks');
    expect(after).toMatchObject({ held: 10, used: before?.used, remaining: (before?.remaining ?? 0) - 10 });
    expect((await read()).find((item) => item.kind === 'limit')).not.toHaveProperty('held');
  });

  it('pro_with_reservations starts with live holds: 42 credits and 20,000 tokens', async () => {
    const { accountId } = mount('pro_with_reservations');
    const list = ReservationList.parse((await api.get(`/accounts/${accountId}/reservations`)).body);
    expect(list.data.map((item) => [item.feature, item.amount])).toEqual([
      ['tokens', 20_000],
      ['credits', 30],
      ['credits', 12],
    ]);
    const credits = Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body);
    expect(credits.balances.find((balance) => balance.feature === 'credits')).toMatchObject({
      available: 43,
      held: 42,
    });
    const entitlements = Entitlements.parse((await api.get(`/accounts/${accountId}/entitlements`)).body);
    expect(entitlements.entitlements.find((item) => item.feature === 'credits')).toMatchObject({
      limit: 550,
      used: 465,
      remaining: 43,
      held: 42,
    });
  });
});
