import type { Catalog, CreditPack, Money } from '@billing-kit/contracts';
import Stripe from 'stripe';
import type { Executor } from '../db/database.js';
import { stripeIdOf } from '../domain/accounts/customer-link.js';
import type { AuditActor } from '../domain/audit/audit-log.js';
import { settlePurchase } from '../domain/purchases/purchase-payments.js';
import type { StripeGateway } from '../stripe/stripe-gateway.js';
import { disableAutoTopUp, type TopUpFailure } from './auto-top-up-settle.js';
import type { EngineContext } from './engine-context.js';

export interface ChargeOptions {
  /** Only this account's attempts. */
  accountId?: string | undefined;
  /** Attempts per run. */
  limit?: number;
}

export interface ChargeOutcome {
  paid: number;
  failed: number;
  /** Left pending: Stripe could not be reached (or is not configured); a later run charges them. */
  pending: number;
}

interface AttemptRow {
  id: number | string;
  account_id: string;
  feature_key: string;
  credit_pack_id: string;
  quantity: number;
  currency: string;
  purchase_id: string | null;
  created_at: Date;
  stripe_customer_id: string | null;
  subscription_id: string | null;
}

const systemActor: AuditActor = { type: 'system', id: 'auto_top_up' };

/** What `quantity` packs cost in `currency`; null when the catalog does not sell the pack there. */
export function packPrice(pack: CreditPack | undefined, currency: string, quantity: number): Money | null {
  const unit = pack?.prices.find((money) => money.currency === currency);
  return unit ? { amount: unit.amount * quantity, currency } : null;
}

/** The Stripe idempotency key of an attempt's charge: a run that resumes after a crash charges it once. */
export const topUpChargeKey = (attemptId: number | string) => `bk_auto_top_up_${attemptId}`;

const failures = {
  noCard: { code: 'no_payment_method', message: 'There is no saved card to charge.' },
  noCustomer: { code: 'no_customer', message: 'The account has no Stripe customer to charge.' },
  packGone: { code: 'pack_unavailable', message: 'The credit pack is no longer sold in this currency.' },
  authentication: {
    code: 'authentication_required',
    message: 'Your bank asked to confirm the payment, which cannot happen unattended. Buy credits by hand.',
  },
} satisfies Record<string, TopUpFailure>;

/**
 * Gives each pending attempt its purchase (the pack at today's catalog price), under the attempt's row lock
 * so two chargers create one. Charging itself happens outside any transaction: on PGlite a transaction
 * held across a network call would stop every other one. Two chargers reaching Stripe for one attempt
 * send the same idempotency key, and settling is idempotent.
 */
