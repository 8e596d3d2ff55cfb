import type { Subscription } from '@billing-kit/contracts';
import { BillingError, notFound } from '../../billing-error.js';
import type { BillingServices } from '../../services.js';
import type { AccountRecord } from '../accounts/accounts.js';
import { lookupKeyOf } from '../catalog/catalog-prices.js';
import { stripePriceIdOf } from '../catalog/catalog-store.js';
import { applyStripeAnswer, type ChangeContext } from './subscription-changes.js';
import { liveSubscriptionRow } from './subscription-view.js';

async function addOnItem(services: BillingServices, subscriptionId: string, addOnId: string) {
  const { rows } = await services.db.query<{ id: string; quantity: number }>(
    `SELECT id, quantity FROM subscription_items WHERE subscription_id = $1 AND kind = 'add_on' AND owner_id = $2`,
    [subscriptionId, addOnId],
  );
  return rows[0];
}

const idempotency = (context: ChangeContext, operation: string, account: AccountRecord) =>
  context.idempotencyKey
    ? { idempotencyKey: `billing-kit-${operation}-${account.id}-${context.idempotencyKey}` }
    : {};

/** Attaches an add-on as an extra subscription item (or sets its quantity), prorated by Stripe. */
export async function addAddOn(
  services: BillingServices,
  account: AccountRecord,
  request: { addOnId: string; quantity: number },
  context: ChangeContext,
): Promise<Subscription> {
  const catalog = await services.catalog();
  const addOn = catalog.addOns.find((candidate) => candidate.id === request.addOnId);
  if (!addOn) {
    throw new BillingError('validation_failed', `Unknown add-on "${request.addOnId}"`, {
      issues: [{ field: 'body.addOnId', message: 'unknown add-on' }],
    });
  }
  const live = await liveSubscriptionRow(services.db, account.id);
  if (!live) throw new BillingError('conflict', 'Add-ons need a subscription; subscribe to a plan first');
  // Stripe bills every item of a subscription on one cycle.
  if (live.billing_interval !== addOn.interval) {
    throw new BillingError(
      'conflict',
      `${addOn.name} is billed ${addOn.interval}ly; the subscription is not`,
    );
  }
  const { rows } = await services.db.query<{ currency: string | null }>(
    'SELECT currency FROM subscriptions WHERE id = $1',
    [live.id],
  );
  const currency = rows[0]?.currency ?? 'USD';
  const priceId = await stripePriceIdOf(
    services.db,
    lookupKeyOf('add_on', addOn.id, currency, addOn.interval),
  );
  if (!priceId) throw new BillingError('conflict', `${addOn.name} has no ${currency} price in Stripe`);
  const existing = await addOnItem(services, live.id, addOn.id);
  const answer = await services.stripe.call((stripe) =>
    stripe.subscriptions.update(
      live.id,
      {
        items: [
          existing
            ? { id: existing.id, quantity: request.quantity }
            : { price: priceId, quantity: request.quantity },
        ],
        proration_behavior: 'create_prorations',
      },
      idempotency(context, 'add-on', account),
    ),
  );
  return applyStripeAnswer(services, account, answer, context, 'subscription.add_on_added');
}

export async function removeAddOn(
  services: BillingServices,
  account: AccountRecord,
  addOnId: string,
  context: ChangeContext,
): Promise<Subscription> {
  const live = await liveSubscriptionRow(services.db, account.id);
  if (!live) throw new BillingError('conflict', 'The account has no subscription');
  const existing = await addOnItem(services, live.id, addOnId);
  if (!existing) throw notFound('Add-on on this subscription');
  const answer = await services.stripe.call((stripe) =>
    stripe.subscriptions.update(
      live.id,
      { items: [{ id: existing.id, deleted: true }], proration_behavior: 'create_prorations' },
      idempotency(context, 'remove-add-on', account),
    ),
  );
  return applyStripeAnswer(services, account, answer, context, 'subscription.add_on_removed');
}
