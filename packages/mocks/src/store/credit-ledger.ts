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
  /** Every grant of the feature, the soonest to expire first (never-expiring last). */
  grants: GrantBalance[];
  /** Units of each usage event no grant covered: overage when the plan bills it. */
  shortfall: Map<string, number>;
}

const expiryOrder = (a: GrantBalance, b: GrantBalance) =>
  (a.grant.expiresAt ?? Number.POSITIVE_INFINITY) - (b.grant.expiresAt ?? Number.POSITIVE_INFINITY) ||
  a.grant.effectiveAt - b.grant.effectiveAt ||
  (a.grant.id < b.grant.id ? -1 : 1);

export const isLive = (grant: GrantRecord, at: number) =>
  grant.effectiveAt <= at && (grant.expiresAt === null || at < grant.expiresAt);

/**
 * Replays usage against grants in time order, each event drawing from the live grant that expires
 * first. Balances are never stored: this replay is the only source of them.
 */
export function featureLedger(activity: AccountActivity, feature: string, now: number): FeatureLedger {
  const grants = activity.grants
    .filter((grant) => grant.feature === feature)
    .map((grant) => ({ grant, remaining: grant.amount, expiredUnused: 0 }))
    .sort(expiryOrder);
  const events = activity.usage
    .filter((event) => event.feature === feature && event.amount > 0)
    .sort((a, b) => a.at - b.at);
  const shortfall = new Map<string, number>();
  for (const event of events) {
    let needed = event.amount;
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
): CreditBalance {
  const live = liveGrants(featureLedger(activity, feature, now), now);
  const held = heldUnits(activity, feature, now);
  return {
    feature,
    available: Math.max(0, live.reduce((sum, balance) => sum + balance.remaining, 0) - held),
    held,
    unlimited,
    grants: live.map(grantView),
  };
}
