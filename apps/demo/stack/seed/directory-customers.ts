import type { Database } from '@billing-kit/server';
import { addMonths, DAY_MS } from '../demo-time.js';
import { type DirectorySubscription, insertDirectoryInvoices } from './directory-invoices.js';
import type { Random } from './random.js';

const firstNames = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Sophia',
  'Elijah',
  'Mia',
  'James',
  'Aria',
  'Lucas',
  'Chloé',
  'Mateo',
  'Yuki',
  'Arjun',
  'Fatima',
  'Wei',
  'Ingrid',
  'Kwame',
  'Zoë',
  'Rafael',
  'Priya',
  'Hugo',
  'Nadia',
  'Tomás',
  'Aisha',
  'Lars',
  'Mei',
  'Diego',
  'Sofía',
  'Ibrahim',
  'Hana',
  'Felix',
  'Lena',
  'Omar',
];
const lastNames = [
  'Smith',
  'García',
  'Müller',
  'Rossi',
  'Nguyen',
  'Kowalski',
  'Tanaka',
  'Okafor',
  'Johansson',
  'Dubois',
  'Patel',
  'Silva',
  'Kim',
  'Novak',
  'Hughes',
  'Moreau',
  'Fischer',
  'Costa',
  'Haddad',
  'Ivanova',
  'Brown',
  'Lindqvist',
  'Mensah',
  'Sato',
  'Romero',
  'Weber',
  'Chen',
  'Murphy',
  'Jansen',
  'Rahman',
];
const companies = [
  'Acme',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Aperture',
  'Vandelay',
  'Pied Piper',
  'Dunder Mifflin',
  'Gringotts',
  'Oscorp',
  'Massive Dynamic',
  'Nakatomi',
];
const domains = ['example.com', 'example.org', 'mail.example', 'corp.example', 'studio.example'];

type Status = 'free' | 'active' | 'trialing' | 'past_due' | 'canceled';

interface PlanPrice {
  planId: string;
  interval: 'month' | 'year';
  currency: string;
  stripePriceId: string;
  lookupKey: string;
  unitAmount: number;
}

const weighted = <T>(random: Random, entries: readonly (readonly [T, number])[]): T => {
  let roll = random.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]?.[0] as T;
};

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');

/**
 * The 2,000-odd customers of the admin table, written straight into the server's mirror tables in a few
 * statements: accounts, their subscriptions and a paid invoice per past period (open for the past-due
 * ones). Creating each through the emulator (customer, subscription, invoices, ~6 webhooks per invoice each
 * applied in its own PGlite transaction) would cost minutes of the first start on two cores, so these are a
 * directory only: real plan prices from the synced catalog (so MRR, metrics and revenue add up), but no
 * Stripe customer (`stripe_customer_id` NULL, ids `sub_demo_directory_*`, `in_demo_directory_*`) —
 * reconcile skips them, nothing claims Stripe knows them, and time travel does not renew them. The personas
 * are the ones that went through Stripe for real.
 */
