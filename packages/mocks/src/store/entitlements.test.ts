import { Entitlements, UsageSummary } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';

const entitlementsOf = async (accountId: string) => {
  const { entitlements } = Entitlements.parse((await api.get(`/accounts/${accountId}/entitlements`)).body);
  return Object.fromEntries(entitlements.map((entry) => [entry.feature, entry]));
};

describe('entitlements and usage', () => {
  const mount = useBillingServer();

  it('derive one story for a near-quota Pro account: 465 of 550 live credits used', async () => {
    const { accountId } = mount('pro_near_quota');
    const entitlements = await entitlementsOf(accountId);
    expect(entitlements.credits).toMatchObject({ limit: 550, used: 465, remaining: 85, unlimited: false });
    expect(entitlements.storage_gb).toMatchObject({ kind: 'limit', limit: 60, used: 41, remaining: 19 });
    expect(entitlements.api_access).toMatchObject({
      kind: 'boolean',
      enabled: true,
      limit: null,
      used: null,
    });
    expect(entitlements.sso?.enabled).toBe(false);
    const usage = UsageSummary.parse((await api.get(`/accounts/${accountId}/usage`)).body);
    expect(usage).toMatchObject({ from: '2026-11-08T09:30:00.000Z', to: '2026-12-08T09:30:00.000Z' });
    const credits = usage.features.find((feature) => feature.feature === 'credits');
    expect(credits).toMatchObject({ used: 465, limit: 550, remaining: 85, reset: 'month' });
    expect(credits?.daily.reduce((sum, day) => sum + day.used, 0)).toBe(465);
    expect(credits?.daily.at(-1)?.date).toBe('2026-11-23');
  });

  it('show use of overage-billed and unlimited features, which have no allowance to draw', async () => {
    const pro = await entitlementsOf(mount('pro_near_quota').accountId);
    expect(pro.voice_words).toMatchObject({ limit: 0, remaining: 0, overageAllowed: true });
    expect(pro.voice_words?.used).toBeGreaterThan(0);
    const enterprise = await entitlementsOf(mount('enterprise').accountId);
    expect(enterprise.credits).toMatchObject({ unlimited: true, limit: null, remaining: null });
    expect(enterprise.credits?.used).toBeGreaterThan(0);
  });

  it('reset free credits daily and paid allowances monthly, on yearly plans too', async () => {
    const free = await entitlementsOf(mount('free').accountId);
    expect(free.credits).toMatchObject({
      limit: 5,
      used: 3,
      remaining: 2,
      resetsAt: '2026-11-24T00:00:00.000Z',
    });
    expect(free.tokens?.resetsAt).toBe('2026-12-01T00:00:00.000Z');
    const yearly = await entitlementsOf(mount('admin').accountId);
    expect(yearly.credits?.resetsAt).toBe('2026-12-01T08:00:00.000Z');
  });

  it('the previous period has its own usage and the allowances it had', async () => {
    const { accountId } = mount('pro_near_quota');
    const previous = UsageSummary.parse((await api.get(`/accounts/${accountId}/usage?period=previous`)).body);
    expect(previous).toMatchObject({ from: '2026-10-08T09:30:00.000Z', to: '2026-11-08T09:30:00.000Z' });
    const credits = previous.features.find((feature) => feature.feature === 'credits');
    expect(credits).toMatchObject({ limit: 400, remaining: null, resetsAt: null });
    expect(credits?.used).toBeGreaterThan(0);
  });

  it('limit features count what the account uses against the limit', async () => {
    const { accountId } = mount('free');
    const oneMore = await api.post(`/accounts/${accountId}/check`, { feature: 'team_members' });
    expect(oneMore.body).toMatchObject({ allowed: true, limit: 3, remaining: 1 });
    const twoMore = await api.post(`/accounts/${accountId}/check`, { feature: 'team_members', amount: 2 });
    expect(twoMore.body).toMatchObject({ allowed: false, reason: 'quota_exceeded' });
    await api.post(`/accounts/${accountId}/track`, { feature: 'team_members', amount: -1 });
    expect((await entitlementsOf(accountId)).team_members).toMatchObject({ used: 1, remaining: 2 });
  });
});
