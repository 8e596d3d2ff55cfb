import { randomUUID } from 'node:crypto';
import type { CheckoutRequest, CheckoutSession } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import { BillingError, notConfigured } from '../../billing-error.js';
import { overageLineItems } from '../../engine/usage-meters.js';
import type { BillingServices } from '../../services.js';
import { type AccountRecord, ensureStripeCustomer } from '../accounts/accounts.js';
import { lookupKeyOf } from '../catalog/catalog-prices.js';
import { stripePriceIdOf } from '../catalog/catalog-store.js';
import { liveSubscriptionRow } from '../subscriptions/subscription-view.js';
import { assertReturnUrl } from './return-urls.js';

const invalidItem = (field: string, message: string) =>
  new BillingError('validation_failed', message, { issues: [{ field: `body.item.${field}`, message }] });

async function priceIdFor(services: BillingServices, lookupKey: string): Promise<string> {
  const priceId = await stripePriceIdOf(services.db, lookupKey);
  if (!priceId) {
    throw new BillingError(
      'conflict',
      `The catalog price ${lookupKey} is not in Stripe yet; run \`billing-kit sync\``,
    );
  }
  return priceId;
}

export interface CheckoutOptions {
  idempotencyKey?: string | undefined;
  /** Admins and the host's API key may set trials longer than the plan's. */
  mayExtendTrial: boolean;
}

/**
 * Starts a Stripe Checkout for a plan (subscription mode, with its trial) or a credit pack (payment mode,
 * recorded as a pending purchase that the webhook settles). Stripe's answer, not the browser, decides
 * what was bought: the account travels in `client_reference_id` and metadata.
 */
