import type { Subscription } from '@billing-kit/contracts';
import type Stripe from 'stripe';
import { BillingError } from '../../billing-error.js';
import type { BillingServices } from '../../services.js';
import type { AccountRecord } from '../accounts/accounts.js';
import type { AuditActor } from '../audit/audit-log.js';
import { recordAudit } from '../audit/audit-log.js';
import { mirrorSubscription } from './subscription-mirror.js';
import { liveSubscriptionRow, subscriptionView } from './subscription-view.js';

export interface ChangeContext {
  actor: AuditActor;
  requestId?: string | undefined;
  idempotencyKey?: string | undefined;
}

async function requireLive(services: BillingServices, account: AccountRecord) {
  const live = await liveSubscriptionRow(services.db, account.id);
  if (!live) throw new BillingError('conflict', 'The account has no subscription to change');
  return live;
}

/** Applies Stripe's answer to the mirror at once, so the caller sees it before the webhook arrives. */
export async function applyStripeAnswer(
  services: BillingServices,
  account: AccountRecord,
  subscription: Stripe.Subscription,
  context: ChangeContext,
  action: string,
  reason?: string,
): Promise<Subscription> {
  await services.db.transaction(async (tx) => {
    await mirrorSubscription(tx, subscription, services.now(), context.actor, { fresh: true });
    await recordAudit(tx, {
      accountId: account.id,
      actor: context.actor,
      action,
      subjectType: 'subscription',
      subjectId: subscription.id,
      after: { status: subscription.status, cancelAtPeriodEnd: subscription.cancel_at_period_end },
      reason: reason ?? null,
      requestId: context.requestId,
      at: services.now(),
    });
  });
  return subscriptionView(services.db, await services.catalog(), account.id, services.pastDueAccess);
}

const idempotency = (context: ChangeContext, operation: string, account: AccountRecord) =>
  context.idempotencyKey
    ? { idempotencyKey: `billing-kit-${operation}-${account.id}-${context.idempotencyKey}` }
    : {};

/** Cancels now (the account drops to the free tier) or at the period end (it keeps access until then). */
export async function cancelSubscription(
  services: BillingServices,
  account: AccountRecord,
  request: { atPeriodEnd: boolean; reason?: string | undefined },
  context: ChangeContext,
): Promise<Subscription> {
  const live = await requireLive(services, account);
  const answer = await services.stripe.call((stripe) =>
    request.atPeriodEnd
      ? stripe.subscriptions.update(
          live.id,
          { cancel_at_period_end: true },
          idempotency(context, 'cancel', account),
        )
      : stripe.subscriptions.cancel(live.id, {}, idempotency(context, 'cancel-now', account)),
  );
  const action = request.atPeriodEnd ? 'subscription.cancel_at_period_end' : 'subscription.canceled';
  return applyStripeAnswer(services, account, answer, context, action, request.reason);
}

/** Undoes a cancellation scheduled for the period end. */
export async function resumeSubscription(
  services: BillingServices,
  account: AccountRecord,
  context: ChangeContext,
): Promise<Subscription> {
  const live = await requireLive(services, account);
  if (!live.cancel_at_period_end)
    throw new BillingError('conflict', 'The subscription is not scheduled to cancel');
  const answer = await services.stripe.call((stripe) =>
    stripe.subscriptions.update(
      live.id,
      { cancel_at_period_end: false },
      idempotency(context, 'resume', account),
    ),
  );
  return applyStripeAnswer(services, account, answer, context, 'subscription.resumed');
}
