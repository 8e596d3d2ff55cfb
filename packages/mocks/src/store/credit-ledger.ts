import type { CreditBalance, Grant } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { heldUnits } from './held-units.js';
import type { AccountActivity, GrantRecord } from './store-types.js';

export interface GrantBalance {
  grant: GrantRecord;
  remaining: number;
  /** What was left when the grant expired: credits reset, they never accumulate. */
  expiredUnused: number;
}

export interface FeatureLedger {
  /** Every grant of the feature in spending order: rolled over first, then the soonest to expire. */
  grants: GrantBalance[];
  /** Units of each usage event no grant covered: overage when the plan bills it. */
  shortfall: Map<string, number>;
}

// Rolled-over units are spent first, then the grant that expires first, as the server draws them.
const spendingOrder = (a: GrantBalance, b: GrantBalance) =>
  Number(b.grant.source === 'rollover') - Number(a.grant.source === 'rollover') ||
  (a.grant.expiresAt ?? Number.POSITIVE_INFINITY) - (b.grant.expiresAt ?? Number.POSITIVE_INFINITY) ||
  a.grant.effectiveAt - b.grant.effectiveAt ||
  (a.grant.id < b.grant.id ? -1 : 1);

export const isLive = (grant: GrantRecord, at: number) =>
  grant.effectiveAt <= at && (grant.expiresAt === null || at < grant.expiresAt);

/** What a unit of each feature spending a feature's grants costs: the feature alone at 1 by default. */
export type SpendingCosts = ReadonlyMap<string, number>;

/**
 * Replays usage against grants in time order, each event drawing from the live grants in spending order
 * (rolled-over units first, then the grant that expires first). Balances are never stored: this replay is
 * the only source of them. For a credit pool, pass `costs` (see `poolCosts`): uses of features priced in
 * it draw `amount × cost` of its units, and their shortfall is in its units.
 */
export function featureLedger(
  activity: AccountActivity,
  feature: string,
  now: number,
  costs: SpendingCosts = new Map([[feature, 1]]),
): FeatureLedger {
  const grants = activity.grants
    .filter((grant) => grant.feature === feature)
    .map((grant) => ({ grant, remaining: grant.amount, expiredUnused: 0 }))
    .sort(spendingOrder);
  const events = activity.usage
    .filter((event) => costs.has(event.feature) && event.amount > 0)
    .sort((a, b) => a.at - b.at);
  const shortfall = new Map<string, number>();
  for (const event of events) {
    let needed = event.amount * (costs.get(event.feature) ?? 1);
    for (const balance of grants) {
      if (needed === 0) break;
      if (balance.remaining === 0 || !isLive(balance.grant, event.at)) continue;
      const drawn = Math.min(needed, balance.remaining);
      balance.remaining -= drawn;
      needed -= drawn;
    }
    if (needed > 0 && event.kind === 'usage') shortfall.set(event.id, needed);
  }
  for (const balance of grants) {
    if (balance.grant.expiresAt !== null && balance.grant.expiresAt <= now) {
      balance.expiredUnused = balance.remaining;
      balance.remaining = 0;
    }
  }
  return { grants, shortfall };
}

export function liveGrants(ledger: FeatureLedger, now: number): GrantBalance[] {
  return ledger.grants.filter((balance) => isLive(balance.grant, now));
}

export function grantView(balance: GrantBalance): Grant {
  const { grant } = balance;
  return {
    id: grant.id,
    feature: grant.feature,
    source: grant.source,
    amount: grant.amount,
    remaining: balance.remaining,
    effectiveAt: iso(grant.effectiveAt),
    expiresAt: grant.expiresAt === null ? null : iso(grant.expiresAt),
    reason: grant.reason,
    createdAt: iso(grant.createdAt),
  };
}

export function creditBalance(
  activity: AccountActivity,
  feature: string,
  unlimited: boolean,
  now: number,
  costs: SpendingCosts = new Map([[feature, 1]]),
): CreditBalance {
  const live = liveGrants(featureLedger(activity, feature, now, costs), now);
  const held = heldUnits(activity, now, costs);
  return {
    feature,
    available: Math.max(0, live.reduce((sum, balance) => sum + balance.remaining, 0) - held),
    held,
    unlimited,
    grants: live.map(grantView),
  };
}
