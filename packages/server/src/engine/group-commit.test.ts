import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { cachedCatalog } from '../domain/catalog/catalog-cache.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';
import { createBillingEngine } from './engine.js';

// Concurrent tracks of an account share a transaction and concurrent checks share a read (group commit);
// these tests hold what sharing must not change — order, exactly-once, each track's own answer — and that
// the sharing happens at all.
let harness: EngineHarness;
let accountSeq = 0;
let account: string;

beforeAll(async () => {
  harness = await createEngineHarness();
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  accountSeq += 1;
  account = `acct_group_${accountSeq}`;
  await harness.createAccount(account);
});

/**
 * The engine over the same database, counting its transactions, the statements that read grants, and the
 * groups the track function decided (calls answering `ok`; a call that only found a period to open decides
 * nothing).
 */
function countingEngine() {
  const counts = { transactions: 0, grantReads: 0, decided: 0, statements: 0 };
  const db = harness.db as Database;
  const counting: Database = Object.create(db);
  counting.query = (async (sql: string, params?: unknown[]) => {
    counts.statements += 1;
    if (/FROM credit_grants\s+WHERE account_id = \$1/.test(sql)) counts.grantReads += 1;
    const result = await db.query<{ answer?: { status: string } }>(sql, params);
    if (sql.includes('bk_track_metered(') && result.rows[0]?.answer?.status === 'ok') counts.decided += 1;
    return result;
  }) as Database['query'];
  counting.transaction = ((work: Parameters<Database['transaction']>[0]) => {
    counts.transactions += 1;
    return db.transaction(work);
  }) as Database['transaction'];
  const engine = createBillingEngine({
    db: counting,
    catalog: cachedCatalog(db, 60_000),
    now: () => harness.clock.now,
  });
  return { engine, counts };
}

type Engine = ReturnType<typeof countingEngine>['engine'];

/** `count` concurrent tracks of 1 scraping task, keyed `${keyPrefix}0`, `${keyPrefix}1`, …, answered in order. */
function concurrentTracks(engine: Engine, count: number, keyPrefix: string) {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      engine.track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: `${keyPrefix}${index}` }),
    ),
  );
}

