import { describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import {
  Credits,
  Entitlements,
  Invoice,
  LedgerEntry,
  Me,
  Purchase,
  Subscription,
  UsageSummary,
} from './account.js';
import {
  AuditEntry,
  BillUsageResult,
  CustomerDetail,
  CustomerSummary,
  Metrics,
  ReconcileResult,
} from './admin.js';
import { ChangePlanPreview, CheckoutSession, PortalSession } from './checkout.js';
import { CheckResult, TrackBatchResult, TrackResult } from './metering.js';

const at = '2026-11-23T18:00:00.000Z';
const usd = (amount: number) => ({ amount, currency: 'USD' });

const subscription = {
  accountId: 'acc_1',
  planId: 'pro',
  planName: 'Pro',
  status: 'trialing',
  interval: 'month',
  price: usd(3900),
  currentPeriodStart: at,
  currentPeriodEnd: '2026-12-07T18:00:00.000Z',
  cancelAtPeriodEnd: false,
  canceledAt: null,
  trialEnd: '2026-12-07T18:00:00.000Z',
  addOns: [{ addOnId: 'extra_storage', name: 'Extra storage', quantity: 1, price: usd(200) }],
  accessLimited: false,
};
const grant = {
  id: 'gr_1',
  feature: 'credits',
  source: 'credit_pack',
  amount: 50,
  remaining: 20,
  effectiveAt: at,
  expiresAt: '2027-02-21T18:00:00.000Z',
  reason: null,
  createdAt: at,
};
const credits = {
  accountId: 'acc_1',
  balances: [{ feature: 'credits', available: 20, held: 0, unlimited: false, grants: [grant] }],
};
const usage = {
  accountId: 'acc_1',
  from: at,
  to: at,
  features: [
    {
      feature: 'voice_words',
      name: 'Voice words',
      kind: 'metered',
      used: 2500,
      limit: 0,
      unlimited: false,
      remaining: 0,
      reset: 'billing_period',
      resetsAt: at,
      overage: { units: 2500, amount: usd(250) },
      daily: [{ date: '2026-11-23', used: 2500 }],
    },
  ],
};
const invoice = {
  id: 'in_1',
  accountId: 'acc_1',
  number: 'BK-0001',
  status: 'paid',
  total: usd(3900),
  amountDue: usd(3900),
  amountPaid: usd(3900),
  periodStart: at,
  periodEnd: at,
  createdAt: at,
  paidAt: at,
  hostedInvoiceUrl: 'http://127.0.0.1:12111/i/in_1',
  invoicePdfUrl: 'http://127.0.0.1:12111/i/in_1.pdf',
  lines: [{ description: 'Pro × 1', amount: usd(3900), quantity: 1 }],
};
const customer = {
  accountId: 'acc_1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  planId: 'pro',
  planName: 'Pro',
  status: 'active',
  mrr: usd(3900),
  currentPeriodEnd: at,
  createdAt: at,
};
const audit = {
  id: 'au_1',
  accountId: 'acc_1',
  actor: { type: 'admin', id: 'usr_9' },
  action: 'credits.granted',
  subject: 'credits',
  before: { available: 0 },
  after: { available: 100 },
  reason: 'goodwill',
  at,
};
const trackResult = {
  id: 'ue_1',
  idempotencyKey: 'job-1',
  feature: 'credits',
  amount: 1,
  recordedAt: at,
  unlimited: false,
  remaining: 399,
  resetsAt: at,
  overageUnits: 0,
};

/** A valid example of every response schema, and one broken copy of it with the field it must name. */
const cases: [string, z.ZodMiniType, unknown, [unknown, string][]][] = [
  [
    'Subscription',
    Subscription,
    subscription,
    [
      [{ ...subscription, status: 'late' }, 'status'],
      [{ ...subscription, price: 39 }, 'price'],
    ],
  ],
  [
    'Entitlements',
    Entitlements,
    {
      accountId: 'acc_1',
      planId: 'ultimate',
      entitlements: [
        {
          feature: 'tokens',
          name: 'AI tokens',
          kind: 'metered',
          enabled: true,
          unlimited: true,
          limit: null,
          used: 12,
          remaining: null,
          resetsAt: at,
          overageAllowed: false,
        },
      ],
    },
    [
      [
        { accountId: 'acc_1', planId: 'ultimate', entitlements: [{ feature: 'tokens' }] },
        'entitlements.0.name',
      ],
    ],
  ],
  [
    'UsageSummary',
    UsageSummary,
    usage,
    [
      [
        { ...usage, features: [{ ...usage.features[0], daily: [{ date: 'Nov 23', used: 1 }] }] },
        'features.0.daily.0.date',
      ],
    ],
  ],
  [
    'Credits',
    Credits,
    credits,
    [[{ ...credits, balances: [{ ...credits.balances[0], available: -1 }] }, 'balances.0.available']],
  ],
  [
    'LedgerEntry',
    LedgerEntry,
    {
      id: 'le_1',
      at,
      feature: 'credits',
      type: 'usage',
      amount: -3,
      source: null,
      description: 'Used 3 credits',
      reference: 'job-1',
    },
    [
      [
        {
          id: 'le_1',
          at,
          feature: 'credits',
          type: 'theft',
          amount: -3,
          source: null,
          description: '',
          reference: null,
        },
        'type',
      ],
    ],
  ],
  [
    'Invoice',
    Invoice,
    invoice,
    [
      [{ ...invoice, hostedInvoiceUrl: 'not a url' }, 'hostedInvoiceUrl'],
      [{ ...invoice, status: 'unpaid' }, 'status'],
    ],
  ],
  [
    'Purchase',
    Purchase,
    {
      id: 'pu_1',
      accountId: 'acc_1',
      packageType: 'credit_pack',
      packageId: 'credits_100',
      name: '100 credits',
      amount: usd(900),
      status: 'succeeded',
      units: 100,
      expiresAt: at,
      createdAt: at,
    },
    [
      [
        {
          id: 'pu_1',
          accountId: 'acc_1',
          packageType: 'gift',
          packageId: 'x',
          name: 'x',
          amount: usd(1),
          status: 'succeeded',
          units: null,
          expiresAt: null,
          createdAt: at,
        },
        'packageType',
      ],
    ],
  ],
  [
    'CheckoutSession',
    CheckoutSession,
    { uiMode: 'embedded', sessionId: 'cs_test_1', clientSecret: 'cs_test_1_secret_x' },
    [[{ uiMode: 'redirect', sessionId: 'cs_test_1', clientSecret: 'x' }, 'url']],
  ],
  [
    'PortalSession',
    PortalSession,
    { url: 'http://127.0.0.1:12111/p/bps_1' },
    [[{ url: '/relative' }, 'url']],
  ],
  [
    'ChangePlanPreview',
    ChangePlanPreview,
    {
      planId: 'ultimate',
      interval: 'month',
      direction: 'upgrade',
      amountDueNow: usd(8050),
      nextInvoiceTotal: usd(20000),
      prorationDate: at,
      lines: [{ description: 'Remaining time on Ultimate', amount: usd(10000) }],
    },
    [
      [
        {
          planId: 'ultimate',
          interval: 'month',
          direction: 'sideways',
          amountDueNow: usd(0),
          nextInvoiceTotal: usd(0),
          prorationDate: at,
          lines: [],
        },
        'direction',
      ],
    ],
  ],
  [
    'CheckResult',
    CheckResult,
    {
      allowed: false,
      feature: 'credits',
      kind: 'metered',
      requested: 5,
      unlimited: false,
      limit: 400,
      remaining: 2,
      resetsAt: at,
      overage: false,
      reason: 'insufficient_credits',
    },
    [
      [
        {
          allowed: false,
          feature: 'credits',
          kind: 'metered',
          requested: 5,
          unlimited: false,
          limit: 400,
          remaining: 2,
          resetsAt: at,
          overage: false,
          reason: 'broke',
        },
        'reason',
      ],
    ],
  ],
  ['TrackResult', TrackResult, trackResult, [[{ ...trackResult, remaining: -1 }, 'remaining']]],
  [
    'TrackBatchResult',
    TrackBatchResult,
    {
      results: [
        { ok: true, idempotencyKey: 'a', result: trackResult },
        {
          ok: false,
          idempotencyKey: 'b',
          error: { code: 'insufficient_credits', message: 'Not enough credits' },
        },
      ],
    },
    [
      [
        { results: [{ ok: false, idempotencyKey: 'b', error: { code: 'nope', message: 'x' } }] },
        'results.0.error.code',
      ],
    ],
  ],
  [
    'Me',
    Me,
    { userId: 'usr_1', role: 'member', account: { id: 'acc_1', name: 'Acme', email: null } },
    [[{ userId: 'usr_1', role: 'owner', account: null }, 'role']],
  ],
  ['CustomerSummary', CustomerSummary, customer, [[{ ...customer, email: 'not-an-email' }, 'email']]],
  ['AuditEntry', AuditEntry, audit, [[{ ...audit, actor: { type: 'robot', id: null } }, 'actor.type']]],
  [
    'CustomerDetail',
    CustomerDetail,
    { customer, subscription, usage, credits, recentInvoices: [invoice], recentAudit: [audit] },
    [
      [
        { customer, subscription, usage, credits, recentInvoices: [{}], recentAudit: [] },
        'recentInvoices.0.id',
      ],
    ],
  ],
  [
    'Metrics',
    Metrics,
    {
      currency: 'USD',
      from: at,
      to: at,
      mrr: usd(390000),
      activeSubscriptions: 100,
      activeSubscriptionsByPlan: [{ planId: 'pro', planName: 'Pro', count: 100, mrr: usd(390000) }],
      trialing: 4,
      pastDue: 2,
      churnRate: 0.03,
      conversionRate: 0.12,
      revenueByPackage: [
        { period: '2026-11-01', packageType: 'credit_pack', packageId: 'credits_100', amount: usd(9000) },
      ],
      credits: { granted: 1000, used: 700, expired: 50, expiryRate: 0.05 },
    },
    [[{ currency: 'USD', churnRate: 1.5 }, 'churnRate']],
  ],
  [
    'BillUsageResult',
    BillUsageResult,
    { reportedEvents: 3, invoices: [{ accountId: 'acc_1', invoiceId: 'in_2', total: usd(250) }] },
    [[{ reportedEvents: -1, invoices: [] }, 'reportedEvents']],
  ],
  [
    'ReconcileResult',
    ReconcileResult,
    {
      accountsChecked: 1,
      changes: [
        { accountId: 'acc_1', object: 'subscription', field: 'status', before: 'active', after: 'past_due' },
      ],
    },
    [[{ accountsChecked: 1, changes: [{ accountId: 'acc_1' }] }, 'changes.0.object']],
  ],
];

describe.each(cases)('%s', (_name, schema, valid, invalid) => {
  test('accepts a realistic example', () => {
    expect(schema.safeParse(valid).error?.issues ?? []).toEqual([]);
  });
  test.each(invalid)('refuses %j, naming %s', (value, field) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });
});
