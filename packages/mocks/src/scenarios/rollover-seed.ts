import { planOf, poolCosts } from '../store/catalog-lookup.js';
import { featureLedger } from '../store/credit-ledger.js';
import type { MockStore } from '../store/mock-store.js';
import { resetWindow } from '../store/reset-windows.js';
import type { AccountActivity, AccountRecord } from '../store/store-types.js';

/**
 * Carries the previous period's unused allowance of each feature into the current one, as the server does
 * at a period's first open: moved, not copied (an adjustment takes it off the old grant, so the ledger shows
 * only what really expired), capped at the rule's `max`, and living `periods` periods. Rolled-over units
 * are spent first, so the current period's usage draws them before the plan's.
 */
export function seedRollovers(
  store: MockStore,
  account: AccountRecord,
  activity: AccountActivity,
  ids: (prefix: string) => string,
  features: readonly string[],
): void {
  const plan = planOf(store.catalog, account.subscription.planId);
  for (const feature of features) {
    const entitlement = plan.entitlements.find((candidate) => candidate.feature === feature);
    if (entitlement?.kind !== 'metered' || entitlement.rollover === null) {
      throw new Error(`Plan "${plan.id}" rolls no "${feature}" over`);
    }
    const { reset, rollover } = entitlement;
    const current = resetWindow(account.subscription, reset, store.now);
    const ledger = featureLedger(activity, feature, store.now, poolCosts(store.catalog, feature));
    const previous = ledger.grants.find(
      ({ grant }) => grant.source === 'plan' && grant.expiresAt === current.start,
    );
    const carried = Math.min(previous?.expiredUnused ?? 0, rollover.max);
    if (carried === 0) continue;
    let expiry = current;
    for (let period = 1; period < rollover.periods; period++) {
      expiry = resetWindow(account.subscription, reset, expiry.end);
    }
    const outId = ids('evt');
    activity.usage.push({
      id: outId,
      feature,
      amount: carried,
      at: current.start - 1,
      idempotencyKey: `seed_${outId}`,
      kind: 'adjustment',
      reason: 'Rolled over to the next period',
      result: null,
      billedAt: null,
    });
    activity.grants.push({
      id: ids('grant'),
      feature,
      source: 'rollover',
      amount: carried,
      effectiveAt: current.start,
      expiresAt: expiry.end,
      reason: null,
      reference: previous?.grant.id ?? null,
      createdAt: current.start,
    });
  }
}
