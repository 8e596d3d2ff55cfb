import { demoCatalog } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedCatalog } from '../domain/catalog/catalog-cache.js';
import { loadCatalog } from '../domain/catalog/catalog-store.js';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import { mirrorSubscription } from '../domain/subscriptions/subscription-mirror.js';
import { createStripeGateway } from '../stripe/stripe-gateway.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';
import { createBillingEngine } from './engine.js';
import { settleRolloversOnPlanChange } from './rollover-plan-change.js';

// Rollover (SPEC §2 "Beyond the seeds"): Pro gives 400 credits a month, and up to 200 unused credits carry
// on, each carry living two more months. Pro here started on Nov 1, so its months are calendar months.
let harness: EngineHarness;
let accountSeq = 0;
let account: string;
const subscribed = new Date('2026-11-01T00:00:00.000Z');
const november = new Date('2026-11-10T12:00:00.000Z');
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  harness = await createEngineHarness({ now: november });
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  harness.clock.now = november;
  accountSeq += 1;
  account = `acct_roll_${accountSeq}`;
  await harness.createAccount(account);
  await harness.subscribe(account, 'pro', { startedAt: subscribed });
});

let keySeq = 0;
const spend = (amount: number, feature = 'credits') => {
  keySeq += 1;
  return harness.engine.track(account, { feature, amount, idempotencyKey: `spend-${keySeq}` });
};
const creditsLeft = async () =>
  (await harness.engine.check(account, { feature: 'credits', amount: 1 })).remaining;
const grants = async () =>
  (await harness.engine.credits(account)).balances
    .find((balance) => balance.feature === 'credits')
    ?.grants.map((grant) => ({
      source: grant.source,
      amount: grant.amount,
      remaining: grant.remaining,
      expiresAt: grant.expiresAt,
    }));
