import type { Catalog, CustomerSummary, Page, SubscriptionStatus } from '@billing-kit/contracts';
import type { Executor } from '../../db/database.js';
import { freePlanOf } from '../catalog/catalog-lookup.js';
import { decodeCursor, encodeCursor } from '../page-cursor.js';

export interface CustomerListQuery {
  /** One account only, for the detail page. */
  accountId?: string | undefined;
  search?: string | undefined;
  planId?: string | undefined;
  status?: SubscriptionStatus | undefined;
  sort: 'created' | 'name' | 'email' | 'mrr' | 'plan';
  order: 'asc' | 'desc';
  cursor?: string | undefined;
  limit: number;
}

// Each sort key as a column of the `customers` CTE and the type its cursor value is cast back to.
const sortColumns = {
  created: { column: 'created_at', cast: 'timestamptz' },
  name: { column: 'sort_name', cast: 'text' },
  email: { column: 'sort_email', cast: 'text' },
  mrr: { column: 'mrr', cast: 'bigint' },
  plan: { column: 'plan_id', cast: 'text' },
} as const;

interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  plan_id: string;
  status: SubscriptionStatus;
  mrr: number;
  currency: string;
  current_period_end: Date | null;
  created_at: Date;
  sort_name: string;
  sort_email: string;
}

/**
 * Customers for the admin table: search by name or email, filter by plan and status, sort, keyset pages.
 * MRR is each live subscription's items at their catalog prices, yearly ones spread over twelve months.
 */
export async function listCustomers(
  db: Executor,
  catalog: Catalog,
  query: CustomerListQuery,
): Promise<Page<CustomerSummary>> {
  const free = freePlanOf(catalog);
  const sort = sortColumns[query.sort];
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const comparison = query.order === 'desc' ? '<' : '>';
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const { rows } = await db.query<CustomerRow>(
    `WITH customers AS (
       SELECT a.id, a.name, a.email, a.created_at,
         lower(a.name) AS sort_name, lower(COALESCE(a.email, '')) AS sort_email,
         COALESCE(s.plan_id, $1) AS plan_id,
         COALESCE(s.status, 'free') AS status,
         COALESCE(s.currency, $2) AS currency,
         s.current_period_end,
         COALESCE((
           SELECT sum(p.unit_amount * i.quantity / CASE WHEN p.billing_interval = 'year' THEN 12 ELSE 1 END)
           FROM subscription_items i JOIN prices p ON p.stripe_price_id = i.stripe_price_id
           WHERE i.subscription_id = s.id AND s.status IN ('active', 'past_due')
         ), 0)::bigint AS mrr
       FROM accounts a
       LEFT JOIN LATERAL (
         SELECT * FROM subscriptions sub
         WHERE sub.account_id = a.id AND sub.status NOT IN ('canceled', 'incomplete_expired')
         ORDER BY sub.stripe_created_at DESC LIMIT 1
       ) s ON true
     )
     SELECT * FROM customers
     WHERE ($3::text IS NULL OR sort_name LIKE $3 OR sort_email LIKE $3)
       AND ($4::text IS NULL OR plan_id = $4)
       AND ($5::text IS NULL OR status = $5)
       AND ($9::text IS NULL OR id = $9)
       AND ($6::text IS NULL OR (${sort.column}, id) ${comparison} ($6::${sort.cast}, $7::text))
     ORDER BY ${sort.column} ${direction}, id ${direction}
     LIMIT $8`,
    [
      free.id,
      free.prices[0]?.price.currency ??
        catalog.plans.find((plan) => plan.prices[0])?.prices[0]?.price.currency ??
        'USD',
      query.search ? `%${query.search.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null,
      query.planId ?? null,
      query.status ?? null,
      after?.sortValue ?? null,
      after?.id ?? null,
      query.limit + 1,
      query.accountId ?? null,
    ],
  );
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const planName = (planId: string) => catalog.plans.find((plan) => plan.id === planId)?.name ?? planId;
  const data = page.map(
    (row): CustomerSummary => ({
      accountId: row.id,
      name: row.name,
      email: row.email,
      planId: row.plan_id,
      planName: planName(row.plan_id),
      status: row.status,
      mrr: { amount: Number(row.mrr), currency: row.currency },
      currentPeriodEnd: row.current_period_end?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    }),
  );
  const last = page.at(-1);
  const sortValue = (row: CustomerRow) => {
    const value = row[sort.column];
    return value instanceof Date ? value.toISOString() : String(value);
  };
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(sortValue(last), last.id) : null };
}
