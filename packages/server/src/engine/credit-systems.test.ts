import { demoCatalog } from '@billing-kit/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BillingError } from '../billing-error.js';
import { cachedCatalog } from '../domain/catalog/catalog-cache.js';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import { createStripeGateway } from '../stripe/stripe-gateway.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';
import { createBillingEngine } from './engine.js';

// Credit systems (SPEC §2 "Beyond the seeds"): the demo catalog prices an image at 5 credits and a chat
// message at 1. Starter gives 200 credits a month and no rollover.
let harness: EngineHarness;
let accountSeq = 0;
let account: string;
const start = new Date('2026-11-23T12:00:00.000Z');

beforeAll(async () => {
  harness = await createEngineHarness({ now: start });
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  harness.clock.now = start;
  accountSeq += 1;
  account = `acct_pool_${accountSeq}`;
  await harness.createAccount(account);
  await harness.subscribe(account, 'starter', { startedAt: new Date('2026-11-01T00:00:00.000Z') });
});

const creditsLeft = async () =>
  (await harness.engine.check(account, { feature: 'credits', amount: 1 })).remaining;
const denial = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) =>
      error instanceof BillingError ? { code: error.code, details: error.details } : error,
  );

describe('credit systems', () => {
  it('tracking 3 images spends 15 credits: usage under the image feature, ledger entries on the pool', async () => {
    const answer = await harness.engine.track(account, {
      feature: 'image_generation',
      amount: 3,
      idempotencyKey: 'img-1',
    });
    expect(answer).toMatchObject({ feature: 'image_generation', amount: 3, remaining: 185, overageUnits: 0 });
    expect(await creditsLeft()).toBe(185);

    const ledger = await harness.engine.ledger(account, { limit: 50 });
    const usage = ledger.data.filter((entry) => entry.type === 'usage');
    expect(usage).toEqual([
      expect.objectContaining({ feature: 'credits', amount: -15, reference: 'img-1', source: 'plan' }),
    ]);
    expect(ledger.data.some((entry) => entry.feature === 'image_generation')).toBe(false);

    // A usage summary counts what happened before now.
    harness.clock.now = new Date(start.getTime() + 1000);
    const summary = await harness.engine.usage(account, { period: 'current' });
    const byFeature = (key: string) => summary.features.find((feature) => feature.feature === key);
    expect(byFeature('image_generation')).toMatchObject({
      used: 3,
      remaining: 185,
      limit: 200,
      creditCost: { pool: 'credits', amount: 5 },
    });
    expect(byFeature('credits')).toMatchObject({ used: 15, remaining: 185 });
    expect(byFeature('credits')?.creditCost).toBeUndefined();

    const entitlements = await harness.engine.entitlements(account);
    expect(entitlements.entitlements.find((item) => item.feature === 'image_generation')).toMatchObject({
      remaining: 185,
      creditCost: { pool: 'credits', amount: 5 },
    });
    // The pool's balance is the one shown: the priced features have no grants of their own.
    const credits = await harness.engine.credits(account);
    expect(credits.balances.map((balance) => balance.feature)).toContain('credits');
    expect(credits.balances.map((balance) => balance.feature)).not.toContain('image_generation');
    // Also at a cost of 1: a chat message is still the pool's units, not a balance of its own.
    expect(credits.balances.map((balance) => balance.feature)).not.toContain('chat_message');
  });

  it('check is not allowed when the pool lacks N × cost; track is a 402 naming the pool and writes nothing', async () => {
    await harness.engine.track(account, { feature: 'credits', amount: 188, idempotencyKey: 'burn' });
    expect(await harness.engine.check(account, { feature: 'image_generation', amount: 2 })).toMatchObject({
      allowed: true,
      requested: 2,
      remaining: 12,
      limit: 200,
    });
    expect(await harness.engine.check(account, { feature: 'image_generation', amount: 3 })).toMatchObject({
      allowed: false,
      reason: 'insufficient_credits',
      remaining: 12,
    });
    expect(
      await denial(
        harness.engine.track(account, { feature: 'image_generation', amount: 3, idempotencyKey: 'too-many' }),
      ),
    ).toEqual({
      code: 'insufficient_credits',
      details: { feature: 'image_generation', requested: 3, remaining: 12, pool: 'credits', cost: 5 },
    });
    expect(await creditsLeft()).toBe(12);
    expect(
      await harness.scalar(
        'SELECT count(*) AS n FROM usage_events WHERE account_id = $1 AND idempotency_key = $2',
        [account, 'too-many'],
      ),
    ).toBe(0);
  });

  it('100 concurrent tracks mixing costs of 1 and 5 against 100 credits never overdraw the pool, to the unit', async () => {
    await harness.engine.track(account, { feature: 'credits', amount: 100, idempotencyKey: 'half' });
    const features = ['chat_message', 'image_generation', 'credits'] as const;
    const cost = { chat_message: 1, image_generation: 5, credits: 1 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, index) => {
        const feature = features[index % 3] as (typeof features)[number];
        return harness.engine
          .track(account, { feature, amount: 1, idempotencyKey: `mix-${index}` })
          .then(() => cost[feature]);
      }),
    );
    const spent = outcomes.reduce(
      (sum, outcome) => sum + (outcome.status === 'fulfilled' ? outcome.value : 0),
      0,
    );
    const denied = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(spent).toBeLessThanOrEqual(100);
    for (const outcome of denied) {
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_credits' });
    }
    // Exact accounting: the pool lost what the successful tracks cost, the ledger says so on the pool.
    expect(await creditsLeft()).toBe(100 - spent);
    expect(
      await harness.scalar(
        `SELECT -sum(amount) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage' AND reference LIKE 'mix-%'`,
        [account],
      ),
    ).toBe(spent);
    expect(
      await harness.scalar(
        `SELECT count(*) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage' AND feature_key <> 'credits'`,
        [account],
      ),
    ).toBe(0);
    expect(
      await harness.scalar('SELECT min(remaining) AS n FROM credit_grants WHERE account_id = $1', [account]),
    ).toBeGreaterThanOrEqual(0);
  });

  it('one group tracking images and credits together spends the same grants in order', async () => {
    await harness.engine.track(account, { feature: 'credits', amount: 190, idempotencyKey: 'most' });
    const answers = await Promise.allSettled([
      harness.engine.track(account, { feature: 'image_generation', amount: 1, idempotencyKey: 'a' }),
      harness.engine.track(account, { feature: 'credits', amount: 4, idempotencyKey: 'b' }),
      harness.engine.track(account, { feature: 'image_generation', amount: 1, idempotencyKey: 'c' }),
      harness.engine.track(account, { feature: 'chat_message', amount: 1, idempotencyKey: 'd' }),
    ]);
    expect(
      answers.map((answer) => (answer.status === 'fulfilled' ? answer.value.remaining : 'denied')),
    ).toEqual([5, 1, 'denied', 0]);
    expect(await creditsLeft()).toBe(0);
  });

  it('a reservation of images holds pool units, confirms in images and spends their cost', async () => {
    const hold = await harness.engine.reserve(account, {
      feature: 'image_generation',
      amount: 10,
      idempotencyKey: 'render',
    });
    expect(hold).toMatchObject({ feature: 'image_generation', amount: 10, status: 'held', remaining: 150 });
    expect(await creditsLeft()).toBe(150);
    const credits = await harness.engine.credits(account);
    expect(credits.balances.find((balance) => balance.feature === 'credits')).toMatchObject({
      available: 150,
      held: 50,
    });
    expect((await harness.engine.reservations(account)).data).toEqual([
      expect.objectContaining({ id: hold.id, feature: 'image_generation', amount: 10 }),
    ]);
    // The same key answers the same reservation; a different amount is a conflict.
    expect(
      await harness.engine.reserve(account, {
        feature: 'image_generation',
        amount: 10,
        idempotencyKey: 'render',
      }),
    ).toMatchObject({ id: hold.id });
    expect(
      await denial(
        harness.engine.reserve(account, { feature: 'image_generation', amount: 9, idempotencyKey: 'render' }),
      ),
    ).toMatchObject({ code: 'conflict' });
    // 150 left: 31 images (155 credits) cannot be held.
    expect(
      await denial(harness.engine.reserve(account, { feature: 'image_generation', amount: 31 })),
    ).toMatchObject({
      code: 'insufficient_credits',
      details: { requested: 31, remaining: 150, pool: 'credits', cost: 5 },
    });
    const confirmed = await harness.engine.confirmReservation(account, hold.id, { amount: 4 });
    expect(confirmed).toMatchObject({ feature: 'image_generation', confirmedAmount: 4, remaining: 180 });
    expect(await creditsLeft()).toBe(180);
    harness.clock.now = new Date(start.getTime() + 1000);
    const summary = await harness.engine.usage(account, { period: 'current', feature: 'image_generation' });
    expect(summary.features[0]).toMatchObject({ feature: 'image_generation', used: 4 });
  });

  it('an admin grant names the pool, not a feature priced in it (whatever its cost)', async () => {
    for (const feature of ['image_generation', 'chat_message']) {
      expect(
        await denial(
          harness.engine.grant(
            account,
            { feature, amount: 5, reason: 'oops', source: 'adjustment' },
            { type: 'admin', id: 'ops' },
          ),
        ),
      ).toMatchObject({ code: 'validation_failed', details: { issues: [{ field: 'body.feature' }] } });
    }
    expect(
      await harness.scalar(
        'SELECT count(*) AS n FROM credit_grants WHERE account_id = $1 AND feature_key <> $2',
        [account, 'credits'],
      ),
    ).toBe(0);
  });

  it('past the pool, a plan billing the pool’s overage bills a priced feature’s overage in pool units', async () => {
    const starter = demoCatalog.plans.starter;
    if (!starter) throw new Error('the demo catalog has no Starter');
    await syncCatalog(harness.db, createStripeGateway({}), {
      ...demoCatalog,
      plans: {
        ...demoCatalog.plans,
        starter: {
          ...starter,
          entitlements: {
            ...starter.entitlements,
            credits: { allowance: 200, reset: 'month', overage: { amount: 10, per: 1 } },
          },
        },
      },
    });
    try {
      const engine = createBillingEngine({
        db: harness.db,
        catalog: cachedCatalog(harness.db, 60_000),
        now: () => harness.clock.now,
      });
      await engine.track(account, { feature: 'credits', amount: 198, idempotencyKey: 'most' });
      const answer = await engine.track(account, {
        feature: 'image_generation',
        amount: 2,
        idempotencyKey: 'over',
      });
      expect(answer).toMatchObject({ feature: 'image_generation', amount: 2, remaining: 0, overageUnits: 8 });
      const { rows } = await harness.db.query<{ feature_key: string; units: string; amount: string }>(
        'SELECT feature_key, units, amount FROM usage_outbox WHERE account_id = $1',
        [account],
      );
      expect(rows.map((row) => [row.feature_key, Number(row.units), Number(row.amount)])).toEqual([
        ['credits', 8, 80],
      ]);
      const entitlements = (await engine.entitlements(account)).entitlements;
      for (const feature of ['credits', 'image_generation']) {
        expect(entitlements.find((entry) => entry.feature === feature)).toMatchObject({
          limit: 200,
          used: 208,
          remaining: 0,
          overageAllowed: true,
        });
      }
      harness.clock.now = new Date(start.getTime() + 1000);
      const usage = (await engine.usage(account, { period: 'current' })).features;
      expect(usage.find((feature) => feature.feature === 'credits')).toMatchObject({
        used: 208,
        overage: { units: 8, amount: { amount: 80, currency: 'USD' } },
      });
      expect(usage.find((feature) => feature.feature === 'image_generation')).toMatchObject({
        used: 2,
        overage: { units: 8 },
      });
    } finally {
      await syncCatalog(harness.db, createStripeGateway({}), demoCatalog);
    }
  });
});
