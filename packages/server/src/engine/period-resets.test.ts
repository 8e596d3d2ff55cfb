import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';
import { grantPaidPurchase } from './purchase-grants.js';

let harness: EngineHarness;

beforeAll(async () => {
  harness = await createEngineHarness({ now: new Date('2026-11-30T22:00:00.000Z') });
});
afterAll(async () => {
  await harness?.close();
});

const available = async (account: string, feature: string) =>
  (await harness.engine.credits(account)).balances.find((balance) => balance.feature === feature)?.available;

async function buyPack(account: string, purchaseId: string, paidAt: Date) {
  await harness.db.query(
    `INSERT INTO purchases (id, account_id, credit_pack_id, status, amount, currency, paid_at)
     VALUES ($1, $2, 'credits_50', 'paid', 500, 'USD', $3)`,
    [purchaseId, account, paidAt],
  );
  return harness.db.transaction((tx) => grantPaidPurchase(tx, purchaseId));
}

describe('credits reset, never accumulate', () => {
  it('a period boundary passed with no job run: the new allowance is there and the old one gone', async () => {
    harness.clock.now = new Date('2026-11-30T22:00:00.000Z');
    await harness.createAccount('boundary');
    await harness.engine.track('boundary', { feature: 'credits', amount: 3, idempotencyKey: 'a' });
    await harness.engine.track('boundary', { feature: 'scraping_tasks', amount: 40, idempotencyKey: 'b' });
    expect(await available('boundary', 'credits')).toBe(2);
    expect(await available('boundary', 'scraping_tasks')).toBe(60);

    harness.clock.now = new Date('2026-12-01T00:00:01.000Z');
    expect(await available('boundary', 'credits')).toBe(5);
    expect(await available('boundary', 'scraping_tasks')).toBe(100);
    const ledger = await harness.engine.ledger('boundary', { limit: 100 });
    const expiries = ledger.data.filter(
      (entry) => entry.type === 'expiry' && ['credits', 'scraping_tasks'].includes(entry.feature),
    );
    expect(expiries.map((entry) => [entry.feature, entry.amount, entry.at]).sort()).toEqual([
      ['credits', -2, '2026-12-01T00:00:00.000Z'],
      ['scraping_tasks', -60, '2026-12-01T00:00:00.000Z'],
    ]);
  });

  it('a reset job run twice (and late) changes nothing the second time', async () => {
    harness.clock.now = new Date('2026-12-02T09:00:00.000Z');
    await harness.createAccount('job-twice');
    const first = await harness.engine.openCurrentPeriods(['job-twice']);
    expect(first).toBeGreaterThan(0);
    const grantsAfterFirst = await harness.db.query(
      'SELECT * FROM credit_grants WHERE account_id = $1 ORDER BY id',
      ['job-twice'],
    );
    const ledgerAfterFirst = await harness.engine.ledger('job-twice', { limit: 100 });
    expect(await harness.engine.openCurrentPeriods(['job-twice'])).toBe(0);
    const grantsAfterSecond = await harness.db.query(
      'SELECT * FROM credit_grants WHERE account_id = $1 ORDER BY id',
      ['job-twice'],
    );
    expect(grantsAfterSecond.rows).toEqual(grantsAfterFirst.rows);
    expect(await harness.engine.ledger('job-twice', { limit: 100 })).toEqual(ledgerAfterFirst);
    expect(await available('job-twice', 'credits')).toBe(5);
  });

  it('a pack bought mid-period survives the reset and expires on its own date', async () => {
    harness.clock.now = new Date('2026-12-10T12:00:00.000Z');
    await harness.createAccount('pack');
    expect(await buyPack('pack', 'pur_1', harness.clock.now)).toBe(true);
    // The checkout and payment-intent events both settle the purchase: the second grants nothing.
    expect(await harness.db.transaction((tx) => grantPaidPurchase(tx, 'pur_1'))).toBe(false);
    expect(await available('pack', 'credits')).toBe(55);
    await harness.engine.track('pack', { feature: 'credits', amount: 8, idempotencyKey: 'x' });
    // The daily allowance (soonest to expire) went first: 5 from it, 3 from the pack.
    expect(await available('pack', 'credits')).toBe(47);

    harness.clock.now = new Date('2027-01-05T12:00:00.000Z');
    expect(await available('pack', 'credits')).toBe(52);

    harness.clock.now = new Date('2027-03-10T11:59:59.000Z');
    expect(await available('pack', 'credits')).toBe(52);
    harness.clock.now = new Date('2027-03-10T12:00:00.000Z');
    expect(await available('pack', 'credits')).toBe(5);
    const ledger = await harness.engine.ledger('pack', { limit: 5, feature: 'credits' });
    expect(ledger.data[0]).toMatchObject({
      type: 'expiry',
      amount: -47,
      source: 'credit_pack',
      at: '2027-03-10T12:00:00.000Z',
    });
  });

  it('concurrent tracks opening a new period beside a live pack all succeed, the new allowance spent first', async () => {
    harness.clock.now = new Date('2027-04-01T10:00:00.000Z');
    await harness.createAccount('rush');
    await buyPack('rush', 'pur_rush', harness.clock.now);
    expect(await available('rush', 'credits')).toBe(55);
    harness.clock.now = new Date('2027-04-02T00:00:00.500Z');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, index) =>
        harness.engine.track('rush', { feature: 'credits', amount: 1, idempotencyKey: `rush-${index}` }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const grants = (await harness.engine.credits('rush')).balances.find(
      (balance) => balance.feature === 'credits',
    )?.grants;
    expect(grants?.map((grant) => [grant.source, grant.remaining])).toEqual([
      ['plan', 0],
      ['credit_pack', 25],
    ]);
  });

  it('yearly plans reset monthly, anchored to the subscription start', async () => {
    harness.clock.now = new Date('2027-01-20T00:00:00.000Z');
    await harness.createAccount('yearly');
    await harness.subscribe('yearly', 'starter', {
      interval: 'year',
      startedAt: new Date('2026-11-15T08:00:00.000Z'),
    });
    await harness.engine.track('yearly', { feature: 'credits', amount: 150, idempotencyKey: 'y' });
    expect(await available('yearly', 'credits')).toBe(50);
    const credits = await harness.engine.credits('yearly');
    expect(credits.balances.find((balance) => balance.feature === 'credits')?.grants[0]).toMatchObject({
      effectiveAt: '2027-01-15T08:00:00.000Z',
      expiresAt: '2027-02-15T08:00:00.000Z',
    });
    harness.clock.now = new Date('2027-02-15T08:00:00.000Z');
    expect(await available('yearly', 'credits')).toBe(200);
  });

  it('a plan change stops the old plan allowance at once and opens the new one', async () => {
    harness.clock.now = new Date('2027-01-20T00:00:00.000Z');
    await harness.createAccount('upgrade');
    await harness.subscribe('upgrade', 'starter');
    await harness.engine.track('upgrade', { feature: 'credits', amount: 50, idempotencyKey: 'u' });
    expect(await available('upgrade', 'credits')).toBe(150);
    await harness.subscribe('upgrade', 'pro');
    expect(await available('upgrade', 'credits')).toBe(400);
  });
});
