import { demoCatalog } from '@billing-kit/contracts';
import { type StripeEmulatorHandle, startStripeEmulator } from '@billing-kit/stripe-emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingError } from '../billing-error.js';
import { cachedCatalog } from '../domain/catalog/catalog-cache.js';
import { syncCatalog } from '../domain/catalog/catalog-sync.js';
import { createStripeGateway, type StripeGateway, stripeClientOptions } from '../stripe/stripe-gateway.js';
import { EMULATOR_SECRET_KEY } from '../test/emulator-harness.js';
import { createEngineHarness, type EngineHarness } from '../test/engine-harness.js';
import { createBillingEngine } from './engine.js';

// Runs on PGlite, and on PostgreSQL when BILLING_TEST_DATABASE_URL is set (as `.ci/run` does); Stripe is
// the emulator, through the real SDK.
let emulator: StripeEmulatorHandle;
let stripe: Stripe;
let gateway: StripeGateway;
let harness: EngineHarness;
const user = { type: 'user' as const, id: 'u_1' };

beforeAll(async () => {
  emulator = await startStripeEmulator({ port: 0, billingTickMs: 0 });
  gateway = createStripeGateway({ secretKey: EMULATOR_SECRET_KEY, apiBase: emulator.url });
  stripe = new Stripe(EMULATOR_SECRET_KEY, stripeClientOptions(emulator.url));
  harness = await createEngineHarness({ stripe: gateway, now: new Date() });
  await syncCatalog(harness.db, gateway, demoCatalog);
});
afterAll(async () => {
  await harness?.close();
  await emulator?.stop();
});

/** A Pro account (400 credits a month) whose Stripe customer has `card` saved as its default. */
async function proAccount(id: string, card: string | null = 'pm_card_visa'): Promise<string> {
  const customer = await stripe.customers.create(
    card ? { payment_method: card, invoice_settings: { default_payment_method: card } } : {},
  );
  await harness.createAccount(id);
  await harness.db.query('UPDATE accounts SET stripe_customer_id = $2 WHERE id = $1', [id, customer.id]);
  await harness.subscribe(id, 'pro');
  return customer.id;
}

const spend = (accountId: string, amount: number, key: string) =>
  harness.engine.track(accountId, { feature: 'credits', amount, idempotencyKey: key });

const enable = (accountId: string, settings: { threshold?: number; maxPerMonth?: number } = {}) =>
  harness.engine.setAutoTopUp(
    accountId,
    'credits',
    {
      enabled: true,
      packId: 'credits_100',
      quantity: 1,
      threshold: settings.threshold ?? 50,
      maxPerMonth: settings.maxPerMonth ?? 3,
    },
    user,
  );

async function autoTopUpCharges(customerId: string): Promise<Stripe.PaymentIntent[]> {
  const intents = await stripe.paymentIntents.list({ customer: customerId, limit: 100 });
  return intents.data.filter((intent) => intent.metadata.kind === 'auto_top_up');
}

const attempts = (accountId: string) =>
  harness.db
    .query<{ status: string; balance_before: number; balance_after: number }>(
      'SELECT status, balance_before::int, balance_after::int FROM auto_top_ups WHERE account_id = $1 ORDER BY id',
      [accountId],
    )
    .then(({ rows }) => rows);

const available = async (accountId: string) =>
  (await harness.engine.credits(accountId)).balances.find((balance) => balance.feature === 'credits')
    ?.available;

