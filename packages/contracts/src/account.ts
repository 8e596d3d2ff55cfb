import { z } from 'zod';
import { FeatureKind, ResetInterval } from './features.js';
import { pageOf } from './pagination.js';
import { BillingInterval, Id, Money, Slug, Timestamp } from './primitives.js';

export const AccountRole = z.enum(['member', 'billing_admin', 'admin']).meta({ id: 'AccountRole' });
export type AccountRole = z.infer<typeof AccountRole>;

export const AccountParams = z.object({ accountId: Id });

/** Who the caller is, as the server identified them (never as the browser claimed). */
export const Me = z
  .object({
    userId: Id.nullable(),
    role: AccountRole,
    account: z.object({ id: Id, name: z.string(), email: z.email().nullable() }).nullable(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** `free` means on the free tier with no Stripe subscription; the rest mirror Stripe's statuses. */
export const SubscriptionStatus = z
  .enum(['free', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'paused'])
  .meta({ id: 'SubscriptionStatus' });
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export const SubscribedAddOn = z
  .object({ addOnId: Slug, name: z.string(), quantity: z.int().positive(), price: Money })
  .meta({ id: 'SubscribedAddOn' });

export const Subscription = z
  .object({
    accountId: Id,
    planId: Slug,
    planName: z.string(),
    status: SubscriptionStatus,
    interval: BillingInterval.nullable(),
    price: Money.nullable(),
    currentPeriodStart: Timestamp.nullable(),
    currentPeriodEnd: Timestamp.nullable(),
    cancelAtPeriodEnd: z.boolean(),
    canceledAt: Timestamp.nullable(),
    trialEnd: Timestamp.nullable(),
    addOns: z.array(SubscribedAddOn),
    accessLimited: z
      .boolean()
      .describe('True while a failed payment limits access, as the server is configured.'),
  })
  .meta({ id: 'Subscription' });
export type Subscription = z.infer<typeof Subscription>;

/** One feature as it stands for one account right now. `limit: null` is unlimited, stated explicitly. */
export const AccountEntitlement = z
  .object({
    feature: Slug,
    name: z.string(),
    kind: FeatureKind,
    enabled: z.boolean(),
    unlimited: z.boolean(),
    limit: z.number().nonnegative().nullable(),
    used: z.number().nonnegative().nullable(),
    remaining: z.number().nonnegative().nullable(),
    resetsAt: Timestamp.nullable(),
    overageAllowed: z.boolean(),
  })
  .meta({ id: 'AccountEntitlement' });
export type AccountEntitlement = z.infer<typeof AccountEntitlement>;

export const Entitlements = z
  .object({ accountId: Id, planId: Slug, entitlements: z.array(AccountEntitlement) })
  .meta({ id: 'Entitlements' });
export type Entitlements = z.infer<typeof Entitlements>;

export const UsageQuery = z.object({
  period: z.enum(['current', 'previous']).default('current'),
  from: Timestamp.optional().describe('Overrides `period`: start of a custom range.'),
  to: Timestamp.optional(),
  feature: Slug.optional(),
});

export const DailyUsage = z
  .object({ date: z.iso.date(), used: z.number().nonnegative() })
  .meta({ id: 'DailyUsage' });

export const FeatureUsage = z
  .object({
    feature: Slug,
    name: z.string(),
    kind: FeatureKind,
    used: z.number().nonnegative(),
    limit: z.number().nonnegative().nullable(),
    unlimited: z.boolean(),
    remaining: z.number().nonnegative().nullable(),
    reset: ResetInterval.nullable(),
    resetsAt: Timestamp.nullable(),
    overage: z.object({ units: z.number().nonnegative(), amount: Money }).nullable(),
    daily: z.array(DailyUsage),
  })
  .meta({ id: 'FeatureUsage' });
export type FeatureUsage = z.infer<typeof FeatureUsage>;

export const UsageSummary = z
  .object({ accountId: Id, from: Timestamp, to: Timestamp, features: z.array(FeatureUsage) })
  .meta({ id: 'UsageSummary' });
export type UsageSummary = z.infer<typeof UsageSummary>;

export const GrantSource = z
  .enum(['plan', 'rollover', 'credit_pack', 'add_on', 'adjustment', 'promotion', 'top_up'])
  .meta({ id: 'GrantSource' });
export type GrantSource = z.infer<typeof GrantSource>;

/** One entry of the credits ledger: an amount of a feature, from a source, live between two instants. */
export const Grant = z
  .object({
    id: Id,
    feature: Slug,
    source: GrantSource,
    amount: z.int(),
    remaining: z.int().nonnegative(),
    effectiveAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    reason: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Grant' });
export type Grant = z.infer<typeof Grant>;

export const CreditBalance = z
  .object({
    feature: Slug,
    available: z.int().nonnegative(),
    held: z.int().nonnegative().describe('Reserved for jobs in flight; not available.'),
    unlimited: z.boolean(),
    grants: z.array(Grant).describe('Live grants, the soonest to expire first: the order they are spent in.'),
  })
  .meta({ id: 'CreditBalance' });
export type CreditBalance = z.infer<typeof CreditBalance>;

export const Credits = z.object({ accountId: Id, balances: z.array(CreditBalance) }).meta({ id: 'Credits' });
export type Credits = z.infer<typeof Credits>;

export const LedgerEntryType = z
  .enum(['grant', 'usage', 'expiry', 'adjustment'])
  .meta({ id: 'LedgerEntryType' });

export const LedgerEntry = z
  .object({
    id: Id,
    at: Timestamp,
    feature: Slug,
    type: LedgerEntryType,
    amount: z.int().describe('Signed: positive adds credits, negative spends or removes them.'),
    source: GrantSource.nullable(),
    description: z.string(),
    reference: z.string().nullable(),
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.object({ feature: Slug.optional() });
export const LedgerPage = pageOf(LedgerEntry).meta({ id: 'LedgerPage' });

export const InvoiceStatus = z
  .enum(['draft', 'open', 'paid', 'uncollectible', 'void'])
  .meta({ id: 'InvoiceStatus' });
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const InvoiceLine = z
  .object({ description: z.string(), amount: Money, quantity: z.number().nonnegative().nullable() })
  .meta({ id: 'InvoiceLine' });

export const Invoice = z
  .object({
    id: Id,
    accountId: Id,
    number: z.string().nullable(),
    status: InvoiceStatus,
    total: Money,
    amountDue: Money,
    amountPaid: Money,
    periodStart: Timestamp.nullable(),
    periodEnd: Timestamp.nullable(),
    createdAt: Timestamp,
    paidAt: Timestamp.nullable(),
    hostedInvoiceUrl: z.url().nullable(),
    invoicePdfUrl: z.url().nullable(),
    lines: z.array(InvoiceLine),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof Invoice>;
export const InvoicePage = pageOf(Invoice).meta({ id: 'InvoicePage' });

export const PurchaseStatus = z
  .enum(['pending', 'succeeded', 'failed', 'refunded'])
  .meta({ id: 'PurchaseStatus' });

export const Purchase = z
  .object({
    id: Id,
    accountId: Id,
    packageType: z.enum(['plan', 'credit_pack', 'add_on']),
    packageId: Slug,
    name: z.string(),
    amount: Money,
    status: PurchaseStatus,
    units: z.int().positive().nullable().describe('Credits granted, for credit packs.'),
    expiresAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Purchase' });
export type Purchase = z.infer<typeof Purchase>;
export const PurchasePage = pageOf(Purchase).meta({ id: 'PurchasePage' });