export async function seedDirectoryCustomers(
  db: Database,
  options: { count: number; now: Date; random: Random },
): Promise<void> {
  const { rows: priceRows } = await db.query<{
    owner_id: string;
    billing_interval: 'month' | 'year';
    currency: string;
    stripe_price_id: string;
    lookup_key: string;
    unit_amount: number;
  }>(
    `SELECT owner_id, billing_interval, currency, stripe_price_id, lookup_key, unit_amount FROM prices
     WHERE owner_kind = 'plan' AND active AND stripe_price_id IS NOT NULL AND billing_interval IS NOT NULL`,
  );
  const prices: PlanPrice[] = priceRows.map((row) => ({
    planId: row.owner_id,
    interval: row.billing_interval,
    currency: row.currency,
    stripePriceId: row.stripe_price_id,
    lookupKey: row.lookup_key,
    unitAmount: Number(row.unit_amount),
  }));
  const priceFor = (planId: string, interval: 'month' | 'year', currency: string) =>
    prices.find((p) => p.planId === planId && p.interval === interval && p.currency === currency) ??
    prices.find((p) => p.planId === planId && p.interval === interval);

  const { random, now } = options;
  const accounts: string[][] = [];
  const subscriptions: (string | null)[][] = [];
  const items: string[][] = [];
  const billed: DirectorySubscription[] = [];
  for (let index = 1; index <= options.count; index += 1) {
    const id = `acct_demo_${String(index).padStart(5, '0')}`;
    const isCompany = random.next() < 0.3;
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const company = `${random.pick(companies)} ${random.pick(['Labs', 'Inc.', 'GmbH', 'Studio', 'Group', 'Ltd'])}`;
    const name = isCompany ? company : `${first} ${last}`;
    const email = isCompany
      ? `billing${index}@${slug(company.split(' ')[0] ?? 'co')}.example`
      : `${slug(first)}.${slug(last)}${index}@${random.pick(domains)}`;
    const createdAt = new Date(now.getTime() - random.int(1, 720) * DAY_MS - random.int(0, 86_399) * 1000);
    accounts.push([id, name, email, createdAt.toISOString()]);

    const status = weighted<Status>(random, [
      ['free', 34],
      ['active', 46],
      ['trialing', 6],
      ['past_due', 5],
      ['canceled', 9],
    ]);
    if (status === 'free') continue;
    const planId =
      status === 'trialing'
        ? 'pro'
        : weighted(random, [
            ['starter', 35],
            ['pro', 40],
            ['creator', 16],
            ['ultimate', 9],
          ] as const);
    const interval = status === 'trialing' || random.next() < 0.8 ? 'month' : 'year';
    const currency = weighted(random, [
      ['USD', 80],
      ['EUR', 12],
      ['GBP', 8],
    ] as const);
    const price = priceFor(planId, interval, currency);
    if (!price) continue;
    const started =
      status === 'trialing'
        ? new Date(now.getTime() - random.int(1, 13) * DAY_MS)
        : new Date(Math.min(now.getTime() - DAY_MS, createdAt.getTime() + random.int(0, 30) * DAY_MS));
    const trialEnd = status === 'trialing' ? new Date(started.getTime() + 14 * DAY_MS) : null;
    const step = interval === 'year' ? 12 : 1;
    const canceledAt =
      status === 'canceled'
        ? new Date(Math.max(started.getTime() + DAY_MS, now.getTime() - random.int(1, 60) * DAY_MS))
        : null;
    const periodAt = canceledAt ?? now;
    let periodStart = started;
    while (addMonths(periodStart, step) <= periodAt) periodStart = addMonths(periodStart, step);
    const periodEnd = canceledAt ?? trialEnd ?? addMonths(periodStart, step);
    const subscriptionId = `sub_demo_directory_${String(index).padStart(5, '0')}`;
    billed.push({
      id: subscriptionId,
      accountId: id,
      planId,
      interval,
      currency: price.currency,
      unitAmount: price.unitAmount,
      status,
      started,
      trialEnd,
      canceledAt,
    });
    subscriptions.push([
      subscriptionId,
      id,
      status,
      planId,
      interval,
      price.currency,
      periodStart.toISOString(),
      periodEnd.toISOString(),
      canceledAt?.toISOString() ?? null,
      trialEnd ? started.toISOString() : null,
      trialEnd?.toISOString() ?? null,
      started.toISOString(),
    ]);
    items.push([
      `si_demo_directory_${String(index).padStart(5, '0')}`,
      subscriptionId,
      planId,
      price.stripePriceId,
      price.lookupKey,
    ]);
  }

  const column = <T>(rows: T[][], index: number) => rows.map((row) => row[index]);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO accounts (id, name, email, created_at, updated_at)
       SELECT id, name, email, created_at, created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS t(id, name, email, created_at)
       ON CONFLICT (id) DO NOTHING`,
      [0, 1, 2, 3].map((index) => column(accounts, index)),
    );
    await tx.query(
      `INSERT INTO subscriptions (id, account_id, status, plan_id, billing_interval, currency, current_period_start,
         current_period_end, canceled_at, ended_at, trial_start, trial_end, stripe_created_at, stripe_updated_at)
       SELECT id, account_id, status, plan_id, billing_interval, currency, period_start, period_end, canceled_at,
         canceled_at, trial_start, trial_end, started, COALESCE(canceled_at, started)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
         $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])
         AS t(id, account_id, status, plan_id, billing_interval, currency, period_start, period_end, canceled_at,
           trial_start, trial_end, started)
       ON CONFLICT (id) DO NOTHING`,
      Array.from({ length: 12 }, (_, index) => column(subscriptions, index)),
    );
    await tx.query(
      `INSERT INTO subscription_items (id, subscription_id, kind, owner_id, stripe_price_id, price_lookup_key)
       SELECT id, subscription_id, 'plan', owner_id, stripe_price_id, lookup_key
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS t(id, subscription_id, owner_id, stripe_price_id, lookup_key)
       ON CONFLICT (id) DO NOTHING`,
      [0, 1, 2, 3, 4].map((index) => column(items, index)),
    );
    await insertDirectoryInvoices(tx, billed, now);
    await tx.query(
      `UPDATE accounts a SET plan_id = s.plan_id FROM subscriptions s
       WHERE s.account_id = a.id AND s.id LIKE 'sub_demo_directory_%' AND s.status <> 'canceled'`,
    );
  });
}
