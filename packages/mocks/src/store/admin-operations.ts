import type { BillUsageResult, Invoice, LedgerEntry, ReconcileResult } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { issueInvoice, recordAudit } from './account-records.js';
import { accountOf, activityOf } from './accounts.js';
import { invoicesNewestFirst } from './admin-customers.js';
import { findFeature, poolCosts } from './catalog-lookup.js';
import { creditBalance, featureLedger } from './credit-ledger.js';
import { entitlementOf } from './entitlements.js';
import type { MockStore } from './mock-store.js';
import { billingPeriod } from './reset-windows.js';
import type { AccountRecord } from './store-types.js';

export interface GrantCreditsInput {
  feature: string;
  amount: number;
  reason: string;
  source: 'adjustment' | 'promotion';
  expiresAt?: string | undefined;
}

const available = (store: MockStore, account: AccountRecord, feature: string) =>
  creditBalance(activityOf(account), feature, false, store.now, poolCosts(store.catalog, feature)).available;

/** An operator's grant or removal, written to the ledger and the audit log with its reason. */
export function grantCredits(
  store: MockStore,
  account: AccountRecord,
  input: GrantCreditsInput,
): LedgerEntry {
  const feature = findFeature(store.catalog, input.feature);
  if (feature?.kind !== 'metered') {
    return fail('validation_failed', `"${input.feature}" is not a metered feature`, {
      issues: [{ field: 'body.feature', message: 'not a metered feature of the catalog' }],
    });
  }
  if (feature.creditCost) {
    const message = `"${input.feature}" is paid in ${feature.creditCost.pool}; grant ${feature.creditCost.pool} instead`;
    return fail('validation_failed', message, { issues: [{ field: 'body.feature', message }] });
  }
  if (entitlementOf(store, account, input.feature)?.amount === null) {
    return fail('conflict', `${feature.name} is unlimited for this account`);
  }
  const activity = activityOf(account);
  const before = available(store, account, input.feature);
  let entry: LedgerEntry;
  if (input.amount > 0) {
    const grant = {
      id: store.nextId('grant'),
      feature: input.feature,
      source: input.source,
      amount: input.amount,
      effectiveAt: store.now,
      expiresAt: input.expiresAt === undefined ? null : Date.parse(input.expiresAt),
      reason: input.reason,
      reference: null,
      createdAt: store.now,
    };
    activity.grants.push(grant);
    entry = {
      id: grant.id,
      at: iso(store.now),
      feature: input.feature,
      type: input.source === 'adjustment' ? 'adjustment' : 'grant',
      amount: input.amount,
      source: input.source,
      description: input.reason,
      reference: null,
    };
  } else {
    if (-input.amount > before) {
      return fail('conflict', `Cannot remove ${-input.amount} ${feature.name}: only ${before} available`, {
        feature: input.feature,
        requested: -input.amount,
        remaining: before,
      });
    }
    const id = store.nextId('adj');
    activity.usage.push({
      id,
      feature: input.feature,
      amount: -input.amount,
      at: store.now,
      idempotencyKey: id,
      kind: 'adjustment',
      reason: input.reason,
      result: null,
      billedAt: null,
    });
    entry = {
      id,
      at: iso(store.now),
      feature: input.feature,
      type: 'adjustment',
      amount: input.amount,
      source: 'adjustment',
      description: input.reason,
      reference: id,
    };
  }
  recordAudit(store, account, {
    actor: { type: 'admin', id: store.userId },
    action: input.amount > 0 ? 'credits.granted' : 'credits.removed',
    subject: `credits:${input.feature}`,
    before: { available: before },
    after: { available: available(store, account, input.feature) },
    reason: input.reason,
  });
  return entry;
}

function accountsInScope(store: MockStore, accountId: string | undefined): AccountRecord[] {
  return accountId === undefined ? [...store.accounts.values()] : [accountOf(store, accountId)];
}

/** Reports unbilled overage to "Stripe" and invoices it now, once: billed events are marked. */
export function billUsageNow(store: MockStore, accountId: string | undefined): BillUsageResult {
  const result: BillUsageResult = { reportedEvents: 0, invoices: [] };
  for (const account of accountsInScope(store, accountId)) {
    const activity = activityOf(account);
    const lines = [];
    for (const feature of store.catalog.features) {
      const overage = entitlementOf(store, account, feature.key)?.overage ?? null;
      if (feature.kind !== 'metered' || feature.creditCost || overage === null) continue;
      const costs = poolCosts(store.catalog, feature.key);
      const shortfall = featureLedger(activity, feature.key, store.now, costs).shortfall;
      const events = activity.usage.filter(
        (event) => event.billedAt === null && (shortfall.get(event.id) ?? 0) > 0,
      );
      if (events.length === 0) continue;
      const units = events.reduce((sum, event) => sum + (shortfall.get(event.id) ?? 0), 0);
      for (const event of events) event.billedAt = store.now;
      result.reportedEvents += events.length;
      lines.push({
        description: `${feature.name}: ${units} over the allowance`,
        amount: {
          amount: Math.round((units * overage.price.amount) / overage.per),
          currency: overage.price.currency,
        },
        quantity: units,
        packageType: 'usage' as const,
        packageId: feature.key,
      });
    }
    if (lines.length === 0) continue;
    const { invoice } = issueInvoice(store, account, lines, billingPeriod(account.subscription, store.now));
    result.invoices.push({ accountId: account.id, invoiceId: invoice.id, total: invoice.total });
  }
  return result;
}

/** The mock is its own Stripe, so there is never anything to repair. */
export function reconcile(store: MockStore, accountId: string | undefined): ReconcileResult {
  return { accountsChecked: accountsInScope(store, accountId).length, changes: [] };
}

export function allInvoices(
  store: MockStore,
  filter: { accountId?: string | undefined; status?: Invoice['status'] | undefined },
): Invoice[] {
  const accounts =
    filter.accountId === undefined ? [...store.accounts.values()] : [store.accounts.get(filter.accountId)];
  const invoices: Invoice[] = [];
  for (const account of accounts) {
    if (!account) continue;
    for (const { invoice } of activityOf(account).invoices) {
      if (filter.status === undefined || invoice.status === filter.status) invoices.push(invoice);
    }
  }
  return invoicesNewestFirst(invoices);
}
