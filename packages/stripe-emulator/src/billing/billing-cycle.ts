import { type EmulatorContext, emit } from '../context.js';
import type { SubscriptionObject } from '../objects.js';
import { Params } from '../params.js';
import { clone } from '../wire.js';
import { expireCheckoutSessions } from './checkout-expiry.js';
import type { LineSpec } from './invoice-builder.js';
import { attemptInvoicePayment, voidInvoice } from './invoice-payment.js';
import { previewInvoice } from './invoice-preview.js';
import { meterUsage } from './meter-usage.js';
import { MinHeap } from './min-heap.js';
import { nextPeriodEnd, priceInterval } from './periods.js';
import { cancelSubscriptionNow } from './subscription-cancellation.js';
import { periodLine, usageLine } from './subscription-items.js';
import { issueSubscriptionInvoice } from './subscription-lifecycle.js';
import { billingStateOf, setSubscriptionStatus } from './subscription-status.js';

const day = 86_400;
// Stripe expires a subscription whose first payment never succeeded after 23 hours.
const incompleteLifetime = 23 * 60 * 60;

type ActionKind = 'trial_will_end' | 'upcoming' | 'retry' | 'cancel_at' | 'expire' | 'period_end';
interface DueAction {
  at: number;
  kind: ActionKind;
}

function latestOpenInvoice(context: EmulatorContext, subscription: SubscriptionObject) {
  const id =
    typeof subscription.latest_invoice === 'string'
      ? subscription.latest_invoice
      : subscription.latest_invoice?.id;
  const invoice = id ? context.store.invoices.get(id) : undefined;
  return invoice?.status === 'open' ? invoice : undefined;
}

export function nextDueAction(context: EmulatorContext, subscription: SubscriptionObject): DueAction | null {
  const { status } = subscription;
  if (status === 'canceled' || status === 'incomplete_expired' || status === 'paused') return null;
  if (status === 'incomplete') return { at: subscription.created + incompleteLifetime, kind: 'expire' };
  const candidates: DueAction[] = [];
  const periodEnd = subscription.items.data[0]?.current_period_end;
  const state = billingStateOf(context, subscription.id);
  if (status === 'trialing' && subscription.trial_end && !state.trialWillEndSent) {
    candidates.push({ at: subscription.trial_end - 3 * day, kind: 'trial_will_end' });
  }
  const notice = context.upcomingInvoiceDays * day;
  const periodStart = subscription.items.data[0]?.current_period_start ?? 0;
  const renews =
    subscription.cancel_at === null || (periodEnd !== undefined && subscription.cancel_at > periodEnd);
  if (notice > 0 && periodEnd !== undefined && renews && state.upcomingSentFor !== periodEnd) {
    // Like Stripe, only periods longer than the notice get one (a weekly plan gets none at 7 days).
    if (periodEnd - notice > periodStart) candidates.push({ at: periodEnd - notice, kind: 'upcoming' });
  }
  const open = latestOpenInvoice(context, subscription);
  if (open?.next_payment_attempt) candidates.push({ at: open.next_payment_attempt, kind: 'retry' });
  if (subscription.cancel_at !== null && (periodEnd === undefined || subscription.cancel_at < periodEnd)) {
    candidates.push({ at: subscription.cancel_at, kind: 'cancel_at' });
  }
  if (periodEnd !== undefined) candidates.push({ at: periodEnd, kind: 'period_end' });
  let best: DueAction | null = null;
  for (const candidate of candidates) if (!best || candidate.at < best.at) best = candidate;
  return best;
}

function renew(context: EmulatorContext, subscription: SubscriptionObject, at: number): void {
  if (subscription.cancel_at !== null && subscription.cancel_at <= at) {
    // The last period's metered usage is still billed, in arrears, on a final invoice.
    cancelSubscriptionNow(context, subscription, at, 'cancellation_requested', { finalInvoice: true });
    return;
  }
  const customerId =
    typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
  const customer = context.store.customers.get(customerId);
  const first = subscription.items.data[0];
  if (!customer || !first) return;
  const wasTrial = subscription.status === 'trialing';
  const { interval, count } = priceInterval(first.price);
  const oldPeriod = { start: first.current_period_start, end: first.current_period_end };
  if (wasTrial) subscription.billing_cycle_anchor = oldPeriod.end;
  const newPeriod = {
    start: oldPeriod.end,
    end: nextPeriodEnd(subscription.billing_cycle_anchor, oldPeriod.end, interval, count),
  };
  const before = clone(subscription);
  const lines: LineSpec[] = [];
  for (const item of subscription.items.data) {
    if (item.price.recurring?.usage_type === 'metered') {
      const meter = item.price.recurring.meter;
      if (!wasTrial && meter) {
        lines.push(
          usageLine(
            context.store.products,
            subscription.id,
            item,
            oldPeriod,
            meterUsage(context, meter, customerId, oldPeriod),
          ),
        );
      }
    } else {
      lines.push(periodLine(context.store.products, subscription.id, item, newPeriod));
    }
    item.current_period_start = newPeriod.start;
    item.current_period_end = newPeriod.end;
  }
  if (wasTrial) subscription.status = 'active';
  // Announced before the invoice's events but filled once the invoice exists, so the payload carries
  // the new period and the new latest_invoice, as Stripe's renewal event does.
  const updated = context.events.reserve('customer.subscription.updated', at);
  // Each renewal invoice has its own retry schedule, counted from its own first failure.
  const state = billingStateOf(context, subscription.id);
  state.dunningStartedAt = null;
  state.retriesDone = 0;
  const retryDay = context.dunning.retryDays[0];
  try {
    issueSubscriptionInvoice(context, subscription, customer, 'subscription_cycle', lines, newPeriod, at, {
      charge: subscription.status !== 'unpaid',
      nextAttemptAt: retryDay === undefined ? null : at + retryDay * day,
      onCreated: () => updated.fill(subscription, before),
    });
  } finally {
    // Never leave deliveries held behind an unfilled reservation (a no-op once filled).
    updated.abandon();
  }
}

