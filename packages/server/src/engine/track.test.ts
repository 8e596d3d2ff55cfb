import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BillingError } from '../billing-error.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';

let harness: EngineHarness;
let accountSeq = 0;

beforeAll(async () => {
  harness = await createEngineHarness();
});
afterAll(async () => {
  await harness?.close();
});

// A fresh account per test: the free tier's 100 scraping tasks a month is the balance of 100.
let account: string;
beforeEach(async () => {
  accountSeq += 1;
  account = `acct_${accountSeq}`;
  await harness.createAccount(account);
});

describe('track', () => {
  it('200 concurrent tracks of 1 against a balance of 100: exactly 100 succeed, the balance ends at 0, never below', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, index) =>
        harness.engine.track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: `k${index}` }),
      ),
    );
    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const denied = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(succeeded).toHaveLength(100);
    expect(denied).toHaveLength(100);
    for (const outcome of denied) {
      expect(outcome.reason).toBeInstanceOf(BillingError);
      expect((outcome.reason as BillingError).code).toBe('insufficient_credits');
      expect((outcome.reason as BillingError).status).toBe(402);
    }
    const remainders = succeeded.map(
      (outcome) => (outcome as PromiseFulfilledResult<{ remaining: number }>).value.remaining,
    );
    expect(Math.min(...remainders)).toBe(0);
    const credits = await harness.engine.credits(account);
    expect(credits.balances.find((balance) => balance.feature === 'scraping_tasks')?.available).toBe(0);
    expect(
      await harness.scalar('SELECT count(*) AS n FROM usage_events WHERE account_id = $1', [account]),
    ).toBe(100);
    expect(
      await harness.scalar('SELECT min(remaining) AS n FROM credit_grants WHERE account_id = $1', [account]),
    ).toBe(0);
    expect(
      await harness.scalar(
        `SELECT -sum(amount) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage'`,
        [account],
      ),
    ).toBe(100);
  });

  it('the same idempotency key sent 10 times concurrently is counted once, with the same answer each time', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        harness.engine.track(account, { feature: 'scraping_tasks', amount: 3, idempotencyKey: 'same-key' }),
      ),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.remaining).toBe(97);
    expect(
      await harness.scalar('SELECT count(*) AS n FROM usage_events WHERE account_id = $1', [account]),
    ).toBe(1);
    const check = await harness.engine.check(account, { feature: 'scraping_tasks', amount: 1 });
    expect(check.remaining).toBe(97);
  });

  it('the same key for other usage is a conflict', async () => {
    await harness.engine.track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: 'k' });
    await expect(
      harness.engine.track(account, { feature: 'scraping_tasks', amount: 2, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a denied track writes nothing and names the feature, the request and what is left', async () => {
    const denial = await harness.engine
      .track(account, { feature: 'credits', amount: 6, idempotencyKey: 'too-much' })
      .catch((error: unknown) => error);
    expect(denial).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'credits', requested: 6, remaining: 5 },
    });
    expect(
      await harness.scalar('SELECT count(*) AS n FROM usage_events WHERE account_id = $1', [account]),
    ).toBe(0);
    expect(
      await harness.scalar(
        `SELECT count(*) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage'`,
        [account],
      ),
    ).toBe(0);
    // The same key is free to succeed later.
    const later = await harness.engine.track(account, {
      feature: 'credits',
      amount: 5,
      idempotencyKey: 'too-much',
    });
    expect(later.remaining).toBe(0);
  });

  it('consumption draws from the grant that expires first', async () => {
    await harness.engine.grant(
      account,
      { feature: 'credits', amount: 10, reason: 'goodwill', source: 'promotion' },
      { type: 'admin', id: 'ops' },
    );
    await harness.engine.track(account, { feature: 'credits', amount: 7, idempotencyKey: 'draw' });
    const credits = await harness.engine.credits(account);
    const grants = credits.balances.find((balance) => balance.feature === 'credits')?.grants ?? [];
    expect(grants.map((grant) => [grant.source, grant.remaining])).toEqual([
      ['plan', 0],
      ['promotion', 8],
    ]);
    // The audit entry is dated by the engine's clock (a test clock, the demo's time travel), not the database's.
    const { rows } = await harness.db.query<{ at: Date }>(
      `SELECT at FROM audit_log WHERE account_id = $1 AND action = 'credits.granted'`,
      [account],
    );
    expect(rows.map((row) => new Date(row.at).toISOString())).toEqual([harness.clock.now.toISOString()]);
  });

  it('limit features move a stored count with ±N and stop at the limit with quota_exceeded', async () => {
    await harness.engine.track(account, { feature: 'projects', amount: 4, idempotencyKey: 'p1' });
    await expect(
      harness.engine.track(account, { feature: 'projects', amount: 2, idempotencyKey: 'p2' }),
    ).rejects.toMatchObject({ code: 'quota_exceeded', details: { feature: 'projects', remaining: 1 } });
    const removed = await harness.engine.track(account, {
      feature: 'projects',
      amount: -3,
      idempotencyKey: 'p3',
    });
    expect(removed.remaining).toBe(4);
    expect(await harness.engine.check(account, { feature: 'projects', amount: 4 })).toMatchObject({
      allowed: true,
    });
    expect(
      await harness.engine.check(account, { feature: 'projects', amount: 1, currentCount: 5 }),
    ).toMatchObject({
      allowed: false,
      reason: 'quota_exceeded',
      remaining: 0,
    });
  });

  it('check answers for booleans, unknown features and unlimited allowances', async () => {
    expect(await harness.engine.check(account, { feature: 'sso', amount: 1 })).toMatchObject({
      allowed: false,
      reason: 'not_entitled',
    });
    expect(await harness.engine.check(account, { feature: 'nope', amount: 1 })).toMatchObject({
      allowed: false,
      kind: null,
      reason: 'unknown_feature',
    });
    await harness.subscribe(account, 'ultimate');
    const tokens = await harness.engine.track(account, {
      feature: 'tokens',
      amount: 10_000_000,
      idempotencyKey: 't',
    });
    expect(tokens).toMatchObject({ unlimited: true, remaining: null, overageUnits: 0 });
  });

  it('past the allowance, a plan with an overage price allows the usage and queues the overage for Stripe', async () => {
    await harness.subscribe(account, 'pro');
    const check = await harness.engine.check(account, { feature: 'voice_words', amount: 1500 });
    expect(check).toMatchObject({ allowed: true, overage: true, remaining: 0 });
    const tracked = await harness.engine.track(account, {
      feature: 'voice_words',
      amount: 1500,
      idempotencyKey: 'v',
    });
    expect(tracked.overageUnits).toBe(1500);
    const { rows } = await harness.db.query<{ units: number; amount: number }>(
      'SELECT units, amount FROM usage_outbox WHERE account_id = $1',
      [account],
    );
    expect(rows.map((row) => [Number(row.units), Number(row.amount)])).toEqual([[1500, 150]]);
  });

  it('add-ons add to the plan: an extra storage add-on raises the storage limit by 10 GB per unit', async () => {
    await harness.subscribe(account, 'starter', { addOns: [{ id: 'extra_storage', quantity: 2 }] });
    expect(await harness.engine.check(account, { feature: 'storage_gb', amount: 30 })).toMatchObject({
      allowed: true,
      limit: 30,
    });
    expect(await harness.engine.check(account, { feature: 'storage_gb', amount: 31 })).toMatchObject({
      allowed: false,
      reason: 'quota_exceeded',
    });
  });

  it('a free account without the feature is told it is not entitled, and track is refused', async () => {
    expect(await harness.engine.check(account, { feature: 'voice_words', amount: 1 })).toMatchObject({
      allowed: false,
      reason: 'not_entitled',
    });
    await expect(
      harness.engine.track(account, { feature: 'voice_words', amount: 1, idempotencyKey: 'v' }),
    ).rejects.toMatchObject({ code: 'insufficient_credits' });
  });

  it('a plan changed behind the engine (another process, a row written by hand) counts at the next check and track', async () => {
    // The engine remembers the free plan's 100 scraping tasks from this track ...
    await harness.engine.track(account, { feature: 'scraping_tasks', amount: 100, idempotencyKey: 'before' });
    await expect(
      harness.engine.track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: 'denied' }),
    ).rejects.toMatchObject({ code: 'insufficient_credits' });
    expect(await harness.engine.check(account, { feature: 'scraping_tasks', amount: 1 })).toMatchObject({
      allowed: false,
      limit: 100,
    });
    // ... and another process moves the account to starter (250 a month) without telling it.
    await harness.subscribe(account, 'starter');
    expect(await harness.engine.check(account, { feature: 'scraping_tasks', amount: 1 })).toMatchObject({
      allowed: true,
      limit: 250,
      remaining: 250,
    });
    const after = await harness.engine.track(account, {
      feature: 'scraping_tasks',
      amount: 1,
      idempotencyKey: 'after',
    });
    expect(after.remaining).toBe(249);
    // And back to the free tier: its grant, spent, counts again at once.
    await harness.db.query('DELETE FROM subscriptions WHERE account_id = $1', [account]);
    await harness.db.query('UPDATE accounts SET plan_id = NULL WHERE id = $1', [account]);
    await expect(
      harness.engine.track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: 'free-again' }),
    ).rejects.toMatchObject({ code: 'insufficient_credits', details: { remaining: 0 } });
    expect(await harness.engine.check(account, { feature: 'scraping_tasks', amount: 1 })).toMatchObject({
      allowed: false,
      limit: 100,
      remaining: 0,
    });
  });
});
