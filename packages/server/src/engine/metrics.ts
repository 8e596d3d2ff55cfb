import type { Metrics } from '@billing-kit/contracts';
import type { EngineContext } from './engine-context.js';

export interface MetricsInput {
  from?: string | undefined;
  to?: string | undefined;
  granularity: 'day' | 'week' | 'month';
}

const LIVE = `status IN ('active', 'past_due', 'trialing')`;
const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);

/**
 * Operator metrics from the mirror and the ledger. MRR counts active and past-due subscriptions' plan and
 * add-on items at their catalog price (yearly prices over 12) in the catalog's currency; revenue by package
 * is what paid invoices (per plan) and paid credit packs brought in per period.
 */
export async function metrics(context: EngineContext, input: MetricsInput): Promise<Metrics> {
  const catalog = await context.catalog();
  const currency = catalog.plans.flatMap((plan) => plan.prices)[0]?.price.currency ?? 'USD';
  const to = input.to ? new Date(input.to) : context.now();
  const from = input.from
    ? new Date(input.from)
    : new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
  const db = context.db;
  const [byPlan, counts, churn, conversion, revenue, credits] = await Promise.all([
    db.query<{ plan_id: string; count: number; mrr: number }>(
      `SELECT s.plan_id, count(DISTINCT s.id) AS count,
         COALESCE(sum(CASE WHEN s.status IN ('active', 'past_due') THEN
           p.unit_amount * i.quantity / (CASE WHEN p.billing_interval = 'year' THEN 12 ELSE 1 END) END), 0) AS mrr
       FROM subscriptions s
       LEFT JOIN subscription_items i ON i.subscription_id = s.id AND i.kind IN ('plan', 'add_on')
       LEFT JOIN prices p ON p.stripe_price_id = i.stripe_price_id AND p.currency = $1
       WHERE s.${LIVE} AND s.plan_id IS NOT NULL GROUP BY s.plan_id ORDER BY s.plan_id`,
      [currency],
    ),
    db.query<{ trialing: number; past_due: number }>(
      `SELECT count(*) FILTER (WHERE status = 'trialing') AS trialing, count(*) FILTER (WHERE status = 'past_due') AS past_due
       FROM subscriptions`,
    ),
    db.query<{ at_start: number; ended: number }>(
      `SELECT count(*) FILTER (WHERE stripe_created_at < $1 AND (COALESCE(ended_at, canceled_at) IS NULL OR COALESCE(ended_at, canceled_at) >= $1)) AS at_start,
         count(*) FILTER (WHERE COALESCE(ended_at, canceled_at) >= $1 AND COALESCE(ended_at, canceled_at) < $2 AND stripe_created_at < $1) AS ended
       FROM subscriptions`,
      [from, to],
    ),
    db.query<{ created: number; converted: number }>(
      `SELECT count(*) AS created,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = a.id
           AND s.status NOT IN ('incomplete', 'incomplete_expired'))) AS converted
       FROM accounts a WHERE a.created_at >= $1 AND a.created_at < $2`,
      [from, to],
    ),
    db.query<{ period: string; package_type: 'plan' | 'credit_pack'; package_id: string; amount: number }>(
      `SELECT to_char(date_trunc($3, paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period, package_type, package_id, sum(amount) AS amount
       FROM (
         SELECT i.paid_at, 'plan' AS package_type, COALESCE(s.plan_id, 'unknown') AS package_id, i.amount_paid AS amount
         FROM invoices i LEFT JOIN subscriptions s ON s.id = i.subscription_id
         WHERE i.status = 'paid' AND i.subscription_id IS NOT NULL AND upper(i.currency) = $4
         UNION ALL
         SELECT paid_at, 'credit_pack', credit_pack_id, amount FROM purchases WHERE status = 'paid' AND upper(currency) = $4
       ) paid
       WHERE paid_at >= $1 AND paid_at < $2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [from, to, input.granularity, currency],
    ),
    db.query<{ granted: number; used: number; expired: number }>(
      `SELECT
         (SELECT COALESCE(sum(amount), 0) FROM credit_grants WHERE effective_at >= $1 AND effective_at < $2 AND source <> 'rollover') AS granted,
         (SELECT COALESCE(-sum(amount), 0) FROM ledger_entries WHERE type = 'usage' AND at >= $1 AND at < $2) AS used,
         (SELECT COALESCE(sum(remaining), 0) FROM credit_grants WHERE expires_at >= $1 AND expires_at < $2 AND expires_at <= $3) AS expired`,
      [from, to, context.now()],
    ),
  ]);
  const planName = (id: string) => catalog.plans.find((plan) => plan.id === id)?.name ?? id;
  const activeSubscriptionsByPlan = byPlan.rows.map((row) => ({
    planId: row.plan_id,
    planName: planName(row.plan_id),
    count: Number(row.count),
    mrr: { amount: Math.round(Number(row.mrr)), currency },
  }));
  const granted = Number(credits.rows[0]?.granted ?? 0);
  const expired = Number(credits.rows[0]?.expired ?? 0);
  return {
    currency,
    from: from.toISOString(),
    to: to.toISOString(),
    mrr: { amount: activeSubscriptionsByPlan.reduce((sum, row) => sum + row.mrr.amount, 0), currency },
    activeSubscriptions: activeSubscriptionsByPlan.reduce((sum, row) => sum + row.count, 0),
    activeSubscriptionsByPlan,
    trialing: Number(counts.rows[0]?.trialing ?? 0),
    pastDue: Number(counts.rows[0]?.past_due ?? 0),
    churnRate: ratio(Number(churn.rows[0]?.ended ?? 0), Number(churn.rows[0]?.at_start ?? 0)),
    conversionRate: ratio(
      Number(conversion.rows[0]?.converted ?? 0),
      Number(conversion.rows[0]?.created ?? 0),
    ),
    revenueByPackage: revenue.rows.map((row) => ({
      period: row.period,
      packageType: row.package_type,
      packageId: row.package_id,
      amount: { amount: Number(row.amount), currency },
    })),
    credits: {
      granted,
      used: Number(credits.rows[0]?.used ?? 0),
      expired,
      expiryRate: ratio(expired, granted),
    },
  };
}
