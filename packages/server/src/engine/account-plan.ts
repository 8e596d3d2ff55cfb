import type {
  Catalog,
  Feature,
  Overage,
  Plan,
  PlanEntitlement,
  ResetInterval,
  Rollover,
} from '@billing-kit/contracts';
import { notFound } from '../billing-error.js';
import type { Executor } from '../db/database.js';
import type { BillingAnchor } from './periods.js';

/** What an account is subscribed to right now, as the Stripe mirror says. */
export interface AccountPlan {
  accountId: string;
  plan: Plan;
  addOns: { id: string; quantity: number }[];
  anchor: BillingAnchor | null;
  stripeCustomerId: string | null;
}

/** One row of the plan query, as JSON: timestamps are ISO strings. */
interface PlanRow {
  plan_id: string | null;
  stripe_customer_id: string | null;
  subscription_id: string | null;
  started_at: string | null;
  billing_interval: 'month' | 'year' | null;
  current_period_start: string | null;
  current_period_end: string | null;
  add_on_id: string | null;
  add_on_quantity: number | null;
}

/**
 * A scalar expression answering the account's plan rows as one JSON text (an empty array when the account
 * does not exist): its live subscriptions × their add-on items, newest first, in an order with no ties so
 * the same rows always render the same text. `account` names the parameter holding the account id. It
 * calls `bk_plan_rows` (migration 0015), which the track function also calls to check a remembered plan:
 * the one rendering two reads compare is that function's.
 */
export const planRowsQuery = (account: string) => `bk_plan_rows(${account})`;

/** An account's plan rows as read by `planRowsQuery`, and the JSON text the database rendered them as. */
export interface PlanRows {
  rows: readonly PlanRow[];
  /** Equal for two reads exactly when the rows are: the same rows always render the same text. */
  text: string;
}

/** Reads the account's plan rows (see `planRowsQuery`). */
export async function readPlanRows(db: Executor, accountId: string): Promise<PlanRows> {
  const { rows } = await db.query<{ plan_rows: string }>(`SELECT ${planRowsQuery('$1')}::text AS plan_rows`, [
    accountId,
  ]);
  const text = rows[0]?.plan_rows ?? '[]';
  return { rows: JSON.parse(text) as PlanRow[], text };
}

const toDate = (value: string | null) => (value === null ? null : new Date(value));

/** The account's plan from its plan rows under the catalog (see `loadAccountPlan`). */
export function accountPlanOf(catalog: Catalog, accountId: string, planRows: PlanRows): AccountPlan {
  const row = planRows.rows[0];
  if (!row) throw notFound('Account');
  const plan =
    catalog.plans.find((candidate) => candidate.id === row.plan_id) ??
    catalog.plans.find((candidate) => candidate.isFree);
  if (!plan) throw new Error('The catalog has no free plan; run `billing-kit sync` with a billing config');
  const addOns = planRows.rows
    .filter((item) => item.subscription_id === row.subscription_id && item.add_on_id !== null)
    .map((item) => ({ id: item.add_on_id as string, quantity: Number(item.add_on_quantity ?? 1) }));
  const startedAt = toDate(row.started_at);
  const periodStart = toDate(row.current_period_start);
  const periodEnd = toDate(row.current_period_end);
  const anchor: BillingAnchor | null =
    startedAt && row.plan_id === plan.id
      ? {
          startedAt,
          interval: row.billing_interval ?? 'month',
          currentPeriod: periodStart && periodEnd ? { start: periodStart, end: periodEnd } : null,
        }
      : null;
  return { accountId, plan, addOns, anchor, stripeCustomerId: row.stripe_customer_id };
}

/** The account's plan (the free tier when it has no live subscription or an unknown plan), add-ons and anchor. */
export async function loadAccountPlan(
  db: Executor,
  catalog: Catalog,
  accountId: string,
): Promise<AccountPlan> {
  return accountPlanOf(catalog, accountId, await readPlanRows(db, accountId));
}