describe('auto top-up', () => {
  it('fires once when two tracks cross the threshold together, in one group or in two transactions', async () => {
    const customerId = await proAccount('together');
    await enable('together');
    await spend('together', 340, 'together-0');
    // Two engines on one database (two processes): each track is its own transaction, serialized by the
    // grants' lock. 60 → 45 crosses; 45 → 30 is already below and buys nothing more.
    const other = createBillingEngine({
      db: harness.db,
      catalog: cachedCatalog(harness.db, 60_000),
      now: () => harness.clock.now,
    });
    await Promise.all([
      spend('together', 15, 'together-1'),
      other.track('together', { feature: 'credits', amount: 15, idempotencyKey: 'together-2' }),
    ]);
    // Still below while the charge is pending: no new crossing.
    await other.track('together', { feature: 'credits', amount: 5, idempotencyKey: 'together-3' });
    await harness.engine.idle();
    await harness.engine.chargeAutoTopUps();
    expect(await attempts('together')).toEqual([{ status: 'paid', balance_before: 60, balance_after: 45 }]);
    expect(await autoTopUpCharges(customerId)).toHaveLength(1);
    expect(await available('together')).toBe(125);

    // Grouped: concurrent tracks of one engine share a transaction. 125 → 35 crosses once.
    await Promise.all([spend('together', 45, 'together-4'), spend('together', 45, 'together-5')]);
    await harness.engine.idle();
    expect((await attempts('together')).slice(1)).toEqual([
      { status: 'paid', balance_before: 125, balance_after: 35 },
    ]);
    expect(await autoTopUpCharges(customerId)).toHaveLength(2);
    expect(await available('together')).toBe(135);
  });

  it('buys the pack with the saved card as a top_up grant that expires with the pack', async () => {
    const customerId = await proAccount('granted');
    await enable('granted', { threshold: 100 });
    await spend('granted', 350, 'granted-1');
    await harness.engine.idle();
    const [charge] = await autoTopUpCharges(customerId);
    expect(charge).toMatchObject({ amount: 900, currency: 'usd', status: 'succeeded' });
    const credits = await harness.engine.credits('granted');
    const grant = credits.balances
      .find((balance) => balance.feature === 'credits')
      ?.grants.find((candidate) => candidate.source === 'top_up');
    expect(grant).toMatchObject({ amount: 100, remaining: 100 });
    const days = (Date.parse(grant?.expiresAt ?? '') - Date.parse(grant?.createdAt ?? '')) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const ledger = await harness.engine.ledger('granted', { limit: 10, feature: 'credits' });
    expect(ledger.data.filter((entry) => entry.source === 'top_up')).toEqual([
      expect.objectContaining({ type: 'grant', amount: 100, description: 'Auto top-up: 100 credits' }),
    ]);
    const view = await harness.engine.autoTopUps('granted');
    expect(view.data[0]).toMatchObject({
      enabled: true,
      usedThisMonth: 1,
      price: { amount: 900, currency: 'USD' },
    });
    expect(view.attempts[0]).toMatchObject({ status: 'paid', failure: null, price: { amount: 900 } });
  });

  it('stops at the monthly cap: a crossing past it is recorded as capped and charges nothing', async () => {
    const customerId = await proAccount('capped');
    await enable('capped', { maxPerMonth: 1 });
    await spend('capped', 360, 'capped-1');
    await harness.engine.idle();
    // 40 + 100 bought; below 50 again.
    await spend('capped', 100, 'capped-2');
    await harness.engine.idle();
    await harness.engine.chargeAutoTopUps();
    expect((await attempts('capped')).map((attempt) => attempt.status)).toEqual(['paid', 'capped']);
    expect(await autoTopUpCharges(customerId)).toHaveLength(1);
    const view = await harness.engine.autoTopUps('capped');
    expect(view.data[0]?.usedThisMonth).toBe(1);
    expect(view.attempts[0]).toMatchObject({ status: 'capped', settledAt: view.attempts[0]?.createdAt });
  });

  it('reports a declined card once, turns the setting off and never charges again by itself', async () => {
    const customerId = await proAccount('declined', 'pm_card_chargeCustomerFail');
    await enable('declined');
    await spend('declined', 360, 'declined-1');
    await harness.engine.idle();
    await harness.engine.chargeAutoTopUps();
    const view = await harness.engine.autoTopUps('declined');
    expect(view.data[0]).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/declined/i),
    });
    expect(view.attempts[0]).toMatchObject({ status: 'failed', failure: { code: expect.any(String) } });
    expect(await available('declined')).toBe(40);
    // Below the threshold and more usage: off, so nothing is attempted or charged again.
    await spend('declined', 30, 'declined-2');
    await harness.engine.idle();
    expect(await harness.engine.chargeAutoTopUps()).toEqual({ paid: 0, failed: 0, pending: 0 });
    expect(await autoTopUpCharges(customerId)).toHaveLength(1);
    expect(await attempts('declined')).toHaveLength(1);
    const audit = await harness.scalar(
      `SELECT count(*) AS n FROM audit_log WHERE account_id = $1 AND action = 'auto_top_up.disabled'`,
      ['declined'],
    );
    expect(audit).toBe(1);
  });

  it('charges once when the charger dies after Stripe accepted the payment', async () => {
    const customerId = await proAccount('crash');
    // Every call reaches Stripe, then the process dies before it can use the answer.
    const dying: StripeGateway = {
      ...gateway,
      async call(operation) {
        await gateway.call(operation);
        throw new Error('process killed after Stripe answered');
      },
    };
    const crashing = createBillingEngine({
      db: harness.db,
      catalog: cachedCatalog(harness.db, 60_000),
      now: () => harness.clock.now,
      stripe: dying,
    });
    await enable('crash');
    await crashing.track('crash', { feature: 'credits', amount: 360, idempotencyKey: 'crash-1' });
    // The crossing started a charge in the background; it died too. Run it once more, as a schedule would.
    await crashing.idle();
    expect(await crashing.chargeAutoTopUps()).toEqual({ paid: 0, failed: 0, pending: 1 });
    expect(await autoTopUpCharges(customerId)).toHaveLength(1);
    expect((await attempts('crash'))[0]?.status).toBe('pending');
    // The restarted process charges again under the same key: Stripe answers the same payment.
    await harness.engine.chargeAutoTopUps();
    expect(await autoTopUpCharges(customerId)).toHaveLength(1);
    expect((await attempts('crash'))[0]?.status).toBe('paid');
    expect(await available('crash')).toBe(140);
  });

  it('turning it on below the threshold buys at once; saving again does not buy again', async () => {
    const customerId = await proAccount('late');
    await spend('late', 380, 'late-1');
    await enable('late');
    await harness.engine.idle();
    await enable('late', { maxPerMonth: 5 });
    await harness.engine.idle();
    expect((await attempts('late')).map((attempt) => attempt.status)).toEqual(['paid']);
    expect(await autoTopUpCharges(customerId)).toHaveLength(1);
    expect(await available('late')).toBe(120);
  });

  it('a reservation that crosses fires, and its confirmation does not fire again', async () => {
    const customerId = await proAccount('held');
    await enable('held');
    await spend('held', 300, 'held-1');
    const reservation = await harness.engine.reserve('held', { feature: 'credits', amount: 60 });
    await harness.engine.idle();
    expect(await attempts('held')).toEqual([{ status: 'paid', balance_before: 100, balance_after: 40 }]);
    // 140 available with 60 held; confirming 70 spends the 60 and 10 more: 130, still above 50.
    await harness.engine.confirmReservation('held', reservation.id, { amount: 70 });
    // And a confirmation that lands below counts from the balance before it, hold included: 130 → 30 crosses.
    const second = await harness.engine.reserve('held', { feature: 'credits', amount: 10 });
    await harness.engine.confirmReservation('held', second.id, { amount: 100 });
    await harness.engine.idle();
    expect(
      (await attempts('held')).map((attempt) => [attempt.balance_before, attempt.balance_after]),
    ).toEqual([
      [100, 40],
      [120, 30],
    ]);
    expect(await autoTopUpCharges(customerId)).toHaveLength(2);
  });

  it('refuses what it cannot do with a clear error and keeps nothing', async () => {
    await proAccount('nocard', null);
    const attempt = (feature: string, packId: string, enabled = true) =>
      harness.engine
        .setAutoTopUp('nocard', feature, { enabled, packId, threshold: 10, maxPerMonth: 1 }, user)
        .catch((error: unknown) => error as BillingError);
    expect(await attempt('image_generation', 'credits_100')).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ field: 'params.feature' }] },
    });
    expect(await attempt('team_members', 'credits_100')).toMatchObject({ code: 'validation_failed' });
    expect(await attempt('tokens', 'credits_100')).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ field: 'body.packId' }] },
    });
    expect(await attempt('credits', 'no_such_pack')).toMatchObject({ code: 'validation_failed' });
    expect(await attempt('credits', 'credits_100')).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/add a card/i),
    });
    expect((await harness.engine.autoTopUps('nocard')).data).toEqual([]);
    // Turning it off needs no card.
    const off = await attempt('credits', 'credits_100', false);
    expect(off).toMatchObject({ enabled: false, packId: 'credits_100' });
  });
});