describe('group commit', () => {
  it('50 concurrent tracks of one account are decided by one call of the track function', async () => {
    const { engine, counts } = countingEngine();
    const answers = await concurrentTracks(engine, 50, 'g');
    expect(counts.decided).toBe(1);
    expect(counts.transactions).toBe(0);
    // Spent in arrival order: each answer's remaining is what was left after it.
    expect(answers.map((answer) => answer.remaining)).toEqual(
      Array.from({ length: 50 }, (_, index) => 99 - index),
    );
    expect(
      await harness.scalar('SELECT count(*) AS n FROM usage_events WHERE account_id = $1', [account]),
    ).toBe(50);
    expect(
      await harness.scalar(
        `SELECT count(*) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage'`,
        [account],
      ),
    ).toBe(50);
  });

  it('once the plan is remembered and the period open, a group of tracks is one statement: one round trip', async () => {
    const { engine, counts } = countingEngine();
    await engine.track(account, { feature: 'scraping_tasks', amount: 1, idempotencyKey: 'warm' });
    counts.statements = 0;
    const answers = await concurrentTracks(engine, 20, 'one');
    expect(counts.statements).toBe(1);
    expect(counts.transactions).toBe(0);
    expect(answers.map((answer) => answer.remaining)).toEqual(
      Array.from({ length: 20 }, (_, index) => 98 - index),
    );
  });

  it('tracks arriving while a group runs are decided after it, in arrival order', async () => {
    const { engine, counts } = countingEngine();
    const calls: Promise<{ remaining: number | null }>[] = [];
    for (let wave = 0; wave < 5; wave += 1) {
      for (let index = 0; index < 10; index += 1) {
        calls.push(
          engine.track(account, {
            feature: 'scraping_tasks',
            amount: 1,
            idempotencyKey: `w${wave}-${index}`,
          }),
        );
      }
      // The next wave arrives while this one's group is being decided.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const answers = await Promise.all(calls);
    expect(counts.decided).toBeGreaterThan(1);
    expect(answers.map((answer) => answer.remaining)).toEqual(
      Array.from({ length: 50 }, (_, index) => 99 - index),
    );
  });

  it('30 concurrent checks of one feature read the grants once, not thirty times, and agree', async () => {
    const { engine, counts } = countingEngine();
    await engine.track(account, { feature: 'scraping_tasks', amount: 7, idempotencyKey: 'before' });
    counts.grantReads = 0;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        engine.check(account, { feature: 'scraping_tasks', amount: index + 1 }),
      ),
    );
    expect(counts.grantReads).toBe(1);
    for (const answer of answers) expect(answer).toMatchObject({ allowed: true, remaining: 93, limit: 100 });
    expect(answers.map((answer) => answer.requested)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('a denied track in a group writes nothing and the tracks around it still count', async () => {
    const { results } = await harness.engine.trackBatch(account, [
      { feature: 'scraping_tasks', amount: 60, idempotencyKey: 'a' },
      { feature: 'scraping_tasks', amount: 50, idempotencyKey: 'b' },
      { feature: 'scraping_tasks', amount: 40, idempotencyKey: 'c' },
    ]);
    expect(results).toMatchObject([
      { ok: true, idempotencyKey: 'a', result: { remaining: 40 } },
      { ok: false, idempotencyKey: 'b', error: { code: 'insufficient_credits' } },
      { ok: true, idempotencyKey: 'c', result: { remaining: 0 } },
    ]);
    expect(
      await harness.scalar(
        'SELECT count(*) AS n FROM usage_events WHERE account_id = $1 AND idempotency_key = $2',
        [account, 'b'],
      ),
    ).toBe(0);
    expect(
      await harness.scalar(
        `SELECT -sum(amount) AS n FROM ledger_entries WHERE account_id = $1 AND type = 'usage'`,
        [account],
      ),
    ).toBe(100);
    // The denied key was not used up: once there are credits again, the same key records.
    await harness.engine.grant(
      account,
      { feature: 'scraping_tasks', amount: 50, reason: 'top up', source: 'promotion' },
      { type: 'system', id: 'test' },
    );
    const retried = await harness.engine.track(account, {
      feature: 'scraping_tasks',
      amount: 50,
      idempotencyKey: 'b',
    });
    expect(retried.remaining).toBe(0);
  });

  it('a key repeated within a group counts once and answers alike; other usage under it is a conflict', async () => {
    const { results } = await harness.engine.trackBatch(account, [
      { feature: 'scraping_tasks', amount: 5, idempotencyKey: 'k1' },
      { feature: 'scraping_tasks', amount: 5, idempotencyKey: 'k1' },
      { feature: 'scraping_tasks', amount: 3, idempotencyKey: 'k2' },
      { feature: 'scraping_tasks', amount: 6, idempotencyKey: 'k1' },
    ]);
    expect(results[0]).toMatchObject({ ok: true, result: { remaining: 95 } });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toMatchObject({ ok: true, result: { remaining: 92 } });
    expect(results[3]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      await harness.scalar('SELECT count(*) AS n FROM usage_events WHERE account_id = $1', [account]),
    ).toBe(2);
  });

  it('a group mixing features, a limit feature and an unknown one answers each on its own', async () => {
    const { results } = await harness.engine.trackBatch(account, [
      { feature: 'scraping_tasks', amount: 10, idempotencyKey: 's' },
      { feature: 'projects', amount: 2, idempotencyKey: 'p' },
      { feature: 'no_such_feature', amount: 1, idempotencyKey: 'x' },
      { feature: 'api_calls', amount: 900, idempotencyKey: 'a1' },
      { feature: 'api_calls', amount: 200, idempotencyKey: 'a2' },
      { feature: 'projects', amount: 4, idempotencyKey: 'p2' },
    ]);
    expect(results).toMatchObject([
      { ok: true, result: { feature: 'scraping_tasks', remaining: 90 } },
      { ok: true, result: { feature: 'projects', remaining: 3 } },
      { ok: false, error: { code: 'validation_failed' } },
      { ok: true, result: { feature: 'api_calls', remaining: 100 } },
      { ok: false, error: { code: 'insufficient_credits' } },
      { ok: false, error: { code: 'quota_exceeded' } },
    ]);
  });
});
