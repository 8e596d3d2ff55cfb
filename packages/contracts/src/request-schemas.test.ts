import { describe, expect, test } from 'vitest';
import type * as z from 'zod/mini';
import { UsageQuery } from './account.js';
import { CustomerListQuery, GrantCreditsRequest, MetricsQuery } from './admin.js';
import {
  CancelRequest,
  ChangePlanRequest,
  CheckoutRequest,
  ConfirmChangePlanRequest,
  PortalRequest,
} from './checkout.js';
import { CheckRequest, TrackBatchRequest, TrackRequest } from './metering.js';

/** Every request schema with inputs it must take and inputs it must refuse, and the field it must name. */
const cases: [string, z.ZodMiniType, unknown[], [unknown, string][]][] = [
  [
    'CheckoutRequest',
    CheckoutRequest,
    [
      {
        item: { kind: 'plan', planId: 'pro', interval: 'month' },
        successUrl: 'https://a.test/ok',
        cancelUrl: 'https://a.test/no',
      },
      {
        item: { kind: 'credit_pack', packId: 'credits_50' },
        uiMode: 'embedded',
        successUrl: 'https://a.test/ok',
      },
      {
        item: { kind: 'add_on', addOnId: 'extra_storage', quantity: 2 },
        successUrl: 'https://a.test/ok',
        cancelUrl: 'https://a.test/no',
        currency: 'EUR',
      },
    ],
    [
      [
        {
          item: { kind: 'plan', planId: 'pro', interval: 'week' },
          successUrl: 'https://a.test/ok',
          cancelUrl: 'https://a.test/x',
        },
        'item.interval',
      ],
      [
        { item: { kind: 'plan', planId: 'pro', interval: 'month' }, successUrl: 'https://a.test/ok' },
        'cancelUrl',
      ],
      [
        {
          item: { kind: 'credit_pack', packId: 'credits_50', quantity: 0 },
          successUrl: 'https://a.test/ok',
          uiMode: 'embedded',
        },
        'item.quantity',
      ],
      [{ item: { kind: 'gift' }, successUrl: 'https://a.test/ok', uiMode: 'embedded' }, 'item.kind'],
      [
        {
          item: { kind: 'plan', planId: 'pro', interval: 'month' },
          successUrl: 'not a url',
          uiMode: 'embedded',
        },
        'successUrl',
      ],
    ],
  ],
  ['PortalRequest', PortalRequest, [{ returnUrl: 'http://localhost:5173/billing' }], [[{}, 'returnUrl']]],
  [
    'ChangePlanRequest',
    ChangePlanRequest,
    [{ planId: 'ultimate', interval: 'year' }],
    [[{ planId: 'Ultimate!', interval: 'year' }, 'planId']],
  ],
  [
    'ConfirmChangePlanRequest',
    ConfirmChangePlanRequest,
    [{ planId: 'pro', interval: 'month', prorationDate: '2026-11-23T18:00:00.000Z' }],
    [[{ planId: 'pro', interval: 'month', prorationDate: 1764000000 }, 'prorationDate']],
  ],
  [
    'CancelRequest',
    CancelRequest,
    [{}, { atPeriodEnd: false, reason: 'too expensive' }],
    [[{ atPeriodEnd: 'yes' }, 'atPeriodEnd']],
  ],
  [
    'CheckRequest',
    CheckRequest,
    [{ feature: 'credits' }, { feature: 'team_members', amount: 1, currentCount: 2 }],
    [
      [{ feature: 'credits', amount: 0 }, 'amount'],
      [{ feature: 'credits', amount: 1.5 }, 'amount'],
      [{ amount: 1 }, 'feature'],
    ],
  ],
  [
    'TrackRequest',
    TrackRequest,
    [
      { feature: 'credits', amount: 3 },
      { feature: 'team_members', amount: -1, metadata: { reason: 'left' } },
    ],
    [
      [{ feature: 'credits', amount: 0 }, 'amount'],
      [{ feature: 'credits', amount: 1, occurredAt: 'now' }, 'occurredAt'],
    ],
  ],
  [
    'TrackBatchRequest',
    TrackBatchRequest,
    [{ events: [{ feature: 'tokens', amount: 1200, idempotencyKey: 'job-1:tokens' }] }],
    [
      [{ events: [] }, 'events'],
      [{ events: [{ feature: 'tokens', amount: 1 }] }, 'events.0.idempotencyKey'],
      [
        {
          events: Array.from({ length: 101 }, (_, i) => ({
            feature: 'tokens',
            amount: 1,
            idempotencyKey: `k${i}`,
          })),
        },
        'events',
      ],
    ],
  ],
  [
    'GrantCreditsRequest',
    GrantCreditsRequest,
    [
      { feature: 'credits', amount: 100, reason: 'goodwill after outage' },
      { feature: 'credits', amount: -20, reason: 'refund', source: 'adjustment' },
    ],
    [
      [{ feature: 'credits', amount: 100 }, 'reason'],
      [{ feature: 'credits', amount: 100, reason: 'x', source: 'plan' }, 'reason'],
      [{ feature: 'credits', amount: 100, reason: 'promo', source: 'plan' }, 'source'],
    ],
  ],
  [
    'UsageQuery',
    UsageQuery,
    [{}, { period: 'previous', feature: 'tokens' }],
    [[{ period: 'last_week' }, 'period']],
  ],
  [
    'CustomerListQuery',
    CustomerListQuery,
    [{}, { search: 'ada@', planId: 'pro', status: 'past_due', sort: 'mrr', order: 'asc' }],
    [
      [{ sort: 'revenue' }, 'sort'],
      [{ status: 'late' }, 'status'],
    ],
  ],
  [
    'MetricsQuery',
    MetricsQuery,
    [{}, { granularity: 'week', from: '2026-01-01T00:00:00.000Z' }],
    [[{ granularity: 'hour' }, 'granularity']],
  ],
];

describe.each(cases)('%s', (_name, schema, valid, invalid) => {
  test.each(valid)('accepts %j', (value) => {
    const result = schema.safeParse(value);
    expect(result.error?.issues ?? []).toEqual([]);
  });
  test.each(invalid)('refuses %j, naming %s', (value, field) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });
});
