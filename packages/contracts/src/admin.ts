import { z } from 'zod';
import { Credits, GrantSource, Invoice, Subscription, SubscriptionStatus, UsageSummary } from './account.js';
import { pageOf } from './pagination.js';
import { Id, Money, Slug, Timestamp } from './primitives.js';

export const CustomerSort = z.enum(['created', 'name', 'email', 'mrr', 'plan']).meta({ id: 'CustomerSort' });

export const CustomerListQuery = z.object({
  search: z.string().trim().max(200).optional().describe('Matches name or email, case-insensitively.'),
  planId: Slug.optional(),
  status: SubscriptionStatus.optional(),
  sort: CustomerSort.default('created'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const CustomerSummary = z
  .object({
    accountId: Id,
    name: z.string(),
    email: z.email().nullable(),
    planId: Slug,
    planName: z.string(),
    status: SubscriptionStatus,
    mrr: Money,
    currentPeriodEnd: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'CustomerSummary' });
export type CustomerSummary = z.infer<typeof CustomerSummary>;
export const CustomerPage = pageOf(CustomerSummary).meta({ id: 'CustomerPage' });

export const AuditActor = z
  .object({ type: z.enum(['user', 'admin', 'api_key', 'stripe', 'system']), id: z.string().nullable() })
  .meta({ id: 'AuditActor' });

/** Who changed what, from what to what, and why. Written for every subscription change, grant and adjustment. */
export const AuditEntry = z
  .object({
    id: Id,
    accountId: Id.nullable(),
    actor: AuditActor,
    action: z.string(),
    subject: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    reason: z.string().nullable(),
    at: Timestamp,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = pageOf(AuditEntry).meta({ id: 'AuditPage' });

export const CustomerDetail = z
  .object({
    customer: CustomerSummary,
    subscription: Subscription,
    usage: UsageSummary,
    credits: Credits,
    recentInvoices: z.array(Invoice),
    recentAudit: z.array(AuditEntry),
  })
  .meta({ id: 'CustomerDetail' });
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const GrantCreditsRequest = z
  .object({
    feature: Slug,
    amount: z
      .int()
      .refine((amount) => amount !== 0, 'must not be 0')
      .describe('Positive grants credits; negative removes them (never below zero).'),
    reason: z.string().trim().min(3).max(500),
    source: GrantSource.extract(['adjustment', 'promotion']).default('adjustment'),
    expiresAt: Timestamp.optional(),
  })
  .meta({ id: 'GrantCreditsRequest' });

export const AdminInvoiceQuery = z.object({
  accountId: Id.optional(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional(),
});

export const MetricsQuery = z.object({
  from: Timestamp.optional().describe('Defaults to twelve months before `to`.'),
  to: Timestamp.optional().describe('Defaults to now.'),
  granularity: z.enum(['day', 'week', 'month']).default('month'),
});

export const Metrics = z
  .object({
    currency: z.string(),
    from: Timestamp,
    to: Timestamp,
    mrr: Money,
    activeSubscriptions: z.int().nonnegative(),
    activeSubscriptionsByPlan: z.array(
      z.object({ planId: Slug, planName: z.string(), count: z.int().nonnegative(), mrr: Money }),
    ),
    trialing: z.int().nonnegative(),
    pastDue: z.int().nonnegative(),
    churnRate: z
      .number()
      .min(0)
      .max(1)
      .describe('Subscriptions ended in the range over those active at its start.'),
    conversionRate: z
      .number()
      .min(0)
      .max(1)
      .describe('Accounts that moved from free to paid over accounts created.'),
    revenueByPackage: z.array(
      z.object({
        period: z.iso.date().describe('First day of the period.'),
        packageType: z.enum(['plan', 'credit_pack', 'add_on', 'usage']),
        packageId: z.string(),
        amount: Money,
      }),
    ),
    credits: z.object({
      granted: z.int().nonnegative(),
      used: z.int().nonnegative(),
      expired: z.int().nonnegative(),
      expiryRate: z.number().min(0).max(1),
    }),
  })
  .meta({ id: 'Metrics' });
export type Metrics = z.infer<typeof Metrics>;

export const AccountScopeRequest = z
  .object({ accountId: Id.optional().describe('One account; every account when absent.') })
  .meta({ id: 'AccountScopeRequest' });

export const BillUsageResult = z
  .object({
    reportedEvents: z.int().nonnegative(),
    invoices: z.array(z.object({ accountId: Id, invoiceId: z.string(), total: Money })),
  })
  .meta({ id: 'BillUsageResult' });
export type BillUsageResult = z.infer<typeof BillUsageResult>;

export const ReconcileResult = z
  .object({
    accountsChecked: z.int().nonnegative(),
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
  .meta({ id: 'ReconcileResult' });
export type ReconcileResult = z.infer<typeof ReconcileResult>;
