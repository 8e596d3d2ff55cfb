import * as z from 'zod/mini';
import { CreditCost, FeatureKind, ResetInterval } from './features.js';
import { pageOf } from './pagination.js';
import { BillingInterval, Id, Money, Slug, Timestamp } from './primitives.js';

const nonNegative = () => z.number().check(z.nonnegative());
const nonNegativeInt = () => z.int().check(z.nonnegative());

export const AccountRole = z.enum(['member', 'billing_admin', 'admin']).check(z.meta({ id: 'AccountRole' }));
export type AccountRole = z.infer<typeof AccountRole>;

export const AccountParams = z.object({ accountId: Id });

/** Who the caller is, as the server identified them (never as the browser claimed). */
export const Me = z
  .object({
    userId: z.nullable(Id),
    role: AccountRole,
    account: z.nullable(z.object({ id: Id, name: z.string(), email: z.nullable(z.email()) })),
  })
  .check(z.meta({ id: 'Me' }));
export type Me = z.infer<typeof Me>;

/** `free` means on the free tier with no Stripe subscription; the rest mirror Stripe's statuses. */
export const SubscriptionStatus = z
  .enum(['free', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'paused'])
  .check(z.meta({ id: 'SubscriptionStatus' }));
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export const SubscribedAddOn = z
  .object({ addOnId: Slug, name: z.string(), quantity: z.int().check(z.positive()), price: Money })
  .check(z.meta({ id: 'SubscribedAddOn' }));

export const Subscription = z
  .object({
    accountId: Id,
    planId: Slug,
    planName: z.string(),
    status: SubscriptionStatus,
    interval: z.nullable(BillingInterval),
    price: z.nullable(Money),
    currentPeriodStart: z.nullable(Timestamp),
    currentPeriodEnd: z.nullable(Timestamp),
    cancelAtPeriodEnd: z.boolean(),
    canceledAt: z.nullable(Timestamp),
    trialEnd: z.nullable(Timestamp),
    addOns: z.array(SubscribedAddOn),
    accessLimited: z
      .boolean()
      .check(z.describe('True while a failed payment limits access, as the server is configured.')),
  })
  .check(z.meta({ id: 'Subscription' }));
export type Subscription = z.infer<typeof Subscription>;

/** One feature as it stands for one account right now. `limit: null` is unlimited, stated explicitly. */
export const AccountEntitlement = z
  .object({
    feature: Slug,
    name: z.string(),
    kind: FeatureKind,
    enabled: z.boolean(),
    unlimited: z.boolean(),
    limit: z.nullable(nonNegative()),
    used: z.nullable(nonNegative()),
    remaining: z.nullable(nonNegative()),
    held: z
      .optional(nonNegativeInt())
      .check(
        z.describe(
          'Metered features only: units reserved for jobs in flight, counted neither as used nor as remaining.',
        ),
      ),
    resetsAt: z.nullable(Timestamp),
    overageAllowed: z.boolean(),
    creditCost: z
      .optional(CreditCost)
      .check(
        z.describe(
          'Set when the feature is paid from a credit pool: limit, used and remaining are then the pool’s, in pool units.',
        ),
      ),
  })
  .check(z.meta({ id: 'AccountEntitlement' }));
export type AccountEntitlement = z.infer<typeof AccountEntitlement>;

export const Entitlements = z
  .object({ accountId: Id, planId: Slug, entitlements: z.array(AccountEntitlement) })
  .check(z.meta({ id: 'Entitlements' }));
export type Entitlements = z.infer<typeof Entitlements>;

export const UsageQuery = z.object({
  period: z._default(z.enum(['current', 'previous']), 'current'),
  from: z.optional(Timestamp).check(z.describe('Overrides `period`: start of a custom range.')),
  to: z.optional(Timestamp),
  feature: z.optional(Slug),
});

export const DailyUsage = z
  .object({ date: z.iso.date(), used: nonNegative() })
  .check(z.meta({ id: 'DailyUsage' }));

export const FeatureUsage = z
  .object({
    feature: Slug,
    name: z.string(),
    kind: FeatureKind,
    used: nonNegative(),
    limit: z.nullable(nonNegative()),
    unlimited: z.boolean(),
    remaining: z.nullable(nonNegative()),
    reset: z.nullable(ResetInterval),
    resetsAt: z.nullable(Timestamp),
    overage: z.nullable(z.object({ units: nonNegative(), amount: Money })),
    daily: z.array(DailyUsage),
    creditCost: z
      .optional(CreditCost)
      .check(
        z.describe(
          'Set when the feature is paid from a credit pool: `used` and `daily` count the feature’s own units, limit and remaining are the pool’s; the pool’s own `used` includes what such features spent (units × cost).',
        ),
      ),
  })
  .check(z.meta({ id: 'FeatureUsage' }));
