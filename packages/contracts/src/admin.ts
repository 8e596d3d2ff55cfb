import * as z from 'zod/mini';
import {
  Credits,
  type GrantSource,
  Invoice,
  Subscription,
  SubscriptionStatus,
  UsageSummary,
} from './account.js';
import { pageOf } from './pagination.js';
import { Id, Money, Slug, Timestamp } from './primitives.js';

const nonNegativeInt = () => z.int().check(z.nonnegative());
const ratio = () => z.number().check(z.minimum(0), z.maximum(1));

export const CustomerSort = z
  .enum(['created', 'name', 'email', 'mrr', 'plan'])
  .check(z.meta({ id: 'CustomerSort' }));

export const CustomerListQuery = z.object({
  search: z
    .optional(z.string().check(z.trim(), z.maxLength(200)))
    .check(z.describe('Matches name or email, case-insensitively.')),
  planId: z.optional(Slug),
  status: z.optional(SubscriptionStatus),
  sort: z._default(CustomerSort, 'created'),
  order: z._default(z.enum(['asc', 'desc']), 'desc'),
});

export const CustomerSummary = z
  .object({
    accountId: Id,
    name: z.string(),
    email: z.nullable(z.email()),
    planId: Slug,
    planName: z.string(),
    status: SubscriptionStatus,
    mrr: Money,
    currentPeriodEnd: z.nullable(Timestamp),
    createdAt: Timestamp,
  })
  .check(z.meta({ id: 'CustomerSummary' }));
export type CustomerSummary = z.infer<typeof CustomerSummary>;
export const CustomerPage = pageOf(CustomerSummary).check(z.meta({ id: 'CustomerPage' }));

export const AuditActor = z
  .object({
    type: z.enum(['user', 'admin', 'api_key', 'stripe', 'system']),
    id: z.nullable(z.string()),
  })
  .check(z.meta({ id: 'AuditActor' }));

/** Who changed what, from what to what, and why. Written for every subscription change, grant and adjustment. */
export const AuditEntry = z
  .object({
    id: Id,
    accountId: z.nullable(Id),
    actor: AuditActor,
    action: z.string(),
    subject: z.string(),
    before: z.nullable(z.unknown()),
    after: z.nullable(z.unknown()),
    reason: z.nullable(z.string()),
    at: Timestamp,
  })
  .check(z.meta({ id: 'AuditEntry' }));
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = pageOf(AuditEntry).check(z.meta({ id: 'AuditPage' }));

export const CustomerDetail = z
  .object({
    customer: CustomerSummary,
    subscription: Subscription,
    usage: UsageSummary,
    credits: Credits,
    recentInvoices: z.array(Invoice),
    recentAudit: z.array(AuditEntry),
  })
  .check(z.meta({ id: 'CustomerDetail' }));
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const GrantCreditsRequest = z
  .object({
    feature: Slug,
    amount: z.int().check(
      z.refine((amount) => amount !== 0, 'must not be 0'),
      z.describe('Positive grants credits; negative removes them (never below zero).'),
    ),
    reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
    source: z._default(z.enum(['adjustment', 'promotion'] satisfies GrantSource[]), 'adjustment'),
    expiresAt: z.optional(Timestamp),
  })
  .check(z.meta({ id: 'GrantCreditsRequest' }));

export const AdminInvoiceQuery = z.object({
  accountId: z.optional(Id),
  status: z.optional(z.enum(['draft', 'open', 'paid', 'uncollectible', 'void'])),
});

export const MetricsQuery = z.object({
  from: z.optional(Timestamp).check(z.describe('Defaults to twelve months before `to`.')),
  to: z.optional(Timestamp).check(z.describe('Defaults to now.')),
  granularity: z._default(z.enum(['day', 'week', 'month']), 'month'),
});

export const Metrics = z
  .object({
    currency: z.string(),
    from: Timestamp,
    to: Timestamp,
    mrr: Money,
    activeSubscriptions: nonNegativeInt(),
    activeSubscriptionsByPlan: z.array(
      z.object({ planId: Slug, planName: z.string(), count: nonNegativeInt(), mrr: Money }),
    ),
    trialing: nonNegativeInt(),
    pastDue: nonNegativeInt(),
    churnRate: ratio().check(z.describe('Subscriptions ended in the range over those active at its start.')),
    conversionRate: ratio().check(z.describe('Accounts that moved from free to paid over accounts created.')),
    revenueByPackage: z.array(
      z.object({
        period: z.iso.date().check(z.describe('First day of the period.')),
        packageType: z.enum(['plan', 'credit_pack', 'add_on', 'usage']),
        packageId: z.string(),
        amount: Money,
      }),
    ),
    credits: z.object({
      granted: nonNegativeInt(),
      used: nonNegativeInt(),
      expired: nonNegativeInt(),
      expiryRate: ratio(),
    }),
  })
  .check(z.meta({ id: 'Metrics' }));
export type Metrics = z.infer<typeof Metrics>;

export const AccountScopeRequest = z
  .object({ accountId: z.optional(Id).check(z.describe('One account; every account when absent.')) })
  .check(z.meta({ id: 'AccountScopeRequest' }));

export const BillUsageResult = z
  .object({
    reportedEvents: nonNegativeInt(),
    invoices: z.array(z.object({ accountId: Id, invoiceId: z.string(), total: Money })),
  })
  .check(z.meta({ id: 'BillUsageResult' }));
export type BillUsageResult = z.infer<typeof BillUsageResult>;

export const ReconcileResult = z
  .object({
    accountsChecked: nonNegativeInt(),
    changes: z.array(
      z.object({
        accountId: Id,
        object: z.string(),
        field: z.string(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
  })
  .check(z.meta({ id: 'ReconcileResult' }));
export type ReconcileResult = z.infer<typeof ReconcileResult>;
