import type { Purchase } from '@billing-kit/contracts';
import { addMonths, iso } from '../calendar.js';
import { findAddOn, moneyIn, planOf, planPrice } from '../store/catalog-lookup.js';
import type { MockStore } from '../store/mock-store.js';
import type { AccountRecord, StoredInvoice } from '../store/store-types.js';

function invoiceUrls(id: string) {
  return {
    hostedInvoiceUrl: `https://invoice.stripe.test/i/${id}`,
    invoicePdfUrl: `https://pay.stripe.test/invoice/${id}/pdf`,
  };
}

/** One invoice per billing period since the account first paid; the last one open when past due. */
export function billingHistory(
  store: MockStore,
  account: AccountRecord,
  ids: (prefix: string) => string,
): { invoices: StoredInvoice[]; purchases: Purchase[] } {
  const { subscription } = account;
  const plan = planOf(store.catalog, subscription.planId);
  // A canceled account is back on the free tier; its paid history is not kept by generated customers.
  if (subscription.paidSince === null || plan.isFree) return { invoices: [], purchases: [] };
  const interval = subscription.interval ?? 'month';
  const months = interval === 'year' ? 12 : 1;
  const currency = subscription.currency;
  const planAmount = subscription.customAmount ?? planPrice(plan, interval, currency) ?? 0;
  const end = subscription.canceledAt ?? store.now;
  const invoices: StoredInvoice[] = [];
  const trialEnd = subscription.trialEnd;
  const periods: { start: number; end: number; trial: boolean }[] = [];
  if (trialEnd !== null) periods.push({ start: subscription.paidSince, end: trialEnd, trial: true });
  const anchor = trialEnd ?? subscription.paidSince;
  for (let step = 0; addMonths(anchor, step * months) <= end; step++) {
    periods.push({
      start: addMonths(anchor, step * months),
      end: addMonths(anchor, (step + 1) * months),
      trial: false,
    });
  }
  const prefix = account.id
    .replace(/^acct_/, '')
    .toUpperCase()
    .slice(0, 8);
  periods.forEach((period, index) => {
    const id = ids('in');
    const addOns = period.trial
      ? []
      : subscription.addOns.map(({ addOnId, quantity }) => {
          const addOn = findAddOn(store.catalog, addOnId);
          return {
            description: `${addOn?.name ?? addOnId} × ${quantity}`,
            amount: moneyIn(addOn?.prices ?? [], currency) * quantity,
            quantity,
            addOnId,
          };
        });
    const planLine = {
      description: period.trial ? `Free trial of ${plan.name}` : `${plan.name} (${interval}ly)`,
      amount: period.trial ? 0 : planAmount,
    };
    const total = planLine.amount + addOns.reduce((sum, line) => sum + line.amount, 0);
    const unpaid = index === periods.length - 1 && subscription.status === 'past_due';
    const money = (amount: number) => ({ amount, currency });
    invoices.push({
      invoice: {
        id,
        accountId: account.id,
        number: `${prefix}-${String(index + 1).padStart(4, '0')}`,
        status: unpaid ? 'open' : 'paid',
        total: money(total),
        amountDue: money(unpaid ? total : 0),
        amountPaid: money(unpaid ? 0 : total),
        periodStart: iso(period.start),
        periodEnd: iso(period.end),
        createdAt: iso(period.start),
        paidAt: unpaid ? null : iso(period.start + 3_600_000),
        ...invoiceUrls(id),
        lines: [
          { description: planLine.description, amount: money(planLine.amount), quantity: 1 },
          ...addOns.map((line) => ({
            description: line.description,
            amount: money(line.amount),
            quantity: line.quantity,
          })),
        ],
      },
      revenue: unpaid
        ? []
        : [
            { packageType: 'plan', packageId: plan.id, amount: planLine.amount },
            ...addOns.map((line) => ({
              packageType: 'add_on' as const,
              packageId: line.addOnId,
              amount: line.amount,
            })),
          ],
    });
  });
  const first = invoices[0]?.invoice;
  const purchases: Purchase[] = [
    {
      id: ids('pur'),
      accountId: account.id,
      packageType: 'plan',
      packageId: plan.id,
      name: `${plan.name} subscription`,
      amount: first?.total ?? { amount: 0, currency },
      status: 'succeeded',
      units: null,
      expiresAt: null,
      createdAt: iso(subscription.paidSince),
    },
  ];
  return { invoices, purchases };
}