export type FeatureUsage = z.infer<typeof FeatureUsage>;

export const UsageSummary = z
  .object({ accountId: Id, from: Timestamp, to: Timestamp, features: z.array(FeatureUsage) })
  .check(z.meta({ id: 'UsageSummary' }));
export type UsageSummary = z.infer<typeof UsageSummary>;

export const GrantSource = z
  .enum(['plan', 'rollover', 'credit_pack', 'add_on', 'adjustment', 'promotion', 'top_up'])
  .check(z.meta({ id: 'GrantSource' }));
export type GrantSource = z.infer<typeof GrantSource>;

/** One entry of the credits ledger: an amount of a feature, from a source, live between two instants. */
export const Grant = z
  .object({
    id: Id,
    feature: Slug,
    source: GrantSource,
    amount: z.int(),
    remaining: nonNegativeInt(),
    effectiveAt: Timestamp,
    expiresAt: z.nullable(Timestamp),
    reason: z.nullable(z.string()),
    createdAt: Timestamp,
  })
  .check(z.meta({ id: 'Grant' }));
export type Grant = z.infer<typeof Grant>;

export const CreditBalance = z
  .object({
    feature: Slug,
    available: nonNegativeInt(),
    held: nonNegativeInt().check(z.describe('Reserved for jobs in flight; not available.')),
    unlimited: z.boolean(),
    grants: z
      .array(Grant)
      .check(z.describe('Live grants, the soonest to expire first: the order they are spent in.')),
  })
  .check(z.meta({ id: 'CreditBalance' }));
export type CreditBalance = z.infer<typeof CreditBalance>;

export const Credits = z
  .object({ accountId: Id, balances: z.array(CreditBalance) })
  .check(z.meta({ id: 'Credits' }));
export type Credits = z.infer<typeof Credits>;

export const LedgerEntryType = z
  .enum(['grant', 'usage', 'expiry', 'adjustment'])
  .check(z.meta({ id: 'LedgerEntryType' }));

export const LedgerEntry = z
  .object({
    id: Id,
    at: Timestamp,
    feature: Slug,
    type: LedgerEntryType,
    amount: z.int().check(z.describe('Signed: positive adds credits, negative spends or removes them.')),
    source: z.nullable(GrantSource),
    description: z.string(),
    reference: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'LedgerEntry' }));
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.object({ feature: z.optional(Slug) });
export const LedgerPage = pageOf(LedgerEntry).check(z.meta({ id: 'LedgerPage' }));

export const InvoiceStatus = z
  .enum(['draft', 'open', 'paid', 'uncollectible', 'void'])
  .check(z.meta({ id: 'InvoiceStatus' }));
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const InvoiceLine = z
  .object({ description: z.string(), amount: Money, quantity: z.nullable(nonNegative()) })
  .check(z.meta({ id: 'InvoiceLine' }));

export const Invoice = z
  .object({
    id: Id,
    accountId: Id,
    number: z.nullable(z.string()),
    status: InvoiceStatus,
    total: Money,
    amountDue: Money,
    amountPaid: Money,
    periodStart: z.nullable(Timestamp),
    periodEnd: z.nullable(Timestamp),
    createdAt: Timestamp,
    paidAt: z.nullable(Timestamp),
    hostedInvoiceUrl: z.nullable(z.url()),
    invoicePdfUrl: z.nullable(z.url()),
    lines: z.array(InvoiceLine),
  })
  .check(z.meta({ id: 'Invoice' }));
export type Invoice = z.infer<typeof Invoice>;
export const InvoicePage = pageOf(Invoice).check(z.meta({ id: 'InvoicePage' }));

export const PurchaseStatus = z
  .enum(['pending', 'succeeded', 'failed', 'refunded'])
  .check(z.meta({ id: 'PurchaseStatus' }));

export const Purchase = z
  .object({
    id: Id,
    accountId: Id,
    packageType: z.enum(['plan', 'credit_pack', 'add_on']),
    packageId: Slug,
    name: z.string(),
    amount: Money,
    status: PurchaseStatus,
    units: z.nullable(z.int().check(z.positive())).check(z.describe('Credits granted, for credit packs.')),
    expiresAt: z.nullable(Timestamp),
    createdAt: Timestamp,
  })
  .check(z.meta({ id: 'Purchase' }));
export type Purchase = z.infer<typeof Purchase>;
export const PurchasePage = pageOf(Purchase).check(z.meta({ id: 'PurchasePage' }));
