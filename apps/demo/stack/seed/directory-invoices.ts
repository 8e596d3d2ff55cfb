import { demoCatalog } from '@billing-kit/contracts';
import type { Executor } from '@billing-kit/server';
import { addMonths } from '../demo-time.js';

/** One subscription of the admin-table directory, as its invoices need it. */
export interface DirectorySubscription {
  id: string;
  accountId: string;
  planId: string;
  interval: 'month' | 'year';
  currency: string;
  unitAmount: number;
  status: 'active' | 'trialing' | 'past_due' | 'canceled';
  started: Date;
  trialEnd: Date | null;
  canceledAt: Date | null;
}

const planName = (planId: string) =>
  (demoCatalog.plans as Record<string, { name: string } | undefined>)[planId]?.name ?? planId;

/**
 * The invoices a directory subscription would have had: a $0 one when a trial starts, then one per period
 * from the first paid one until now (or the cancellation), all paid except a past-due subscription's last.
 * Written to the mirror like the subscriptions, so the admin's invoice list and revenue chart agree with MRR.
 */
function invoicesOf(subscription: DirectorySubscription, now: Date) {
  const step = subscription.interval === 'year' ? 12 : 1;
  const until = subscription.canceledAt ?? now;
  const starts: Date[] = subscription.trialEnd ? [subscription.started] : [];
  for (let at = subscription.trialEnd ?? subscription.started; at <= until; at = addMonths(at, step)) {
    starts.push(at);
  }
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: subscription.currency });
  return starts.map((start, index) => {
    const isTrial = subscription.trialEnd !== null && index === 0;
    const amount = isTrial ? 0 : subscription.unitAmount;
    const open = subscription.status === 'past_due' && index === starts.length - 1;
    const end = isTrial && subscription.trialEnd ? subscription.trialEnd : addMonths(start, step);
    const line = {
      description: `1 × ${planName(subscription.planId)} (at ${money.format(subscription.unitAmount / 100)} / ${subscription.interval})`,
      amount: { amount, currency: subscription.currency },
      quantity: 1,
    };
    return {
      id: `in_${subscription.id.slice('sub_'.length)}_${String(index + 1).padStart(3, '0')}`,
      number: `DIR-${subscription.id.slice(-5)}-${String(index + 1).padStart(4, '0')}`,
      status: open ? 'open' : 'paid',
      billingReason: index === 0 ? 'subscription_create' : 'subscription_cycle',
      amount,
      paid: open ? 0 : amount,
      start,
      end,
      paidAt: open ? null : start,
      lines: [line],
    };
  });
}

export async function insertDirectoryInvoices(
  tx: Executor,
  subscriptions: readonly DirectorySubscription[],
  now: Date,
): Promise<number> {
  const rows = subscriptions.flatMap((subscription) =>
    invoicesOf(subscription, now).map((invoice) => ({ subscription, invoice })),
  );
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  await tx.query(
    `INSERT INTO invoices (id, account_id, subscription_id, number, status, billing_reason, currency, subtotal, total,
       amount_due, amount_paid, amount_remaining, period_start, period_end, paid_at, stripe_created_at,
       stripe_updated_at, lines)
     SELECT id, account_id, subscription_id, number, status, billing_reason, currency, amount, amount, amount, paid,
       amount - paid, period_start, period_end, paid_at, period_start, COALESCE(paid_at, period_start), lines
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
       $9::bigint[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::jsonb[])
       AS t(id, account_id, subscription_id, number, status, billing_reason, currency, amount, paid, period_start,
         period_end, paid_at, lines)
     ON CONFLICT (id) DO NOTHING`,
    [
      column((row) => row.invoice.id),
      column((row) => row.subscription.accountId),
      column((row) => row.subscription.id),
      column((row) => row.invoice.number),
      column((row) => row.invoice.status),
      column((row) => row.invoice.billingReason),
      column((row) => row.subscription.currency),
      column((row) => row.invoice.amount),
      column((row) => row.invoice.paid),
      column((row) => row.invoice.start.toISOString()),
      column((row) => row.invoice.end.toISOString()),
      column((row) => row.invoice.paidAt?.toISOString() ?? null),
      column((row) => JSON.stringify(row.invoice.lines)),
    ],
  );
  return rows.length;
}