/** One allowance a plan or add-on gives per period; `amount: null` is unlimited. */
export interface AllowanceSource {
  /** `plan:pro`, `add_on:extra_credits`: with the period start, the grant's unique period key. */
  key: string;
  source: 'plan' | 'add_on';
  amount: number | null;
  reset: ResetInterval;
  /** Unused units of a period's grant carried into the next (see `allowances.ts`). */
  rollover: Rollover | null;
}

export type FeatureRule =
  | {
      kind: 'metered';
      /** The feature tracked: usage events, answers and denials name it. */
      feature: Feature;
      /**
       * The feature whose grants are spent: the feature itself, or the credit pool it is priced in. Grants,
       * locks, holds and ledger entries are the pool's; allowances, overage and balances are in its units.
       */
      spends: Feature;
      /** Units of `spends` one unit of `feature` costs (1 unless priced in a pool). */
      cost: number;
      allowances: AllowanceSource[];
      unlimited: boolean;
      overage: Overage | null;
    }
  | { kind: 'limit'; feature: Feature; limit: number | null }
  | { kind: 'boolean'; feature: Feature; enabled: boolean };

function entitlementFor(entitlements: readonly PlanEntitlement[], featureKey: string) {
  return entitlements.find((entitlement) => entitlement.feature === featureKey);
}

/**
 * How one feature works for the account: its plan's entitlement plus every add-on's, times quantity. A
 * feature priced in a credit pool works as its pool does, each unit costing `cost` of the pool's units.
 */
export function featureRule(
  catalog: Catalog,
  accountPlan: AccountPlan,
  featureKey: string,
): FeatureRule | null {
  const feature = catalog.features.find((candidate) => candidate.key === featureKey);
  if (!feature) return null;
  if (feature.creditCost) {
    const poolRule = ownRule(catalog, accountPlan, feature.creditCost.pool);
    // The billing config refuses any other pool; a stored catalog edited by hand is not trusted further.
    if (poolRule?.kind !== 'metered' || poolRule.feature.creditCost) return null;
    return { ...poolRule, feature, cost: feature.creditCost.amount };
  }
  return ownRule(catalog, accountPlan, featureKey);
}

function ownRule(catalog: Catalog, accountPlan: AccountPlan, featureKey: string): FeatureRule | null {
  const feature = catalog.features.find((candidate) => candidate.key === featureKey);
  if (!feature) return null;
  const contributions = [
    {
      key: `plan:${accountPlan.plan.id}`,
      source: 'plan' as const,
      quantity: 1,
      entitlements: accountPlan.plan.entitlements,
    },
    ...accountPlan.addOns.flatMap((addOn) => {
      const definition = catalog.addOns.find((candidate) => candidate.id === addOn.id);
      return definition
        ? [
            {
              key: `add_on:${addOn.id}`,
              source: 'add_on' as const,
              quantity: addOn.quantity,
              entitlements: definition.entitlements,
            },
          ]
        : [];
    }),
  ].flatMap((owner) => {
    const entitlement = entitlementFor(owner.entitlements, featureKey);
    return entitlement ? [{ ...owner, entitlement }] : [];
  });
  if (feature.kind === 'boolean') {
    return {
      kind: 'boolean',
      feature,
      enabled: contributions.some(({ entitlement }) => entitlement.kind === 'boolean' && entitlement.enabled),
    };
  }
  if (feature.kind === 'limit') {
    let limit: number | null = 0;
    for (const { entitlement, quantity } of contributions) {
      if (entitlement.kind !== 'limit') continue;
      limit = limit === null || entitlement.limit === null ? null : limit + entitlement.limit * quantity;
    }
    return { kind: 'limit', feature, limit };
  }
  const allowances: AllowanceSource[] = [];
  let overage: Overage | null = null;
  for (const { key, source, quantity, entitlement } of contributions) {
    if (entitlement.kind !== 'metered') continue;
    allowances.push({
      key,
      source,
      amount: entitlement.allowance === null ? null : entitlement.allowance * quantity,
      reset: entitlement.reset,
      rollover: entitlement.rollover,
    });
    overage ??= entitlement.overage;
  }
  return {
    kind: 'metered',
    feature,
    spends: feature,
    cost: 1,
    allowances,
    unlimited: allowances.some((allowance) => allowance.amount === null),
    overage,
  };
}
