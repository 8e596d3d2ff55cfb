import type { Subscription } from '@billing-kit/contracts';
import type { Formatters } from '../format.js';

export type StatusTone = 'neutral' | 'ok' | 'warning' | 'danger';

export interface StatusSummary {
  label: string;
  tone: StatusTone;
  /** One sentence on what happens next: trial days left, renewal or end date. */
  detail: string | null;
}

const dayMs = 86_400_000;

/** How a subscription reads to a person, as of `now`. */
export function subscriptionStatus(
  subscription: Subscription,
  format: Formatters,
  now: number,
): StatusSummary {
  const periodEnd = subscription.currentPeriodEnd;
  if (subscription.status === 'trialing') {
    const trialEnd = subscription.trialEnd ?? periodEnd;
    const daysLeft = trialEnd ? Math.max(0, Math.ceil((Date.parse(trialEnd) - now) / dayMs)) : null;
    const left =
      daysLeft === null ? null : `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left in your trial`;
    const then = subscription.cancelAtPeriodEnd
      ? 'then it ends'
      : trialEnd
        ? `first payment on ${format.date(trialEnd)}`
        : null;
    return { label: 'Trial', tone: 'ok', detail: [left, then].filter(Boolean).join(', ') || null };
  }
  if (subscription.status === 'past_due' || subscription.status === 'unpaid') {
    return {
      label: 'Past due',
      tone: 'danger',
      detail: 'Your last payment failed. Update your payment method to keep access.',
    };
  }
  if (subscription.cancelAtPeriodEnd && periodEnd) {
    return {
      label: 'Canceling',
      tone: 'warning',
      detail: `Ends on ${format.date(periodEnd)}, then moves to the free plan.`,
    };
  }
  if (subscription.status === 'active') {
    return { label: 'Active', tone: 'ok', detail: periodEnd ? `Renews on ${format.date(periodEnd)}` : null };
  }
  if (subscription.status === 'canceled') {
    return { label: 'Canceled', tone: 'neutral', detail: 'You are on the free plan.' };
  }
  if (subscription.status === 'free') return { label: 'Free plan', tone: 'neutral', detail: null };
  return { label: subscription.status.replace('_', ' '), tone: 'warning', detail: null };
}
