import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingError } from '../billing-error.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { runOnce } from './idempotent-replay.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('runOnce', () => {
  it('runs once and replays the same answer to a repeated key', async () => {
    let runs = 0;
    const work = async () => ({ status: 201, body: { run: ++runs } });
    const request = { scope: 'user:u1:checkout', key: 'k1', input: { body: { a: 1 } } };
    expect(await runOnce(db, request, work)).toEqual({ status: 201, body: { run: 1 } });
    expect(await runOnce(db, request, work)).toEqual({ status: 201, body: { run: 1 }, replayed: true });
    expect(runs).toBe(1);
  });

  it('answers conflict when a key comes back with other parameters', async () => {
    const work = async () => ({ status: 200, body: {} });
    await runOnce(db, { scope: 's', key: 'k2', input: { amount: 1 } }, work);
    await expect(runOnce(db, { scope: 's', key: 'k2', input: { amount: 2 } }, work)).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('lets concurrent twins run the work only once', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { status: 200, body: { ok: true } };
    };
    const request = { scope: 's', key: 'k3', input: {} };
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => runOnce(db, request, work)));
    expect(runs).toBe(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') expect(outcome.value.body).toEqual({ ok: true });
      else expect(outcome.reason).toMatchObject({ code: 'conflict' });
    }
  });

  it('replays the caller’s own mistakes but forgets failures on our side', async () => {
    const rejected = () => Promise.reject(new BillingError('conflict', 'already subscribed'));
    await expect(runOnce(db, { scope: 's', key: 'k4', input: {} }, rejected)).rejects.toThrow(
      'already subscribed',
    );
    expect(
      await runOnce(db, { scope: 's', key: 'k4', input: {} }, async () => ({ status: 200, body: {} })),
    ).toMatchObject({
      status: 409,
      replayed: true,
    });

    const outage = () => Promise.reject(new BillingError('stripe_unavailable', 'down'));
    await expect(runOnce(db, { scope: 's', key: 'k5', input: {} }, outage)).rejects.toThrow('down');
    expect(
      await runOnce(db, { scope: 's', key: 'k5', input: {} }, async () => ({ status: 200, body: { ok: 1 } })),
    ).toEqual({
      status: 200,
      body: { ok: 1 },
    });
  });
});