async function claim(
  context: EngineContext,
  catalog: Catalog,
  options: ChargeOptions,
): Promise<(AttemptRow & { amount: number; packName: string })[]> {
  return context.db.transaction(async (tx) => {
    const { rows } = await tx.query<AttemptRow>(
      `SELECT t.id, t.account_id, t.feature_key, t.credit_pack_id, t.quantity, t.currency, t.purchase_id,
         t.created_at, a.stripe_customer_id,
         (SELECT s.id FROM subscriptions s WHERE s.account_id = t.account_id
            AND s.status NOT IN ('canceled', 'incomplete_expired') ORDER BY s.stripe_created_at DESC LIMIT 1)
           AS subscription_id
       FROM auto_top_ups t JOIN accounts a ON a.id = t.account_id
       WHERE t.status = 'pending' AND ($1::text IS NULL OR t.account_id = $1)
       ORDER BY t.id LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
      [options.accountId ?? null, options.limit ?? 50],
    );
    const claimed: (AttemptRow & { amount: number; packName: string })[] = [];
    for (const row of rows) {
      const pack = catalog.creditPacks.find((candidate) => candidate.id === row.credit_pack_id);
      const price = packPrice(pack, row.currency, row.quantity);
      if (!pack || !price) {
        await failWithoutPurchase(tx, row, failures.packGone, context.now());
        continue;
      }
      const { amount } = price;
      let purchaseId = row.purchase_id;
      if (!purchaseId) {
        purchaseId = `pur_top_up_${row.id}`;
        await tx.query(
          `INSERT INTO purchases (id, account_id, credit_pack_id, quantity, status, amount, currency, origin,
             created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6, 'auto_top_up', $7, $7) ON CONFLICT (id) DO NOTHING`,
          [
            purchaseId,
            row.account_id,
            row.credit_pack_id,
            row.quantity,
            amount,
            row.currency,
            row.created_at,
          ],
        );
        await tx.query('UPDATE auto_top_ups SET purchase_id = $2 WHERE id = $1', [row.id, purchaseId]);
      }
      claimed.push({ ...row, purchase_id: purchaseId, amount, packName: pack.name });
    }
    return claimed;
  });
}

/** An attempt that never reached a purchase (its pack is gone): failed, and the setting turned off. */
async function failWithoutPurchase(tx: Executor, row: AttemptRow, failure: TopUpFailure, at: Date) {
  await tx.query(
    `UPDATE auto_top_ups SET status = 'failed', settled_at = $2, failure_code = $3, failure_message = $4
     WHERE id = $1 AND status = 'pending'`,
    [row.id, at, failure.code, failure.message],
  );
  await disableAutoTopUp(tx, row.account_id, row.feature_key, failure, at);
}

/**
 * The card an unattended charge may use: the customer's default for invoices, else the default of its
 * subscription (where Checkout leaves it), else any card saved on the customer.
 */
export async function savedCard(
  stripe: Stripe,
  customerId: string,
  subscriptionId: string | null,
): Promise<string | null> {
  const customer = await stripe.customers.retrieve(customerId);
  if (!customer.deleted) {
    const own = stripeIdOf(customer.invoice_settings?.default_payment_method ?? null);
    if (own) return own;
  }
  if (subscriptionId) {
    const subscription = await stripe.subscriptions.retrieve(subscriptionId).catch((error: unknown) => {
      // A subscription Stripe no longer knows has no card to offer; anything else is a failure to reach it.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing')
        return null;
      throw error;
    });
    const fromSubscription = stripeIdOf(subscription?.default_payment_method ?? null);
    if (fromSubscription) return fromSubscription;
  }
  const cards = await stripe.paymentMethods.list({ customer: customerId, type: 'card', limit: 1 });
  return cards.data[0]?.id ?? null;
}

type ChargeAnswer =
  | { kind: 'paid'; paymentIntentId: string; at: Date }
  | { kind: 'failed'; failure: TopUpFailure; paymentIntentId?: string | undefined };

/** Charges one attempt's purchase to the saved card, off session, once under the attempt's key. */
async function chargeOne(
  gateway: StripeGateway,
  attempt: AttemptRow & { amount: number; packName: string; purchase_id: string },
): Promise<ChargeAnswer> {
  const customerId = attempt.stripe_customer_id;
  if (!customerId) return { kind: 'failed', failure: failures.noCustomer };
  return gateway.call(async (stripe) => {
    const card = await savedCard(stripe, customerId, attempt.subscription_id);
    if (!card) return { kind: 'failed', failure: failures.noCard };
    try {
      const intent = await stripe.paymentIntents.create(
        {
          amount: attempt.amount,
          currency: attempt.currency.toLowerCase(),
          customer: customerId,
          payment_method: card,
          off_session: true,
          confirm: true,
          description: `Auto top-up: ${attempt.packName}`,
          metadata: {
            account_id: attempt.account_id,
            kind: 'auto_top_up',
            purchase_id: attempt.purchase_id,
            auto_top_up_id: String(attempt.id),
          },
        },
        { idempotencyKey: topUpChargeKey(attempt.id) },
      );
      if (intent.status === 'succeeded') {
        return { kind: 'paid', paymentIntentId: intent.id, at: new Date(intent.created * 1000) };
      }
      return { kind: 'failed', failure: failures.authentication, paymentIntentId: intent.id };
    } catch (error) {
      // A declined card is an answer, reported once; anything else (Stripe unreachable) is retried later.
      if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
      return {
        kind: 'failed',
        failure: { code: error.decline_code ?? error.code ?? 'card_declined', message: error.message },
        paymentIntentId: error.payment_intent?.id,
      };
    }
  });
}

/**
 * Charges pending auto top-ups: each attempt buys its pack once with the account's saved card, off session.
 * Paid: the purchase is settled and the pack's credits granted (a `top_up` grant) — the webhook that reports
 * the same payment changes nothing more. Declined: the attempt is failed with Stripe's reason and the
 * account's setting turned off, never charged again by itself. Stripe unreachable: left pending for the
 * next run, which charges under the same idempotency key, so a crash mid-run never charges twice.
 */
export async function chargeAutoTopUps(
  context: EngineContext,
  options: ChargeOptions = {},
): Promise<ChargeOutcome> {
  const outcome: ChargeOutcome = { paid: 0, failed: 0, pending: 0 };
  const gateway = context.stripe;
  const catalog = await context.catalog();
  const attempts = await claim(context, catalog, options);
  for (const attempt of attempts) {
    if (!gateway?.configured) {
      outcome.pending += 1;
      continue;
    }
    let answer: ChargeAnswer;
    try {
      answer = await chargeOne(gateway, { ...attempt, purchase_id: attempt.purchase_id as string });
    } catch {
      outcome.pending += 1;
      continue;
    }
    const reference = {
      purchaseId: attempt.purchase_id ?? undefined,
      paymentIntentId: answer.paymentIntentId,
    };
    if (answer.kind === 'paid') {
      // Dated by Stripe (a test clock's time for a customer on one), never after our own clock: Stripe's
      // whole seconds, or a clock a little ahead, must not leave the credits not yet in force.
      const at = new Date(Math.min(answer.at.getTime(), context.now().getTime()));
      await context.db.transaction((tx) => settlePurchase(tx, reference, 'paid', systemActor, at));
      outcome.paid += 1;
    } else {
      const at = context.now();
      await context.db.transaction((tx) =>
        settlePurchase(tx, reference, 'failed', systemActor, at, answer.failure),
      );
      outcome.failed += 1;
    }
  }
  return outcome;
}