export async function createCheckoutSession(
  services: BillingServices,
  account: AccountRecord,
  request: CheckoutRequest,
  options: CheckoutOptions,
): Promise<CheckoutSession> {
  const { idempotencyKey } = options;
  assertReturnUrl(services, request.successUrl, 'body.successUrl');
  if (request.cancelUrl) assertReturnUrl(services, request.cancelUrl, 'body.cancelUrl');
  if (!services.stripe.configured) throw notConfigured(['STRIPE_SECRET_KEY']);
  const catalog = await services.catalog();
  const currency = (request.currency ?? catalog.plans[0]?.prices[0]?.price.currency ?? 'USD').toUpperCase();
  const item = request.item;
  const metadata: Record<string, string> = { account_id: account.id, kind: item.kind };
  let params: Stripe.Checkout.SessionCreateParams;
  let pendingPurchase: { id: string; packId: string; quantity: number; amount: number } | undefined;

  if (item.kind === 'plan') {
    const plan = catalog.plans.find((candidate) => candidate.id === item.planId);
    if (!plan) throw invalidItem('planId', `Unknown plan "${item.planId}"`);
    const price = plan.prices.find((p) => p.interval === item.interval && p.price.currency === currency);
    if (!price) throw invalidItem('planId', `${plan.name} has no ${item.interval}ly price in ${currency}`);
    if (await liveSubscriptionRow(services.db, account.id)) {
      throw new BillingError('conflict', 'The account already has a subscription; change its plan instead');
    }
    // A buyer may shorten the plan's trial; only the host's backend or an admin may grant a longer one.
    if (item.trialDays !== undefined && !options.mayExtendTrial && item.trialDays > (plan.trialDays ?? 0)) {
      throw invalidItem('trialDays', `at most ${plan.trialDays ?? 0} trial days for ${plan.name}`);
    }
    const trialDays = item.trialDays ?? plan.trialDays ?? undefined;
    params = {
      mode: 'subscription',
      line_items: [
        {
          price: await priceIdFor(services, lookupKeyOf('plan', plan.id, currency, item.interval)),
          quantity: 1,
        },
        // Metered overage items (no quantity), so usage reported as meter events lands on its invoices.
        ...(await overageLineItems(services.stripe, plan, item.interval, currency)),
      ],
      subscription_data: { metadata, ...(trialDays ? { trial_period_days: trialDays } : {}) },
    };
  } else if (item.kind === 'credit_pack') {
    const pack = catalog.creditPacks.find((candidate) => candidate.id === item.packId);
    if (!pack) throw invalidItem('packId', `Unknown credit pack "${item.packId}"`);
    const money = pack.prices.find((p) => p.currency === currency);
    if (!money) throw invalidItem('packId', `${pack.name} has no price in ${currency}`);
    pendingPurchase = {
      id: `pur_${randomUUID()}`,
      packId: pack.id,
      quantity: item.quantity,
      amount: money.amount * item.quantity,
    };
    metadata.purchase_id = pendingPurchase.id;
    params = {
      mode: 'payment',
      line_items: [
        {
          price: await priceIdFor(services, lookupKeyOf('credit_pack', pack.id, currency, null)),
          quantity: item.quantity,
        },
      ],
      payment_intent_data: { metadata },
    };
  } else {
    const addOn = catalog.addOns.find((candidate) => candidate.id === item.addOnId);
    if (!addOn) throw invalidItem('addOnId', `Unknown add-on "${item.addOnId}"`);
    if (!addOn.prices.some((price) => price.currency === currency)) {
      throw invalidItem('addOnId', `${addOn.name} has no price in ${currency}`);
    }
    // With a subscription the add-on joins it as an item; checkout is for buying one on its own.
    if (await liveSubscriptionRow(services.db, account.id)) {
      throw new BillingError('conflict', 'The account has a subscription; add the add-on to it instead');
    }
    params = {
      mode: 'subscription',
      line_items: [
        {
          price: await priceIdFor(services, lookupKeyOf('add_on', addOn.id, currency, addOn.interval)),
          quantity: item.quantity,
        },
      ],
      subscription_data: { metadata },
    };
  }

  const customer = await ensureStripeCustomer(services, account);
  // Recorded before Stripe hears of it: the webhook may arrive before this request finishes.
  if (pendingPurchase) {
    await services.db.query(
      `INSERT INTO purchases (id, account_id, credit_pack_id, quantity, status, amount, currency)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6)`,
      [
        pendingPurchase.id,
        account.id,
        pendingPurchase.packId,
        pendingPurchase.quantity,
        pendingPurchase.amount,
        currency,
      ],
    );
  }
  const purchaseId = pendingPurchase?.id;
  const session = await services.stripe
    .call((stripe) =>
      stripe.checkout.sessions.create(
        {
          ...params,
          customer,
          client_reference_id: account.id,
          metadata,
          ...(request.uiMode === 'embedded'
            ? { ui_mode: 'embedded_page', return_url: request.successUrl }
            : {
                ui_mode: 'hosted_page',
                success_url: request.successUrl,
                cancel_url: request.cancelUrl ?? request.successUrl,
              }),
        },
        idempotencyKey ? { idempotencyKey: `billing-kit-checkout-${account.id}-${idempotencyKey}` } : {},
      ),
    )
    .catch(async (error: unknown) => {
      if (purchaseId)
        await services.db.query(`DELETE FROM purchases WHERE id = $1 AND status = 'pending'`, [purchaseId]);
      throw error;
    });
  if (purchaseId) {
    await services.db.query('UPDATE purchases SET stripe_checkout_session_id = $2 WHERE id = $1', [
      purchaseId,
      session.id,
    ]);
  }
  if (request.uiMode === 'embedded') {
    if (!session.client_secret)
      throw new BillingError('stripe_unavailable', 'Stripe returned no client secret');
    return { uiMode: 'embedded', sessionId: session.id, clientSecret: session.client_secret };
  }
  if (!session.url) throw new BillingError('stripe_unavailable', 'Stripe returned no checkout URL');
  return { uiMode: 'redirect', sessionId: session.id, url: session.url };
}

/** A Stripe customer portal session for managing payment methods and invoices. */
export async function createPortalSession(
  services: BillingServices,
  account: AccountRecord,
  returnUrl: string,
): Promise<{ url: string }> {
  assertReturnUrl(services, returnUrl, 'body.returnUrl');
  if (!services.stripe.configured) throw notConfigured(['STRIPE_SECRET_KEY']);
  const customer = await ensureStripeCustomer(services, account);
  const session = await services.stripe.call((stripe) =>
    stripe.billingPortal.sessions.create({ customer, return_url: returnUrl }),
  );
  return { url: session.url };
}
