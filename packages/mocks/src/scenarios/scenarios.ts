import type { AccountRole, ErrorCode } from '@billing-kit/contracts';
import type { MockStore } from '../store/mock-store.js';
import { auditRecord } from './audit-history.js';
import { addGeneratedCustomers } from './bulk-customers.js';
import { addNamedAccount, type NamedAccount } from './named-accounts.js';

export interface ScenarioDefinition {
  readonly title: string;
  readonly description: string;
  /** The caller's own account: what `getMe` answers and what stories render. */
  readonly accountId: string;
  readonly userId: string;
  readonly role: AccountRole;
  /** Delay before each answer, in milliseconds. */
  readonly delayMs: number;
  /** When set, every route answers this error instead. */
  readonly failure: ErrorCode | null;
  build(context: { store: MockStore; seed: number }): void;
}

const between = (low: number, high: number) => (random: { next(): number }) =>
  low + random.next() * (high - low);

const proNearQuota: NamedAccount = {
  id: 'acct_pro',
  counts: { team_members: 6, projects: 18, storage_gb: 41 },
  name: 'Katherine Johnson',
  email: 'katherine@example.com',
  createdAt: '2026-04-02T08:12:00.000Z',
  subscription: {
    planId: 'pro',
    interval: 'month',
    paidSince: '2026-05-08T09:30:00.000Z',
    addOns: [{ addOnId: 'extra_storage', quantity: 1 }],
  },
  // 465 of the 550 live credits: the 100-credit pack (expiring on the 28th) is drawn first, then the
  // plan allowance, and a 50-credit pack bought two days ago is still whole.
  usage: (random) => ({
    pastShare: () => between(0.6, 0.95)(random),
    currentShare: 0.6,
    current: { credits: 465, api_calls: 8_600, tokens: 712_000, scraping_tasks: 540 },
    openUsage: (feature) => (feature === 'voice_words' ? 2_400 : 0),
  }),
  packs: [
    { packId: 'credits_100', at: '2026-08-30T15:00:00.000Z' },
    { packId: 'credits_50', at: '2026-11-21T10:00:00.000Z' },
  ],
  // On, and not yet fired: 85 credits are available (43 while jobs hold 42), a job that leaves fewer than
  // 40 buys 100 credits for $9.00.
  autoTopUp: {
    feature: 'credits',
    packId: 'credits_100',
    quantity: 1,
    threshold: 40,
    maxPerMonth: 3,
    enabled: true,
    updatedAt: '2026-11-10T09:00:00.000Z',
  },
};

/** The one account and seed shared by scenarios that differ only in how the network behaves. */
const proScenario = (title: string, description: string, extra: Partial<ScenarioDefinition>) =>
  ({
    title,
    description,
    accountId: proNearQuota.id,
    userId: 'user_katherine',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, proNearQuota);
    },
    ...extra,
  }) satisfies ScenarioDefinition;

