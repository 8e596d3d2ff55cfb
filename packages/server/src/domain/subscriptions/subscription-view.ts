import type { Catalog, Subscription } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import type { PastDueAccess } from '../../services.js';
import { freePlanOf, planById } from '../catalog/catalog-lookup.js';

interface SubscriptionRow {
  id: string;
  status: Exclude<Subscription['status'], 'free'> | 'incomplete_expired';
  plan_id: string | null;
  billing_interval: 'month' | 'year' | null;
  cancel_at_period_end: boolean;
  canceled_at: Date | null;
  current_period_start: Date | null;
  current_period_end: Date | null;
  trial_end: Date | null;
}

interface ItemRow {
  kind: string;
  owner_id: string | null;
  quantity: number;
  unit_amount: number | null;
  currency: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const ENDED = ['canceled', 'incomplete_expired'];

/** The account's live Stripe subscription in the mirror, or undefined when it is on the free tier. */
export async function liveSubscriptionRow(
  db: Executor,
  accountId: string,
): Promise<SubscriptionRow | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE account_id = $1 AND NOT (status = ANY($2))
     ORDER BY stripe_created_at DESC, id DESC LIMIT 1`,
    [accountId, ENDED],
  );
  return rows[0];
}

/** The subscription as the API shows it: the live Stripe one, or the free tier when there is none. */
export async function subscriptionView(
  db: Executor,
  catalog: Catalog,
  accountId: string,
  pastDueAccess: PastDueAccess = 'keep',
): Promise<Subscription> {
  const live = await liveSubscriptionRow(db, accountId);
  const free = freePlanOf(catalog);
  if (!live) {
    const { rows } = await db.query<{ canceled_at: Date | null }>(
      `SELECT canceled_at FROM subscriptions WHERE account_id = $1 AND status = 'canceled'
       ORDER BY stripe_created_at DESC LIMIT 1`,
      [accountId],
    );
    return {
      accountId,
      planId: free.id,
      planName: free.name,
      status: rows[0] ? 'canceled' : 'free',
      interval: null,
      price: null,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: iso(rows[0]?.canceled_at ?? null),
      trialEnd: null,
      addOns: [],
      accessLimited: false,
    };
  }
  const { rows: items } = await db.query<ItemRow>(
    `SELECT i.kind, i.owner_id, i.quantity, p.unit_amount, p.currency
     FROM subscription_items i LEFT JOIN prices p ON p.stripe_price_id = i.stripe_price_id
     WHERE i.subscription_id = $1 ORDER BY i.id`,
    [live.id],
  );
  const plan = planById(catalog, live.plan_id) ?? free;
  const planItem = items.find((item) => item.kind === 'plan');
  const money = (item: ItemRow | undefined) =>
    item && item.unit_amount !== null && item.currency
      ? { amount: item.unit_amount, currency: item.currency }
      : null;
  return {
    accountId,
    planId: plan.id,
    planName: plan.name,
    status: live.status === 'incomplete_expired' ? 'canceled' : live.status,
    interval: live.billing_interval,
    price: money(planItem),
    currentPeriodStart: iso(live.current_period_start),
    currentPeriodEnd: iso(live.current_period_end),
    cancelAtPeriodEnd: live.cancel_at_period_end,
    canceledAt: iso(live.canceled_at),
    trialEnd: iso(live.trial_end),
    addOns: items.flatMap((item) => {
      const addOn = catalog.addOns.find((candidate) => candidate.id === item.owner_id);
      const price = money(item);
      return item.kind === 'add_on' && addOn && price
        ? [{ addOnId: addOn.id, name: addOn.name, quantity: item.quantity, price }]
        : [];
    }),
    // Unpaid means Stripe gave up retrying: access stops. Past due is the host's choice.
    accessLimited:
      live.status === 'unpaid' ||
      live.status === 'incomplete' ||
      (live.status === 'past_due' && pastDueAccess === 'limit'),
  };
}
