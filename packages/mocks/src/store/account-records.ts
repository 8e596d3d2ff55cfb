import type { AuditEntry, Invoice } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { activityOf } from './accounts.js';
import { effectiveEntitlement, planOf } from './catalog-lookup.js';
import { isLive } from './credit-ledger.js';
import type { MockStore } from './mock-store.js';
import { resetWindow } from './reset-windows.js';
import type { AccountRecord, StoredInvoice } from './store-types.js';

/** Appends who changed what and why; every subscription change, grant and adjustment calls this. */
export function recordAudit(
  store: MockStore,
  account: AccountRecord,
  fields: Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'before' | 'after' | 'reason'>,
): AuditEntry {
  const entry: AuditEntry = { id: store.nextId('aud'), accountId: account.id, ...fields, at: iso(store.now) };
  activityOf(account).audit.push(entry);
  return entry;
}

/** A paid invoice issued now, with what each line sold so revenue can be grouped by package. */
export function issueInvoice(
  store: MockStore,
  account: AccountRecord,
  lines: (Invoice['lines'][number] & {
    packageType: StoredInvoice['revenue'][number]['packageType'];
    packageId: string;
  })[],
  period: { start: number; end: number } | null,
): StoredInvoice {
  const id = store.nextId('in');
  const currency = account.subscription.currency;
  const total = lines.reduce((sum, line) => sum + line.amount.amount, 0);
  const activity = activityOf(account);
  const stored: StoredInvoice = {
    invoice: {
      id,
      accountId: account.id,
      number: `${account.id
        .replace(/^acct_/, '')
        .toUpperCase()
        .slice(0, 8)}-${String(activity.invoices.length + 1).padStart(4, '0')}`,
      status: 'paid',
      total: { amount: total, currency },
      amountDue: { amount: 0, currency },
      amountPaid: { amount: total, currency },
      periodStart: period === null ? null : iso(period.start),
      periodEnd: period === null ? null : iso(period.end),
      createdAt: iso(store.now),
      paidAt: iso(store.now),
      hostedInvoiceUrl: `https://invoice.stripe.test/i/${id}`,
      invoicePdfUrl: `https://pay.stripe.test/invoice/${id}/pdf`,
      lines: lines.map(({ description, amount, quantity }) => ({ description, amount, quantity })),
    },
    revenue: lines.map((line) => ({
      packageType: line.packageType,
      packageId: line.packageId,
      amount: line.amount.amount,
    })),
  };
  activity.invoices.push(stored);
  return stored;
}

/**
 * Replaces the plan allowances with the current plan's, from now: credits reset to the new plan's
 * amount rather than adding up, and what was left of the old allowance shows as expired.
 */
export function resetPlanAllowances(store: MockStore, account: AccountRecord): void {
  const activity = activityOf(account);
  for (const grant of activity.grants) {
    if (grant.source === 'plan' && isLive(grant, store.now)) grant.expiresAt = store.now;
  }
  const plan = planOf(store.catalog, account.subscription.planId);
  for (const feature of store.catalog.features) {
    if (feature.kind !== 'metered') continue;
    const entitlement = effectiveEntitlement(store.catalog, plan, account.subscription.addOns, feature.key);
    if (!entitlement || entitlement.amount === null || entitlement.amount === 0) continue;
    activity.grants.push({
      id: store.nextId('grant'),
      feature: feature.key,
      source: 'plan',
      amount: entitlement.amount,
      effectiveAt: store.now,
      expiresAt: resetWindow(account.subscription, entitlement.reset ?? 'month', store.now).end,
      reason: null,
      reference: plan.id,
      createdAt: store.now,
    });
  }
}