export const scenarios = {
  free: {
    title: 'Free',
    description: 'A free user who has spent 3 of today’s 5 credits.',
    accountId: 'acct_free',
    userId: 'user_ada',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_free',
        counts: { team_members: 2, projects: 4, storage_gb: 1 },
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        createdAt: '2026-10-09T17:40:00.000Z',
        subscription: { planId: 'free' },
        usage: (random) => ({
          pastShare: () => between(0.4, 1)(random),
          currentShare: 0.35,
          current: { credits: 3 },
          historyDays: 14,
        }),
      });
    },
  },
  trialing: {
    title: 'Pro trial',
    description: 'On a 14-day Pro trial with 4 days left.',
    accountId: 'acct_trialing',
    userId: 'user_grace',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_trialing',
        counts: { team_members: 3, projects: 7, storage_gb: 4 },
        name: 'Grace Hopper',
        email: 'grace@example.com',
        createdAt: '2026-10-24T10:05:00.000Z',
        subscription: {
          planId: 'pro',
          status: 'trialing',
          interval: 'month',
          paidSince: '2026-11-13T12:00:00.000Z',
          trialEnd: '2026-11-27T12:00:00.000Z',
        },
        usage: (random) => ({ pastShare: () => between(0.2, 0.6)(random), currentShare: 0.3 }),
      });
    },
  },
  pro_near_quota: proScenario(
    'Pro near quota',
    'Active Pro at ~85% of its credits, a pack expiring soon, invoices and purchases.',
    {},
  ),
  pro_with_reservations: {
    title: 'Pro with reservations',
    description:
      'Pro near quota with three jobs in flight: 42 credits held (a 30-credit render, a 12-credit article) and 20,000 tokens.',
    accountId: proNearQuota.id,
    userId: 'user_katherine',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        ...proNearQuota,
        holds: [
          {
            feature: 'tokens',
            amount: 20_000,
            idempotencyKey: 'summarize-batch-88',
            startedAt: '2026-11-23T11:40:00.000Z',
            expiresAt: '2026-11-23T12:40:00.000Z',
          },
          {
            feature: 'credits',
            amount: 30,
            idempotencyKey: 'video-render-7f3a',
            startedAt: '2026-11-23T11:50:00.000Z',
            expiresAt: '2026-11-23T12:05:00.000Z',
          },
          {
            feature: 'credits',
            amount: 12,
            idempotencyKey: 'article-19c2',
            startedAt: '2026-11-23T11:58:00.000Z',
            expiresAt: '2026-11-23T12:13:00.000Z',
          },
        ],
      });
    },
  },
  pro_rollover: {
    title: 'Pro with rollover',
    description:
      'Pro with 160 credits rolled over from October (spent first, good until 3 January); auto top-up never set up.',
    accountId: 'acct_rollover',
    userId: 'user_dorothy',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_rollover',
        counts: { team_members: 4, projects: 11, storage_gb: 12 },
        name: 'Dorothy Vaughan',
        email: 'dorothy@example.com',
        createdAt: '2026-05-28T08:00:00.000Z',
        subscription: { planId: 'pro', interval: 'month', paidSince: '2026-06-03T10:00:00.000Z' },
        // October used 240 of 400: 160 carried in on 3 November, of which this month's 120 spent 120.
        usage: () => ({ pastShare: () => 0.6, currentShare: 0.3, current: { credits: 120 } }),
        rollovers: ['credits'],
      });
    },
  },
  top_up_failed: {
    title: 'Auto top-up failed',
    description:
      'Pro whose auto top-up paid once this month, then met a declined card on 22 November and turned itself off; 18 credits left.',
    accountId: 'acct_top_up_failed',
    userId: 'user_mary',
    role: 'billing_admin',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_top_up_failed',
        counts: { team_members: 5, projects: 14, storage_gb: 20 },
        name: 'Mary Jackson',
        email: 'mary@example.com',
        createdAt: '2026-04-01T12:00:00.000Z',
        subscription: { planId: 'pro', interval: 'month', paidSince: '2026-04-12T09:00:00.000Z' },
        // 400 of the plan and 100 topped up on the 16th, 482 spent.
        usage: (random) => ({
          pastShare: () => between(0.7, 1)(random),
          currentShare: 0.5,
          current: { credits: 482 },
        }),
        autoTopUp: {
          feature: 'credits',
          packId: 'credits_50',
          quantity: 2,
          threshold: 30,
          maxPerMonth: 2,
          enabled: false,
          disabledReason: 'Your card was declined.',
          updatedAt: '2026-11-22T16:20:00.000Z',
          attempts: [
            { status: 'paid', at: '2026-11-16T14:05:00.000Z', balanceBefore: 34, balanceAfter: 22 },
            { status: 'failed', at: '2026-11-22T16:20:00.000Z', balanceBefore: 33, balanceAfter: 18 },
          ],
        },
        cardDeclines: true,
      });
    },
  },
  top_up_capped: {
    title: 'Auto top-up capped',
    description:
      'Pro whose auto top-up bought its 2 allowed this month; the crossing on 22 November bought nothing. 12 credits left.',
    accountId: 'acct_top_up_capped',
    userId: 'user_annie',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_top_up_capped',
        counts: { team_members: 2, projects: 6, storage_gb: 3 },
        name: 'Annie Easley',
        email: 'annie@example.com',
        createdAt: '2026-01-30T10:00:00.000Z',
        subscription: { planId: 'pro', interval: 'month', paidSince: '2026-02-05T11:00:00.000Z' },
        // 400 of the plan and two top-ups of 50, 488 spent.
        usage: (random) => ({
          pastShare: () => between(0.8, 1)(random),
          currentShare: 0.5,
          current: { credits: 488 },
        }),
        autoTopUp: {
          feature: 'credits',
          packId: 'credits_50',
          quantity: 1,
          threshold: 25,
          maxPerMonth: 2,
          enabled: true,
          updatedAt: '2026-10-28T18:30:00.000Z',
          attempts: [
            { status: 'paid', at: '2026-11-09T10:40:00.000Z', balanceBefore: 27, balanceAfter: 19 },
            { status: 'paid', at: '2026-11-17T15:10:00.000Z', balanceBefore: 26, balanceAfter: 15 },
            { status: 'capped', at: '2026-11-22T09:25:00.000Z', balanceBefore: 28, balanceAfter: 21 },
          ],
        },
      });
    },
  },
  over_quota: {
    title: 'Over quota',
    description: 'Active Pro with no credits and no API calls left this period.',
    accountId: 'acct_over_quota',
    userId: 'user_alan',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_over_quota',
        counts: { team_members: 10, projects: 31, storage_gb: 22 },
        name: 'Alan Turing',
        email: 'alan@example.com',
        createdAt: '2026-07-01T09:00:00.000Z',
        subscription: { planId: 'pro', interval: 'month', paidSince: '2026-07-15T11:00:00.000Z' },
        usage: (random) => ({
          pastShare: () => between(0.8, 1)(random),
          currentShare: 0.7,
          current: { credits: 400, api_calls: 10_000 },
        }),
      });
    },
  },
  past_due: {
    title: 'Past due',
    description: 'The Pro renewal on the 15th failed; access is limited until the card is fixed.',
    accountId: 'acct_past_due',
    userId: 'user_margaret',
    role: 'billing_admin',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_past_due',
        counts: { team_members: 4, projects: 12, storage_gb: 9 },
        name: 'Margaret Hamilton',
        email: 'margaret@example.com',
        createdAt: '2026-03-01T13:00:00.000Z',
        subscription: {
          planId: 'pro',
          status: 'past_due',
          interval: 'month',
          paidSince: '2026-03-15T13:30:00.000Z',
          accessLimited: true,
        },
        usage: (random) => ({ pastShare: () => between(0.3, 0.8)(random), currentShare: 0.2 }),
        audit: (ids, account, at) => [
          auditRecord(ids('aud'), account.id, {
            actor: { type: 'stripe', id: null },
            action: 'invoice.payment_failed',
            subject: `subscription:${account.id}`,
            before: { status: 'active' },
            after: { status: 'past_due', accessLimited: true },
            reason: 'Your card was declined.',
            at: at('2026-11-15T14:30:00.000Z'),
          }),
        ],
      });
    },
  },
  canceling: {
    title: 'Canceling',
    description: 'Creator, canceled to end on 2 December; can still resume.',
    accountId: 'acct_canceling',
    userId: 'user_hedy',
    role: 'member',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_canceling',
        counts: { team_members: 8, projects: 40, storage_gb: 75 },
        name: 'Hedy Lamarr',
        email: 'hedy@example.com',
        createdAt: '2026-05-20T16:00:00.000Z',
        subscription: {
          planId: 'creator',
          interval: 'month',
          paidSince: '2026-06-02T10:00:00.000Z',
          cancelAtPeriodEnd: true,
          canceledAt: '2026-11-18T14:00:00.000Z',
        },
        usage: (random) => ({ pastShare: () => between(0.3, 0.9)(random), currentShare: 0.5 }),
        audit: (ids, account, at) => [
          auditRecord(ids('aud'), account.id, {
            actor: { type: 'user', id: 'user_hedy' },
            action: 'subscription.cancel_scheduled',
            subject: `subscription:${account.id}`,
            before: { cancelAtPeriodEnd: false },
            after: { cancelAtPeriodEnd: true },
            reason: 'Too expensive for now',
            at: at('2026-11-18T14:00:00.000Z'),
          }),
        ],
      });
    },
  },
  enterprise: {
    title: 'Enterprise',
    description: 'A contact-sales yearly contract: unlimited everything, SSO and API access.',
    accountId: 'acct_enterprise',
    userId: 'user_initech',
    role: 'billing_admin',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_enterprise',
        counts: { team_members: 240, projects: 85, storage_gb: 1_200 },
        name: 'Initech Corporation',
        email: 'billing@initech.example',
        createdAt: '2025-01-20T09:00:00.000Z',
        subscription: {
          planId: 'enterprise',
          interval: 'year',
          customAmount: 4_800_000,
          paidSince: '2025-02-01T00:00:00.000Z',
        },
        usage: () => ({
          pastShare: () => 0,
          currentShare: 0,
          openUsage: (feature) =>
            ({ credits: 12_000, tokens: 8_000_000, api_calls: 400_000, scraping_tasks: 20_000 })[feature] ??
            90_000,
        }),
      });
    },
  },
  admin: {
    title: 'Admin',
    description: 'A platform operator over 10,000 customers across plans and statuses.',
    accountId: 'acct_admin',
    userId: 'user_operator',
    role: 'admin',
    delayMs: 0,
    failure: null,
    build: ({ store, seed }) => {
      addNamedAccount(store, seed, {
        id: 'acct_admin',
        counts: { team_members: 12, projects: 9, storage_gb: 30 },
        name: 'Billing Kit Operators',
        email: 'ops@billing-kit.example',
        createdAt: '2025-06-01T08:00:00.000Z',
        subscription: { planId: 'ultimate', interval: 'year', paidSince: '2025-06-01T08:00:00.000Z' },
        usage: (random) => ({ pastShare: () => between(0.2, 0.5)(random), currentShare: 0.25 }),
      });
      addGeneratedCustomers(store, seed, 9_999);
    },
  },
  server_errors: proScenario(
    'Server errors',
    'The Pro near quota account, but every route answers 500 `internal`.',
    { failure: 'internal' },
  ),
  slow_network: proScenario(
    'Slow network',
    'The Pro near quota account, answered after 1.5 s (pass `delayMs` to change it).',
    { delayMs: 1_500 },
  ),
} satisfies Record<string, ScenarioDefinition>;

export type ScenarioName = keyof typeof scenarios;

export const scenarioNames = Object.keys(scenarios) as ScenarioName[];
