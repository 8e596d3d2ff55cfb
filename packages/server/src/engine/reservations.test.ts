import type { ReservationResult } from '@billing-kit/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BillingError } from '../billing-error.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';

// Reservations (SPEC §2 "Beyond the seeds"): a hold counts as spent until confirmed, released or expired.
// A fresh account per test: the free tier's 100 scraping tasks a month is the balance of 100.
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
  account = `acct_hold_${accountSeq}`;
  await harness.createAccount(account);
});

const scraping = (amount: number, idempotencyKey?: string, ttlSeconds?: number) => ({
  feature: 'scraping_tasks',
  amount,
  idempotencyKey,
  ttlSeconds,
});
const remaining = async () =>
  (await harness.engine.check(account, { feature: 'scraping_tasks', amount: 1 })).remaining;
const usageSpent = () =>
  harness.scalar(
    `SELECT -coalesce(sum(amount), 0) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage'`,
    [account],
  );
const denial = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => error,
  );

describe('reservations', () => {
  it('100 concurrent reservations of 2 against a balance of 100: exactly 50 hold, the other 50 get 402', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, index) => harness.engine.reserve(account, scraping(2, `r${index}`))),
    );
    const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const denied = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(held).toHaveLength(50);
    expect(denied).toHaveLength(50);
    for (const outcome of denied) {
      expect(outcome.reason).toBeInstanceOf(BillingError);
      expect(outcome.reason).toMatchObject({ code: 'insufficient_credits', status: 402 });
    }
    expect(await remaining()).toBe(0);
    expect(
      await harness.scalar(
        `SELECT sum(amount) AS n FROM credit_holds WHERE account_id = $1 AND status = 'held'`,
        [account],
      ),
    ).toBe(100);
    const credits = await harness.engine.credits(account);
    expect(credits.balances.find((balance) => balance.feature === 'scraping_tasks')).toMatchObject({
      available: 0,
      held: 100,
    });
  });

  it('concurrent reservations and tracks never spend or hold more than the balance together', async () => {
    const work = Array.from({ length: 90 }, (_, index) =>
      index % 3 === 0
        ? harness.engine.reserve(account, scraping(3, `r${index}`)).then(() => 3)
        : harness.engine
            .track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: `t${index}` })
            .then(() => 1),
    );
    const outcomes = await Promise.allSettled(work);
    const taken = outcomes.reduce(
      (sum, outcome) => sum + (outcome.status === 'fulfilled' ? outcome.value : 0),
      0,
    );
    const held = await harness.scalar(
      `SELECT coalesce(sum(amount), 0) AS n FROM credit_holds WHERE account_id = $1 AND status = 'held'`,
      [account],
    );
    expect(held + (await usageSpent())).toBe(taken);
    expect(taken).toBeLessThanOrEqual(100);
    expect(await remaining()).toBe(100 - taken);
  });

  it('track cannot spend held units', async () => {
    const hold = await harness.engine.reserve(account, scraping(70, 'job'));
    expect(hold).toMatchObject({ feature: 'scraping_tasks', amount: 70, status: 'held', remaining: 30 });
    const refused = await denial(
      harness.engine.track(account, { feature: 'scraping_tasks', amount: 31, idempotencyKey: 't' }),
    );
    expect(refused).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'scraping_tasks', requested: 31, remaining: 30 },
    });
    const tracked = await harness.engine.track(account, {
      feature: 'scraping_tasks',
      amount: 30,
      idempotencyKey: 't',
    });
    expect(tracked.remaining).toBe(0);
    expect(await harness.engine.check(account, { feature: 'scraping_tasks', amount: 1 })).toMatchObject({
      allowed: false,
      remaining: 0,
      reason: 'insufficient_credits',
    });
    // The held units are still in the grant, for the reservation to spend.
    const confirmed = await harness.engine.confirmReservation(account, hold.id, { amount: 70 });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAmount: 70, remaining: 0 });
    expect(await usageSpent()).toBe(100);
  });

  it('confirming less than held gives the rest back, recorded as usage like a track', async () => {
    const hold = await harness.engine.reserve(account, scraping(40, 'job'));
    const confirmed = await harness.engine.confirmReservation(account, hold.id, { amount: 25 });
    expect(confirmed).toMatchObject({ status: 'confirmed', amount: 40, confirmedAmount: 25, remaining: 75 });
    expect(await remaining()).toBe(75);
    expect(await usageSpent()).toBe(25);
    const { rows } = await harness.db.query<{ idempotency_key: string; amount: number }>(
      'SELECT e.idempotency_key, e.amount FROM credit_holds h JOIN usage_events e ON e.id = h.usage_event_id WHERE h.id = $1',
      [hold.id],
    );
    expect(rows.map((row) => [row.idempotency_key, Number(row.amount)])).toEqual([
      [`reservation:${hold.id}`, 25],
    ]);
    expect((await harness.engine.reservations(account)).data).toEqual([]);
  });

  it('confirming more than held draws the difference when it is there', async () => {
    const hold = await harness.engine.reserve(account, scraping(40, 'job'));
    const confirmed = await harness.engine.confirmReservation(account, hold.id, { amount: 90 });
    expect(confirmed).toMatchObject({ confirmedAmount: 90, remaining: 10 });
    expect(await usageSpent()).toBe(90);
  });

  it('confirming more than is available is 402 and changes nothing: the hold stays held', async () => {
    const hold = await harness.engine.reserve(account, scraping(40, 'job'));
    await harness.engine.reserve(account, scraping(50, 'other'));
    const refused = await denial(harness.engine.confirmReservation(account, hold.id, { amount: 51 }));
    expect(refused).toMatchObject({
      code: 'insufficient_credits',
      status: 402,
      details: { requested: 51, remaining: 50 },
    });
    expect(await usageSpent()).toBe(0);
    expect(await remaining()).toBe(10);
    expect((await harness.engine.reservations(account)).data.map((item) => item.id)).toContain(hold.id);
    expect(await harness.engine.confirmReservation(account, hold.id, { amount: 50 })).toMatchObject({
      confirmedAmount: 50,
      remaining: 0,
    });
  });

  it('confirming again answers the same; another amount, a released or a confirmed hold is 409', async () => {
    const hold = await harness.engine.reserve(account, scraping(10, 'job'));
    const first = await harness.engine.confirmReservation(account, hold.id, { amount: 8 });
    const again = await harness.engine.confirmReservation(account, hold.id, { amount: 8 });
    expect(again).toEqual(first);
    expect(await usageSpent()).toBe(8);
    expect(await denial(harness.engine.confirmReservation(account, hold.id, { amount: 9 }))).toMatchObject({
      code: 'conflict',
    });
    expect(await denial(harness.engine.releaseReservation(account, hold.id))).toMatchObject({
      code: 'conflict',
    });
    const other = await harness.engine.reserve(account, scraping(10, 'other'));
    await harness.engine.releaseReservation(account, other.id);
    expect(await denial(harness.engine.confirmReservation(account, other.id, { amount: 1 }))).toMatchObject({
      code: 'conflict',
      message: 'The reservation was released',
    });
  });

  it('confirming 0 settles the hold and records no usage', async () => {
    const hold = await harness.engine.reserve(account, scraping(10, 'job'));
    expect(await harness.engine.confirmReservation(account, hold.id, { amount: 0 })).toMatchObject({
      status: 'confirmed',
      confirmedAmount: 0,
      remaining: 100,
    });
    expect(
      await harness.scalar('SELECT count(*) AS n FROM usage_events WHERE account_id = $1', [account]),
    ).toBe(0);
  });

  it('release gives the units back, once', async () => {
    const hold = await harness.engine.reserve(account, scraping(60, 'job'));
    expect(await remaining()).toBe(40);
    const { entitlements } = await harness.engine.entitlements(account);
    // Held units are not used (nothing was consumed) and not remaining either.
    expect(entitlements.find((entry) => entry.feature === 'scraping_tasks')).toMatchObject({
      limit: 100,
      used: 0,
      remaining: 40,
    });
    const released = await harness.engine.releaseReservation(account, hold.id);
    expect(released).toMatchObject({ status: 'released', remaining: 100 });
    expect(await harness.engine.releaseReservation(account, hold.id)).toMatchObject({
      status: 'released',
      remaining: 100,
    });
    expect(await remaining()).toBe(100);
    expect(await usageSpent()).toBe(0);
  });

  it('a hold past its ttl is available again without any sweep, and confirming it is 409', async () => {
    const hold = await harness.engine.reserve(account, scraping(60, 'job', 60));
    expect(hold.expiresAt).toBe('2026-11-23T12:01:00.000Z');
    harness.clock.now = new Date('2026-11-23T12:00:59.999Z');
    expect(await remaining()).toBe(40);
    harness.clock.now = new Date('2026-11-23T12:01:00.000Z');
    expect(await remaining()).toBe(100);
    expect((await harness.engine.reservations(account)).data).toEqual([]);
    expect(await denial(harness.engine.confirmReservation(account, hold.id, { amount: 10 }))).toMatchObject({
      code: 'conflict',
      message: 'The reservation expired; its credits were returned',
    });
    expect(await harness.engine.releaseReservation(account, hold.id)).toMatchObject({
      status: 'expired',
      remaining: 100,
    });
    const tracked = await harness.engine.track(account, {
      feature: 'scraping_tasks',
      amount: 100,
      idempotencyKey: 'all',
    });
    expect(tracked.remaining).toBe(0);
  });

  it('two sweepers at once mark each expired hold once and move no balance', async () => {
    const holds: ReservationResult[] = [];
    for (let index = 0; index < 20; index += 1) {
      holds.push(await harness.engine.reserve(account, scraping(2, `job${index}`, 60)));
    }
    const kept = await harness.engine.reserve(account, scraping(5, 'kept', 3600));
    harness.clock.now = new Date('2026-11-23T12:05:00.000Z');
    const before = await harness.engine.credits(account);
    const [first, second] = await Promise.all([
      harness.engine.sweepExpiredHolds(),
      harness.engine.sweepExpiredHolds(),
    ]);
    const swept = [...(first ?? []), ...(second ?? [])];
    expect(new Set(first).size + new Set(second).size).toBe(new Set(swept).size);
    const ours = swept.filter((id) => holds.some((hold) => hold.id === id));
    expect(ours.sort()).toEqual(holds.map((hold) => hold.id).sort());
    expect(swept).not.toContain(kept.id);
    expect(await harness.engine.credits(account)).toEqual(before);
    expect(await remaining()).toBe(95);
    expect(await harness.engine.sweepExpiredHolds()).toEqual([]);
    expect(
      await harness.scalar(
        `SELECT count(*) AS n FROM credit_holds WHERE account_id = $1 AND status = 'expired'`,
        [account],
      ),
    ).toBe(20);
  });

  it('a confirm and a release racing for one hold: exactly one settles it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const hold = await harness.engine.reserve(account, scraping(10, `race${round}`));
      const [confirmed, released] = await Promise.allSettled([
        harness.engine.confirmReservation(account, hold.id, { amount: 10 }),
        harness.engine.releaseReservation(account, hold.id),
      ]);
      expect([confirmed?.status, released?.status].filter((status) => status === 'fulfilled')).toHaveLength(
        1,
      );
      const failed = confirmed?.status === 'rejected' ? confirmed : released;
      expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    }
    const { rows } = await harness.db.query<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM credit_holds WHERE account_id = $1 GROUP BY status',
      [account],
    );
    const confirmedHolds = Number(rows.find((row) => row.status === 'confirmed')?.n ?? 0);
    expect(await usageSpent()).toBe(confirmedHolds * 10);
    expect(await remaining()).toBe(100 - confirmedHolds * 10);
  });

  it('a confirm racing a sweeper at the expiry: the hold is either confirmed with its usage or expired without', async () => {
    const holds: ReservationResult[] = [];
    for (let index = 0; index < 5; index += 1) {
      holds.push(await harness.engine.reserve(account, scraping(10, `edge${index}`, 60)));
    }
    const [swept, ...confirms] = await Promise.all([
      harness.engine.sweepExpiredHolds(new Date('2026-11-23T12:01:00.000Z')),
      ...holds.map((hold) =>
        harness.engine.confirmReservation(account, hold.id, { amount: 10 }).then(
          () => 'confirmed',
          (error: unknown) => (error as BillingError).code,
        ),
      ),
    ]);
    holds.forEach((hold, index) => {
      expect(swept.includes(hold.id)).toBe(confirms[index] === 'conflict');
    });
    const confirmedCount = confirms.filter((outcome) => outcome === 'confirmed').length;
    expect(await usageSpent()).toBe(confirmedCount * 10);
  });

  it('an admin removal cannot take held units', async () => {
    await harness.engine.reserve(account, scraping(60, 'job'));
    const removed = await harness.engine.grant(
      account,
      { feature: 'scraping_tasks', amount: -100, reason: 'abuse', source: 'adjustment' },
      { type: 'admin', id: 'ops' },
    );
    expect(removed.amount).toBe(-40);
    const credits = await harness.engine.credits(account);
    expect(credits.balances.find((balance) => balance.feature === 'scraping_tasks')).toMatchObject({
      available: 0,
      held: 60,
    });
  });

  it('with an overage price a hold may go past the balance, and its confirmation bills the overage', async () => {
    await harness.subscribe(account, 'pro');
    const hold = await harness.engine.reserve(account, {
      feature: 'voice_words',
      amount: 1500,
      idempotencyKey: 'v',
    });
    expect(hold).toMatchObject({ status: 'held', remaining: 0 });
    await harness.engine.confirmReservation(account, hold.id, { amount: 1200 });
    expect(
      await harness.scalar(
        'SELECT sum(units) AS n FROM usage_outbox WHERE account_id = $1 AND feature_key = $2',
        [account, 'voice_words'],
      ),
    ).toBe(1200);
  });

  it('the same key twice answers the same reservation; the same key for another one is 409', async () => {
    const first = await harness.engine.reserve(account, scraping(30, 'job'));
    const [again, concurrent] = await Promise.all([
      harness.engine.reserve(account, scraping(30, 'job')),
      harness.engine.reserve(account, scraping(30, 'job')),
    ]);
    expect(again.id).toBe(first.id);
    expect(concurrent.id).toBe(first.id);
    expect(await remaining()).toBe(70);
    expect(await denial(harness.engine.reserve(account, scraping(31, 'job')))).toMatchObject({
      code: 'conflict',
    });
    expect(await denial(harness.engine.reserve(account, scraping(30, 'job', 60)))).toMatchObject({
      code: 'conflict',
    });
  });

  it('a plan change during a hold keeps it; confirming draws from the new plan’s allowance', async () => {
    const hold = await harness.engine.reserve(account, scraping(80, 'job'));
    expect(await remaining()).toBe(20);
    await harness.subscribe(account, 'pro');
    expect(await remaining()).toBe(920);
    const confirmed = await harness.engine.confirmReservation(account, hold.id, { amount: 150 });
    expect(confirmed).toMatchObject({ confirmedAmount: 150, remaining: 850 });
  });

  it('a grant or a period reset during a hold keeps it, counted once against the new balance', async () => {
    harness.clock.now = new Date('2026-11-30T23:50:00.000Z');
    const hold = await harness.engine.reserve(account, scraping(30, 'late', 3600));
    await harness.engine.grant(
      account,
      { feature: 'scraping_tasks', amount: 50, reason: 'goodwill', source: 'promotion' },
      { type: 'admin', id: 'ops' },
    );
    expect(await remaining()).toBe(120);
    // December's allowance replaces November's; the hold, still live, now holds from it and the promotion.
    harness.clock.now = new Date('2026-12-01T00:10:00.000Z');
    expect(await remaining()).toBe(120);
    const confirmed = await harness.engine.confirmReservation(account, hold.id, { amount: 30 });
    expect(confirmed).toMatchObject({ confirmedAmount: 30, remaining: 120 });
  });

  it('only metered features can be reserved; an unknown reservation is not found', async () => {
    expect(await denial(harness.engine.reserve(account, { feature: 'projects', amount: 1 }))).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ field: 'body.feature' }] },
    });
    expect(await denial(harness.engine.reserve(account, { feature: 'sso', amount: 1 }))).toMatchObject({
      code: 'validation_failed',
    });
    expect(await denial(harness.engine.reserve(account, scraping(1, undefined, 86_401)))).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ field: 'body.ttlSeconds' }] },
    });
    expect(await denial(harness.engine.confirmReservation(account, '999999', { amount: 1 }))).toMatchObject({
      code: 'not_found',
    });
    const other = `${account}_other`;
    await harness.createAccount(other);
    const hold = await harness.engine.reserve(other, scraping(1));
    expect(await denial(harness.engine.releaseReservation(account, hold.id))).toMatchObject({
      code: 'not_found',
    });
  });

  it('a denied reservation writes nothing', async () => {
    expect(await denial(harness.engine.reserve(account, scraping(101, 'big')))).toMatchObject({
      code: 'insufficient_credits',
      details: { feature: 'scraping_tasks', requested: 101, remaining: 100 },
    });
    expect(
      await harness.scalar('SELECT count(*) AS n FROM credit_holds WHERE account_id = $1', [account]),
    ).toBe(0);
  });

  it('an unlimited feature records the hold and limits nothing', async () => {
    await harness.subscribe(account, 'ultimate');
    const hold = await harness.engine.reserve(account, {
      feature: 'tokens',
      amount: 5_000_000,
      idempotencyKey: 'u',
    });
    expect(hold).toMatchObject({ status: 'held', remaining: null });
    expect(await harness.engine.check(account, { feature: 'tokens', amount: 10_000_000 })).toMatchObject({
      allowed: true,
    });
    expect(await harness.engine.confirmReservation(account, hold.id, { amount: 7 })).toMatchObject({
      confirmedAmount: 7,
      remaining: null,
    });
  });
});
