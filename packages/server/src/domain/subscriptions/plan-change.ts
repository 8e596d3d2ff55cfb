import type { BillingInterval, ChangePlanPreview, Plan, Subscription } from '@billing-kit/contracts';
import { BillingError } from '../../billing-error.js';
import { overageItemSwap } from '../../engine/usage-meters.js';
import type { BillingServices } from '../../services.js';
import type { AccountRecord } from '../accounts/accounts.js';
import { lookupKeyOf } from '../catalog/catalog-prices.js';
import { stripePriceIdOf } from '../catalog/catalog-store.js';
import { applyStripeAnswer, type ChangeContext } from './subscription-changes.js';
import { liveSubscriptionRow } from './subscription-view.js';

export interface PlanChangeRequest {
  planId: string;
  interval: BillingInterval;
}

interface PlannedChange {
  subscriptionId: string;
  planItemId: string;
  customerId: string;
  target: Plan;
  currency: string;
  priceId: string;
  /** The old plan's metered overage items out, the new plan's in. */
  overageItems: Awaited<ReturnType<typeof overageItemSwap>>;
  direction: ChangePlanPreview['direction'];
}

const invalid = (field: string, message: string) =>
  new BillingError('validation_failed', message, { issues: [{ field: `body.${field}`, message }] });

async function planChange(
  services: BillingServices,
  account: AccountRecord,
  request: PlanChangeRequest,
): Promise<PlannedChange> {
  const catalog = await services.catalog();
  const target = catalog.plans.find((plan) => plan.id === request.planId);
  if (!target) throw invalid('planId', `Unknown plan "${request.planId}"`);
  const live = await liveSubscriptionRow(services.db, account.id);
  if (!live || !account.stripeCustomerId) {
    throw new BillingError('conflict', 'The account has no subscription; start one through checkout');
  }
  if (live.plan_id === target.id && live.billing_interval === request.interval) {
    throw new BillingError('conflict', `The account is already on ${target.name} (${request.interval}ly)`);
  }
  const { rows } = await services.db.query<{ id: string; currency: string | null }>(
    `SELECT i.id, s.currency FROM subscription_items i JOIN subscriptions s ON s.id = i.subscription_id
     WHERE i.subscription_id = $1 AND i.kind = 'plan' LIMIT 1`,
    [live.id],
  );
  const planItem = rows[0];
  if (!planItem) throw new BillingError('conflict', 'The subscription has no plan item to change');
  const currency = planItem.currency ?? 'USD';
  if (
    !target.prices.some((price) => price.interval === request.interval && price.price.currency === currency)
  ) {
    throw invalid('interval', `${target.name} has no ${request.interval}ly price in ${currency}`);
  }
  const priceId = await stripePriceIdOf(
    services.db,
    lookupKeyOf('plan', target.id, currency, request.interval),
  );
  if (!priceId)
    throw new BillingError('conflict', 'The catalog is not in Stripe yet; run `billing-kit sync`');
  const current = catalog.plans.find((plan) => plan.id === live.plan_id);
  const direction =
    current?.id === target.id
      ? 'interval_change'
      : (current?.rank ?? -1) < target.rank
        ? 'upgrade'
        : 'downgrade';
  return {
    subscriptionId: live.id,
    planItemId: planItem.id,
    customerId: account.stripeCustomerId,
    target,
    currency,
    priceId,
    overageItems: await overageItemSwap(
      services.stripe,
      services.db,
      live.id,
      target,
      request.interval,
      currency,
    ),
    direction,
  };
}

/**
 * "Now" as Stripe bills this customer, in Unix seconds: the frozen time of its test clock when it is on
 * one (a clock advanced by months would otherwise get a proration date before its current period, which
 * Stripe refuses), the server's clock otherwise.
 */
async function billingNow(services: BillingServices, customerId: string): Promise<number> {
  const customer = await services.stripe.call((stripe) => stripe.customers.retrieve(customerId));
  const clock = 'test_clock' in customer ? customer.test_clock : null;
  if (!clock) return Math.floor(services.now().getTime() / 1000);
  const frozen =
    typeof clock === 'string'
      ? (await services.stripe.call((stripe) => stripe.testHelpers.testClocks.retrieve(clock))).frozen_time
      : clock.frozen_time;
  return frozen;
}

/**
 * What the change would cost now, priced by Stripe. Changes are invoiced at once (`always_invoice`), so
 * the preview's amount due is exactly what confirming charges, given the same proration date.
 */
export async function previewPlanChange(
  services: BillingServices,
  account: AccountRecord,
  request: PlanChangeRequest,
): Promise<ChangePlanPreview> {
  const change = await planChange(services, account, request);
  const prorationDate = await billingNow(services, change.customerId);
  const preview = await services.stripe.call((stripe) =>
    stripe.invoices.createPreview({
      customer: change.customerId,
      subscription: change.subscriptionId,
      subscription_details: {
        items: [{ id: change.planItemId, price: change.priceId }, ...change.overageItems],
        proration_behavior: 'always_invoice',
        proration_date: prorationDate,
      },
    }),
  );
  const currency = preview.currency.toUpperCase();
  const nextPrice = change.target.prices.find(
    (price) => price.interval === request.interval && price.price.currency === change.currency,
  );
  return {
    planId: change.target.id,
    interval: request.interval,
    direction: change.direction,
    amountDueNow: { amount: preview.amount_due, currency },
    nextInvoiceTotal: nextPrice?.price ?? { amount: preview.total, currency },
    prorationDate: new Date(prorationDate * 1000).toISOString(),
    lines: preview.lines.data.map((line) => ({
      description: line.description ?? '',
      amount: { amount: line.amount, currency: line.currency.toUpperCase() },
    })),
  };
}

/** Moves the subscription to the new plan or interval, invoicing the proration as previewed. */
export async function changePlan(
  services: BillingServices,
  account: AccountRecord,
  request: PlanChangeRequest & { prorationDate?: string | undefined },
  context: ChangeContext,
): Promise<Subscription> {
  const change = await planChange(services, account, request);
  const prorationDate = request.prorationDate
    ? Math.floor(Date.parse(request.prorationDate) / 1000)
    : undefined;
  const answer = await services.stripe.call((stripe) =>
    stripe.subscriptions.update(
      change.subscriptionId,
      {
        items: [{ id: change.planItemId, price: change.priceId }, ...change.overageItems],
        proration_behavior: 'always_invoice',
        ...(prorationDate ? { proration_date: prorationDate } : {}),
      },
      context.idempotencyKey
        ? { idempotencyKey: `billing-kit-change-${account.id}-${context.idempotencyKey}` }
        : {},
    ),
  );
  return applyStripeAnswer(services, account, answer, context, `subscription.${change.direction}`);
}
