import { Credits, Entitlements, TrackBatchResult, TrackResult, UsageSummary } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { api, useBillingServer } from '../test/billing-api.js';

const creditsOf = async (accountId: string, feature = 'credits') => {
  const credits = Credits.parse((await api.get(`/accounts/${accountId}/credits`)).body);
  return credits.balances.find((balance) => balance.feature === feature);
};
const usedToday = async (accountId: string, feature: string) => {
  const usage = UsageSummary.parse((await api.get(`/accounts/${accountId}/usage?feature=${feature}`)).body);
  const series = usage.features[0]?.daily ?? [];
  return { total: usage.features[0]?.used, today: series[series.length - 1] };
};

describe('check and track', () => {
  const mount = useBillingServer();

  it('track draws credits, and credits, entitlements and usage all show it', async () => {
    const { accountId } = mount('pro_near_quota');
    const before = await creditsOf(accountId);
    const usageBefore = await usedToday(accountId, 'credits');
    const tracked = await api.post(
      `/accounts/${accountId}/track`,
      { feature: 'credits', amount: 7 },
      {
        'Idempotency-Key': 'render-1',
      },
    );
    expect(tracked.status).toBe(200);
    expect(TrackResult.parse(tracked.body)).toMatchObject({ idempotencyKey: 'render-1', remaining: 78 });
    expect((await creditsOf(accountId))?.available).toBe((before?.available ?? 0) - 7);
    const usageAfter = await usedToday(accountId, 'credits');
    expect(usageAfter.total).toBe((usageBefore.total ?? 0) + 7);
    expect(usageAfter.today?.used).toBe((usageBefore.today?.used ?? 0) + 7);
    const entitlements = Entitlements.parse((await api.get(`/accounts/${accountId}/entitlements`)).body);
    expect(entitlements.entitlements.find((entry) => entry.feature === 'credits')).toMatchObject({
      remaining: 78,
      used: 472,
    });
  });

  it('draws the grant that expires first', async () => {
    const { accountId } = mount('free');
    // Free: today's 5 credits (2 left) expire at midnight; an admin promotion expiring later is spent last.
    await api.post(`/admin/customers/${accountId}/credits`, {
      feature: 'credits',
      amount: 10,
      reason: 'Welcome gift',
      source: 'promotion',
      expiresAt: '2026-12-31T00:00:00.000Z',
    });
    await api.post(`/accounts/${accountId}/track`, { feature: 'credits', amount: 3 });
    const grants = (await creditsOf(accountId))?.grants ?? [];
    expect(grants.map((grant) => [grant.source, grant.remaining])).toEqual([
      ['plan', 0],
      ['promotion', 9],
    ]);
  });

  it('a repeated Idempotency-Key counts once and replays the first answer', async () => {
    const { accountId } = mount('pro_near_quota');
    const first = await api.post(
      `/accounts/${accountId}/track`,
      { feature: 'credits', amount: 5 },
      {
        'Idempotency-Key': 'job-42',
      },
    );
    const again = await api.post(
      `/accounts/${accountId}/track`,
      { feature: 'credits', amount: 5 },
      {
        'Idempotency-Key': 'job-42',
      },
    );
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await creditsOf(accountId))?.available).toBe(80);
    const reused = await api.post(
      `/accounts/${accountId}/track`,
      { feature: 'credits', amount: 6 },
      {
        'Idempotency-Key': 'job-42',
      },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error?.code).toBe('conflict');
  });

  it('insufficient credits is 402 insufficient_credits with the feature, request and remainder', async () => {
    const { accountId } = mount('over_quota');
    const check = await api.post(`/accounts/${accountId}/check`, { feature: 'credits', amount: 1 });
    expect(check.body).toMatchObject({ allowed: false, reason: 'insufficient_credits', remaining: 0 });
    const { status, body } = await api.post(`/accounts/${accountId}/track`, {
      feature: 'credits',
      amount: 1,
    });
    expect(status).toBe(402);
    expect(body.error).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'credits', requested: 1, remaining: 0 },
    });
    expect((await creditsOf(accountId))?.available).toBe(0);
  });

  it('a quota with no credit packs behind it is 402 quota_exceeded', async () => {
    const { accountId } = mount('over_quota');
    const { status, body } = await api.post(`/accounts/${accountId}/track`, {
      feature: 'api_calls',
      amount: 1,
    });
    expect(status).toBe(402);
    expect(body.error?.code).toBe('quota_exceeded');
  });

  it('usage past the allowance is allowed and reported as overage when the plan bills it', async () => {
    const { accountId } = mount('pro_near_quota');
    const check = await api.post(`/accounts/${accountId}/check`, { feature: 'voice_words', amount: 500 });
    expect(check.body).toMatchObject({ allowed: true, overage: true });
    const tracked = TrackResult.parse(
      (await api.post(`/accounts/${accountId}/track`, { feature: 'voice_words', amount: 500 })).body,
    );
    expect(tracked.overageUnits).toBe(500);
    const usage = UsageSummary.parse(
      (await api.get(`/accounts/${accountId}/usage?feature=voice_words`)).body,
    );
    expect(usage.features[0]?.overage?.units).toBeGreaterThanOrEqual(500);
  });

  it('on the free plan voice words are not included, so they are denied', async () => {
    const { accountId } = mount('free');
    const check = await api.post(`/accounts/${accountId}/check`, { feature: 'voice_words' });
    expect(check.body).toMatchObject({ allowed: false, reason: 'not_entitled' });
    expect(
      (await api.post(`/accounts/${accountId}/track`, { feature: 'voice_words', amount: 1 })).status,
    ).toBe(402);
  });

  it('enterprise is unlimited: check allows anything and track never runs out', async () => {
    const { accountId } = mount('enterprise');
    const check = await api.post(`/accounts/${accountId}/check`, { feature: 'credits', amount: 1_000_000 });
    expect(check.body).toMatchObject({ allowed: true, unlimited: true, remaining: null });
    const tracked = await api.post(`/accounts/${accountId}/track`, { feature: 'credits', amount: 1_000_000 });
    expect(tracked.body).toMatchObject({ unlimited: true, remaining: null, overageUnits: 0 });
  });

  it('checks limit features against the count the host reports, and boolean features by plan', async () => {
    const { accountId } = mount('free');
    const seats = await api.post(`/accounts/${accountId}/check`, {
      feature: 'team_members',
      currentCount: 3,
    });
    expect(seats.body).toMatchObject({ allowed: false, reason: 'quota_exceeded', limit: 3 });
    const sso = await api.post(`/accounts/${accountId}/check`, { feature: 'sso' });
    expect(sso.body).toMatchObject({ allowed: false, reason: 'not_entitled', kind: 'boolean' });
    const unknown = await api.post(`/accounts/${accountId}/check`, { feature: 'teleportation' });
    expect(unknown.body).toMatchObject({ allowed: false, reason: 'unknown_feature', kind: null });
  });

  it('batch track answers per item, and a retried batch counts each key once', async () => {
    const { accountId } = mount('free');
    const events = [
      { feature: 'credits', amount: 1, idempotencyKey: 'a' },
      { feature: 'credits', amount: 1, idempotencyKey: 'b' },
      { feature: 'credits', amount: 1, idempotencyKey: 'c' },
      { feature: 'sso', amount: 1, idempotencyKey: 'd' },
    ];
    const first = TrackBatchResult.parse(
      (await api.post(`/accounts/${accountId}/track/batch`, { events })).body,
    );
    expect(first.results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual([
      'ok',
      'ok',
      'insufficient_credits',
      'validation_failed',
    ]);
    const retried = TrackBatchResult.parse(
      (await api.post(`/accounts/${accountId}/track/batch`, { events })).body,
    );
    expect(retried.results.slice(0, 2)).toEqual(first.results.slice(0, 2));
    expect((await creditsOf(accountId))?.available).toBe(0);
  });

  it('concurrent tracks never take a balance below zero', async () => {
    const { accountId } = mount('free');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        api.post(
          `/accounts/${accountId}/track`,
          { feature: 'credits', amount: 1 },
          { 'Idempotency-Key': `p${index}` },
        ),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    expect(answers.filter((answer) => answer.status === 402)).toHaveLength(4);
    expect((await creditsOf(accountId))?.available).toBe(0);
  });
});