describe('rollover', () => {
  it('rolls over across three periods with a cap of 200, counting older carries still live', async () => {
    await spend(100); // November: 300 unused
    harness.clock.now = at('2026-12-05T00:00:00.000Z');
    // 200 of November's 300 (the cap), live through December and January; spent first, so listed first.
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 200, expiresAt: '2027-02-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-01-01T00:00:00.000Z' },
    ]);
    expect(await creditsLeft()).toBe(600);
    await spend(250); // the 200 carried first, then 50 of December's allowance
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 0, expiresAt: '2027-02-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 350, expiresAt: '2027-01-01T00:00:00.000Z' },
    ]);
    harness.clock.now = at('2027-01-10T00:00:00.000Z');
    // January: the December carry is live but spent (0 of the cap), so 200 of December's 350 carry.
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 0, expiresAt: '2027-02-01T00:00:00.000Z' },
      { source: 'rollover', amount: 200, remaining: 200, expiresAt: '2027-03-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-02-01T00:00:00.000Z' },
    ]);
    await spend(50);
    harness.clock.now = at('2027-02-02T00:00:00.000Z');
    // February: January's carry still holds 150 of the cap, so only 50 of January's 400 carry.
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 150, expiresAt: '2027-03-01T00:00:00.000Z' },
      { source: 'rollover', amount: 50, remaining: 50, expiresAt: '2027-04-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-03-01T00:00:00.000Z' },
    ]);
    expect(await creditsLeft()).toBe(600);
    // The ledger says where every unit went: carried units left their grant as carried, only the rest expired.
    const ledger = (await harness.engine.ledger(account, { limit: 100, feature: 'credits' })).data;
    const atDecember = ledger.filter((entry) => entry.at === '2026-12-01T00:00:00.000Z');
    expect(atDecember.map((entry) => [entry.type, entry.source, entry.amount, entry.description])).toEqual(
      expect.arrayContaining([
        ['adjustment', 'plan', -200, 'Rolled over to the next period'],
        ['expiry', 'plan', -100, 'Expired unused'],
        ['grant', 'rollover', 200, 'Rolled over from the previous period'],
        ['grant', 'plan', 400, 'Allowance for the period'],
      ]),
    );
    expect(atDecember).toHaveLength(4);
    // Nothing is counted twice: the whole ledger adds up to what the live grants hold.
    expect(ledger.reduce((total, entry) => total + entry.amount, 0)).toBe(600);
  });

  it('a carry expires after `periods` periods; a full cap carries nothing more', async () => {
    await spend(1); // November: 399 unused
    harness.clock.now = at('2026-12-05T00:00:00.000Z');
    expect(await creditsLeft()).toBe(600); // December: 200 carried, live until Feb 1; nothing spent
    harness.clock.now = at('2027-01-05T00:00:00.000Z');
    // The December carry is live and full: the cap leaves no room for December's 400.
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 200, expiresAt: '2027-02-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-02-01T00:00:00.000Z' },
    ]);
    harness.clock.now = at('2027-02-05T00:00:00.000Z');
    // Two months on, the November carry is gone; January's allowance carries up to the cap again.
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 200, expiresAt: '2027-04-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-03-01T00:00:00.000Z' },
    ]);
    const expired = (await harness.engine.ledger(account, { limit: 100, feature: 'credits' })).data.filter(
      (entry) => entry.type === 'expiry',
    );
    expect(expired.map((entry) => [entry.at, entry.source, entry.amount])).toEqual([
      ['2027-02-01T00:00:00.000Z', 'plan', -200],
      ['2027-02-01T00:00:00.000Z', 'rollover', -200],
      ['2027-01-01T00:00:00.000Z', 'plan', -400],
      ['2026-12-01T00:00:00.000Z', 'plan', -199],
    ]);
  });

  it('a repeated, late or concurrent open of a period never carries twice', async () => {
    await spend(300);
    harness.clock.now = at('2026-12-20T00:00:00.000Z');
    const answers = await Promise.all([
      harness.engine.openCurrentPeriods([account]),
      creditsLeft(),
      harness.engine.openCurrentPeriods([account]),
      spend(1),
      creditsLeft(),
    ]);
    expect(answers[0]).toBeGreaterThanOrEqual(0);
    expect(await harness.engine.openCurrentPeriods([account])).toBe(0);
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 100, remaining: 99, expiresAt: '2027-02-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-01-01T00:00:00.000Z' },
    ]);
    expect(
      await harness.scalar(
        `SELECT count(*) AS n FROM credit_grants WHERE account_id = $1 AND source = 'rollover'`,
        [account],
      ),
    ).toBe(1);
  });

  it('tracks still spending the old period while the new one opens never let a unit be both spent and carried', async () => {
    await spend(250); // November: 150 left, under the cap, so every unit spent or not decides the carry
    // One engine's clock is still in November (a request that read its clock before midnight), the
    // other's is in December: their calls race on the November grant.
    const late = createBillingEngine({
      db: harness.db,
      catalog: cachedCatalog(harness.db, 60_000),
      now: () => at('2026-11-30T23:59:59.900Z'),
    });
    await late.check(account, { feature: 'credits', amount: 1 }); // its catalog read, so both start together
    harness.clock.now = at('2026-12-01T00:00:00.100Z');
    // Spread over a few milliseconds so late groups commit before, while and after December opens.
    const after = <T>(ms: number, call: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => setTimeout(() => call().then(resolve, reject), ms));
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, index) =>
        after(index % 10, () =>
          late.track(account, { feature: 'credits', amount: 2, idempotencyKey: `late-${index}` }),
        ),
      ),
      after(4, creditsLeft),
      after(4, () => harness.engine.openCurrentPeriods([account])),
      after(5, () => spend(1)),
    ]);
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    for (const failure of failures) {
      // Only the late tracks may be refused, for want of November credits; nothing else may fail.
      expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_credits' });
    }
    const { rows } = await harness.db.query<{
      source: string;
      amount: string;
      remaining: string;
      period_key: string | null;
    }>(
      `SELECT source, amount, remaining, period_key FROM credit_grants WHERE account_id = $1 AND feature_key = 'credits' ORDER BY id`,
      [account],
    );
    const november = rows.find((row) => row.period_key?.endsWith('2026-11-01T00:00:00.000Z'));
    const carries = rows.filter((row) => row.source === 'rollover');
    expect(carries).toHaveLength(1);
    const carried = Number(carries[0]?.amount);
    const lateSpent = await harness.scalar(
      `SELECT -coalesce(sum(amount), 0) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage' AND reference LIKE 'late-%'`,
      [account],
    );
    // November's 400: 250 spent before, the late tracks' units, what was carried, and what is left to expire.
    expect(250 + lateSpent + carried + Number(november?.remaining)).toBe(400);
    expect(carried).toBeLessThanOrEqual(150 - lateSpent);
    expect(
      await harness.scalar(
        `SELECT -coalesce(sum(amount), 0) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'adjustment'`,
        [account],
      ),
    ).toBe(carried);
  });

  it('idle periods carry only from the period just before, and only if it was opened', async () => {
    await spend(100); // November opened, 300 unused
    // December, January and February pass untouched; March is the next touch.
    harness.clock.now = at('2027-03-03T00:00:00.000Z');
    expect(await grants()).toEqual([
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-04-01T00:00:00.000Z' },
    ]);
    // November's unused units expired in full: nothing was carried from them.
    const expiry = (await harness.engine.ledger(account, { limit: 100, feature: 'credits' })).data.filter(
      (entry) => entry.type === 'expiry',
    );
    expect(expiry).toEqual([expect.objectContaining({ amount: -300, at: '2026-12-01T00:00:00.000Z' })]);
  });

  it('a feature priced in the pool spends carried credits first too', async () => {
    await spend(1);
    harness.clock.now = at('2026-12-05T00:00:00.000Z');
    await spend(2, 'image_generation');
    expect(await grants()).toEqual([
      { source: 'rollover', amount: 200, remaining: 190, expiresAt: '2027-02-01T00:00:00.000Z' },
      { source: 'plan', amount: 400, remaining: 400, expiresAt: '2027-01-01T00:00:00.000Z' },
    ]);
  });

  describe('a plan change', () => {
    const toStarter = async (policy: 'keep' | 'forfeit') => {
      const catalog = await loadCatalog(harness.db);
      const forfeiting = {
        ...catalog,
        plans: catalog.plans.map((plan) => ({
          ...plan,
          entitlements: plan.entitlements.map((entitlement) =>
            entitlement.kind === 'metered' && entitlement.rollover
              ? { ...entitlement, rollover: { ...entitlement.rollover, onPlanChange: policy } }
              : entitlement,
          ),
        })),
      };
      await harness.subscribe(account, 'starter', { startedAt: subscribed });
      await harness.db.transaction((tx) =>
        settleRolloversOnPlanChange(tx, forfeiting, {
          accountId: account,
          fromPlanId: 'pro',
          toPlanId: 'starter',
          at: harness.clock.now,
          actor: { type: 'stripe', id: null },
        }),
      );
    };
    const audit = () =>
      harness.db.query<{ action: string; reason: string; after: { rolledOver: number } }>(
        `SELECT action, reason, after FROM audit_log WHERE account_id = $1 AND action LIKE 'credits.rollover%'`,
        [account],
      );

    it('keep: carried credits stay live under the new plan until they expire, audited', async () => {
      await spend(1);
      harness.clock.now = at('2026-12-05T00:00:00.000Z');
      await spend(50); // 150 of the carry left
      await toStarter('keep');
      expect(await grants()).toEqual([
        { source: 'rollover', amount: 200, remaining: 150, expiresAt: '2027-02-01T00:00:00.000Z' },
        { source: 'plan', amount: 200, remaining: 200, expiresAt: '2027-01-01T00:00:00.000Z' },
      ]);
      expect((await audit()).rows).toEqual([
        expect.objectContaining({
          action: 'credits.rollover_kept',
          after: expect.objectContaining({ rolledOver: 150 }),
        }),
      ]);
    });

    it('forfeit: carried credits end at the change, with a ledger entry and an audit entry saying why', async () => {
      await spend(1);
      harness.clock.now = at('2026-12-05T00:00:00.000Z');
      await spend(50);
      await toStarter('forfeit');
      expect(await grants()).toEqual([
        { source: 'plan', amount: 200, remaining: 200, expiresAt: '2027-01-01T00:00:00.000Z' },
      ]);
      expect(await creditsLeft()).toBe(200);
      const forfeited = (
        await harness.engine.ledger(account, { limit: 100, feature: 'credits' })
      ).data.filter((entry) => entry.type === 'expiry' && entry.source === 'rollover');
      expect(forfeited).toEqual([
        expect.objectContaining({
          amount: -150,
          at: '2026-12-05T00:00:00.000Z',
          description: 'Forfeited: the plan changed from Pro to Starter',
        }),
      ]);
      expect((await audit()).rows).toEqual([
        expect.objectContaining({
          action: 'credits.rollover_forfeited',
          reason: 'Forfeited: the plan changed from Pro to Starter',
          after: expect.objectContaining({ rolledOver: 0 }),
        }),
      ]);
    });
  });

  describe('a plan change the Stripe mirror applies', () => {
    const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    /** The subscription as Stripe would send it, on the plan's monthly USD price. */
    const subscription = (planId: string, priceId: string) =>
      ({
        id: `sub_mirror_${account}`,
        object: 'subscription',
        metadata: { account_id: account },
        customer: `cus_${account}`,
        status: 'active',
        currency: 'usd',
        cancel_at_period_end: false,
        cancel_at: null,
        canceled_at: null,
        ended_at: null,
        trial_start: null,
        trial_end: null,
        created: unix('2026-11-01T00:00:00.000Z'),
        items: {
          data: [
            {
              id: `si_${planId}`,
              price: { id: priceId, lookup_key: null, recurring: { interval: 'month' } },
              quantity: 1,
              current_period_start: unix('2026-12-01T00:00:00.000Z'),
              current_period_end: unix('2027-01-01T00:00:00.000Z'),
            },
          ],
        },
      }) as unknown as Stripe.Subscription;

    it('forfeits carried credits at the change when the config says so, audited with the mirror’s actor', async () => {
      await harness.db.query(
        `UPDATE prices SET stripe_price_id = 'price_' || owner_id || '_' || billing_interval
         WHERE owner_kind = 'plan' AND currency = 'USD' AND billing_interval = 'month'`,
      );
      await syncCatalog(harness.db, createStripeGateway({}), {
        ...demoCatalog,
        rolloverOnPlanChange: 'forfeit',
      });
      try {
        await harness.db.query('DELETE FROM subscriptions WHERE account_id = $1', [account]);
        await harness.db.transaction((tx) =>
          mirrorSubscription(tx, subscription('pro', 'price_pro_month'), at('2026-11-01T00:00:00.000Z'), {
            type: 'stripe',
            id: null,
          }),
        );
        await spend(1);
        harness.clock.now = at('2026-12-05T00:00:00.000Z');
        expect(await creditsLeft()).toBe(600); // 200 carried from November
        await harness.db.transaction((tx) =>
          mirrorSubscription(tx, subscription('starter', 'price_starter_month'), harness.clock.now, {
            type: 'stripe',
            id: null,
          }),
        );
        expect(await grants()).toEqual([
          { source: 'plan', amount: 200, remaining: 200, expiresAt: '2027-01-01T00:00:00.000Z' },
        ]);
        const { rows } = await harness.db.query<{ action: string; actor_kind: string; reason: string }>(
          `SELECT action, actor_kind, reason FROM audit_log WHERE account_id = $1 AND action LIKE 'credits.%'`,
          [account],
        );
        expect(rows).toEqual([
          {
            action: 'credits.rollover_forfeited',
            actor_kind: 'stripe',
            reason: 'Forfeited: the plan changed from Pro to Starter',
          },
        ]);
      } finally {
        await syncCatalog(harness.db, createStripeGateway({}), demoCatalog);
      }
    });
  });
});