/** `trial_end: 'now'`: the trial stops here and the first paid period starts (and is invoiced) now. */
export function endTrialNow(context: EmulatorContext, subscription: SubscriptionObject, now: number): void {
  if (subscription.status !== 'trialing') return;
  for (const item of subscription.items.data) item.current_period_end = now;
  subscription.trial_end = now;
  if (subscription.cancel_at_period_end) subscription.cancel_at = null;
  renew(context, subscription, now);
}

function retry(context: EmulatorContext, subscription: SubscriptionObject, at: number): void {
  const invoice = latestOpenInvoice(context, subscription);
  if (!invoice) return;
  const state = billingStateOf(context, subscription.id);
  const started = state.dunningStartedAt ?? at;
  const followingDay = context.dunning.retryDays[state.retriesDone + 1];
  const nextAttemptAt = followingDay === undefined ? null : started + followingDay * day;
  const result = attemptInvoicePayment(context, invoice, at, { nextAttemptAt });
  if (result.paid) return;
  state.retriesDone += 1;
  if (nextAttemptAt !== null) return;
  if (context.dunning.finalAction === 'cancel')
    cancelSubscriptionNow(context, subscription, at, 'payment_failed');
  else setSubscriptionStatus(context, subscription, 'unpaid', at);
}

function perform(context: EmulatorContext, subscription: SubscriptionObject, action: DueAction): void {
  switch (action.kind) {
    case 'trial_will_end':
      billingStateOf(context, subscription.id).trialWillEndSent = true;
      emit(context, 'customer.subscription.trial_will_end', subscription, action.at);
      return;
    case 'upcoming': {
      billingStateOf(context, subscription.id).upcomingSentFor =
        subscription.items.data[0]?.current_period_end ?? null;
      const preview = previewInvoice(context, new Params({ subscription: subscription.id }));
      emit(context, 'invoice.upcoming', preview, action.at);
      return;
    }
    case 'retry':
      retry(context, subscription, action.at);
      return;
    case 'cancel_at':
      cancelSubscriptionNow(context, subscription, action.at, 'cancellation_requested', {
        finalInvoice: true,
      });
      return;
    case 'expire': {
      const open = latestOpenInvoice(context, subscription);
      if (open) voidInvoice(context, open, action.at);
      setSubscriptionStatus(context, subscription, 'incomplete_expired', action.at);
      return;
    }
    case 'period_end':
      renew(context, subscription, action.at);
  }
}

/**
 * Performs, in time order up to `target`, every due renewal, trial end, retry and cancellation of the
 * subscriptions on `clockId` (or, for `null`, those on no clock). A heap keeps it
 * O(actions · log subscriptions); `onStep` sees each action's time before it runs.
 */
export function runDueActions(
  context: EmulatorContext,
  clockId: string | null,
  target: number,
  onStep: (at: number) => void = () => {},
): void {
  const heap = new MinHeap<SubscriptionObject>();
  for (const subscription of context.store.subscriptions.values()) {
    if ((subscription.test_clock ?? null) !== clockId) continue;
    const action = nextDueAction(context, subscription);
    if (action && action.at <= target) heap.push(action.at, subscription);
  }
  for (let entry = heap.pop(); entry; entry = heap.pop()) {
    const action = nextDueAction(context, entry.value);
    if (!action || action.at > target) continue;
    if (action.at !== entry.at) {
      heap.push(action.at, entry.value);
      continue;
    }
    onStep(action.at);
    perform(context, entry.value, action);
    const next = nextDueAction(context, entry.value);
    const stuck = next?.at === action.at && next.kind === action.kind;
    if (next && next.at <= target && !stuck) heap.push(next.at, entry.value);
  }
}

/** Moves a test clock to `target`; objects created on the way carry the time of their action. */
export function advanceClock(context: EmulatorContext, clockId: string, target: number): void {
  const clock = context.store.testClocks.get(clockId);
  if (!clock) return;
  runDueActions(context, clockId, target, (at) => {
    clock.frozen_time = Math.max(clock.frozen_time, at);
  });
  clock.frozen_time = target;
  expireCheckoutSessions(context, clockId, target);
}
