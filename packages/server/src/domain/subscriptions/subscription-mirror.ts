import type Stripe from 'stripe';
import type { Executor } from '../../db/database.js';
import { settleRolloversOnPlanChange } from '../../engine/rollover-plan-change.js';
import { findAccount, findAccountByCustomer } from '../accounts/accounts.js';
import { type AuditActor, recordAudit } from '../audit/audit-log.js';
import { loadCatalog } from '../catalog/catalog-store.js';

const fromUnix = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);
const idOf = (value: string | { id: string } | null | undefined) =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

interface PriceOwner {
  owner_kind: 'plan' | 'add_on' | 'credit_pack' | 'overage';
  owner_id: string;
  lookup_key: string;
}

/** Which account a Stripe object belongs to: our metadata first, then the customer we created. */
export async function accountIdForStripe(
  db: Executor,
  metadata: Stripe.Metadata | null | undefined,
  customer: string | { id: string } | null,
): Promise<string | null> {
  const fromMetadata = metadata?.account_id;
  if (fromMetadata && (await findAccount(db, fromMetadata))) return fromMetadata;
  const customerId = idOf(customer);
  return customerId ? ((await findAccountByCustomer(db, customerId))?.id ?? null) : null;
}

interface StoredState {
  status: string;
  plan_id: string | null;
  cancel_at_period_end: boolean;
  stripe_updated_at: Date;
}

export type MirrorOutcome = 'applied' | 'stale' | 'unknown_account';

/**
 * Writes Stripe's view of a subscription into the mirror, unless the mirror already holds a newer one
 * (`observedAt` is when Stripe produced this view; the caller re-reads the object from Stripe on `stale`).
 * Also moves the account's plan and audits the change.
 */
export async function mirrorSubscription(
  tx: Executor,
  subscription: Stripe.Subscription,
  observedAt: Date,
  actor: AuditActor,
  options: { fresh?: boolean } = {},
): Promise<MirrorOutcome> {
  const accountId = await accountIdForStripe(tx, subscription.metadata, subscription.customer);
  if (!accountId) return 'unknown_account';
  const { rows: storedRows } = await tx.query<StoredState>(
    'SELECT status, plan_id, cancel_at_period_end, stripe_updated_at FROM subscriptions WHERE id = $1 FOR UPDATE',
    [subscription.id],
  );
  const stored = storedRows[0];
  // `fresh` marks an object just re-read from Stripe: it is the newest state whatever the event said.
  if (stored && stored.stripe_updated_at > observedAt && !options.fresh) return 'stale';

  const items = subscription.items.data;
  const owners = new Map<string, PriceOwner>();
  if (items.length > 0) {
    const { rows } = await tx.query<PriceOwner & { stripe_price_id: string }>(
      'SELECT owner_kind, owner_id, lookup_key, stripe_price_id FROM prices WHERE stripe_price_id = ANY($1)',
      [items.map((item) => item.price.id)],
    );
    for (const row of rows) owners.set(row.stripe_price_id, row);
  }
  const planItem = items.find((item) => owners.get(item.price.id)?.owner_kind === 'plan');
  const planId = planItem ? (owners.get(planItem.price.id)?.owner_id ?? null) : null;
  const periodSource = planItem ?? items[0];
  const params = [
    subscription.id,
    accountId,
    subscription.status,
    planId,
    planItem?.price.recurring?.interval ?? null,
    subscription.currency.toUpperCase(),
    subscription.cancel_at_period_end,
    fromUnix(subscription.cancel_at),
    fromUnix(subscription.canceled_at),
    fromUnix(subscription.ended_at),
    fromUnix(periodSource?.current_period_start),
    fromUnix(periodSource?.current_period_end),
    fromUnix(subscription.trial_start),
    fromUnix(subscription.trial_end),
    fromUnix(subscription.created),
    observedAt,
  ];
  await tx.query(
    `INSERT INTO subscriptions (id, account_id, status, plan_id, billing_interval, currency, cancel_at_period_end,
       cancel_at, canceled_at, ended_at, current_period_start, current_period_end, trial_start, trial_end,
       stripe_created_at, stripe_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (id) DO UPDATE SET status = $3, plan_id = $4, billing_interval = $5, currency = $6,
       cancel_at_period_end = $7, cancel_at = $8, canceled_at = $9, ended_at = $10, current_period_start = $11,
       current_period_end = $12, trial_start = $13, trial_end = $14,
       stripe_updated_at = GREATEST(subscriptions.stripe_updated_at, $16), updated_at = now()`,
    params,
  );
  await tx.query('DELETE FROM subscription_items WHERE subscription_id = $1', [subscription.id]);
  for (const item of items) {
    const owner = owners.get(item.price.id);
    await tx.query(
      `INSERT INTO subscription_items (id, subscription_id, kind, owner_id, stripe_price_id, price_lookup_key,
         quantity, current_period_start, current_period_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        item.id,
        subscription.id,
        owner && owner.owner_kind !== 'credit_pack' ? owner.owner_kind : 'unknown',
        owner?.owner_id ?? null,
        item.price.id,
        owner?.lookup_key ?? item.price.lookup_key ?? null,
        item.quantity ?? 1,
        fromUnix(item.current_period_start),
        fromUnix(item.current_period_end),
      ],
    );
  }
  const { rows: accountRows } = await tx.query<{ plan_id: string | null }>(
    'SELECT plan_id FROM accounts WHERE id = $1 FOR UPDATE',
    [accountId],
  );
  const planBefore = accountRows[0]?.plan_id ?? null;
  const planAfter = await refreshAccountPlan(tx, accountId);
  if (planAfter !== planBefore) {
    await settleRolloversOnPlanChange(tx, await loadCatalog(tx), {
      accountId,
      fromPlanId: planBefore,
      toPlanId: planAfter,
      at: observedAt,
      actor,
    });
  }
  const before = stored
    ? { status: stored.status, planId: stored.plan_id, cancelAtPeriodEnd: stored.cancel_at_period_end }
    : null;
  const after = { status: subscription.status, planId, cancelAtPeriodEnd: subscription.cancel_at_period_end };
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    await recordAudit(tx, {
      accountId,
      actor,
      action: stored ? 'subscription.updated' : 'subscription.created',
      subjectType: 'subscription',
      subjectId: subscription.id,
      before,
      after,
      at: observedAt,
    });
  }
  return 'applied';
}

/**
 * Sets the plan an account is on: that of its live subscription, or NULL (the free tier) when none is
 * live. Answers that plan.
 */
export async function refreshAccountPlan(tx: Executor, accountId: string): Promise<string | null> {
  const { rows } = await tx.query<{ plan_id: string | null }>(
    `UPDATE accounts SET plan_id = (
       SELECT plan_id FROM subscriptions
       WHERE account_id = $1 AND status NOT IN ('canceled', 'incomplete_expired', 'incomplete')
       ORDER BY stripe_created_at DESC LIMIT 1
     ), updated_at = now() WHERE id = $1 RETURNING plan_id`,
    [accountId],
  );
  return rows[0]?.plan_id ?? null;
}
