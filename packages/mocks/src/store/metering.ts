import type { TrackBatchResult, TrackResult } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { fail, MockApiError } from '../mock-api-error.js';
import { activityOf } from './accounts.js';
import { topUpOnCrossing } from './auto-top-up-charges.js';
import { findFeature, poolCosts } from './catalog-lookup.js';
import { featureLedger } from './credit-ledger.js';
import { checkUsage, type FeatureStanding, featureStanding } from './entitlements.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, UsageRecord } from './store-types.js';

export interface TrackInput {
  feature: string;
  amount: number;
  occurredAt?: string | undefined;
}

const invalid = (field: string, message: string) =>
  fail('validation_failed', message, { issues: [{ field, message }] });

/** The 402 of a metered feature, naming the pool and the cost when it is priced in one (as the server's). */
export function insufficient(
  store: MockStore,
  standing: FeatureStanding,
  feature: string,
  requested: number,
  remaining: number | null,
): never {
  const pooled = standing.spends !== feature;
  const name = (key: string) => (findFeature(store.catalog, key)?.name ?? key).toLowerCase();
  return fail(
    'insufficient_credits',
    `Not enough ${name(standing.spends)} left${pooled ? ` for ${name(feature)}` : ''}: requested ${requested}`,
    { feature, requested, remaining, ...(pooled ? { pool: standing.spends, cost: standing.cost } : {}) },
  );
}

/**
 * Records one usage event. Every check and write happens in one synchronous step, which is what makes
 * it atomic here: JavaScript cannot interleave two tracks, so a balance never goes below zero. A track
 * that takes the balance below an auto top-up threshold buys the top-up (unless `topUp` is false: a
 * confirmation measures its own crossing, hold included).
 */
export function trackUsage(
  store: MockStore,
  account: AccountRecord,
  input: TrackInput,
  idempotencyKey: string,
  fieldPrefix = 'body',
  topUp = true,
): TrackResult {
  const activity = activityOf(account);
  const previous = activity.usage.find((event) => event.idempotencyKey === idempotencyKey);
  if (previous?.result) {
    if (previous.feature !== input.feature || previous.amount !== input.amount) {
      return fail('conflict', `Idempotency key "${idempotencyKey}" was already used for other usage`);
    }
    return previous.result;
  }
  const standing = featureStanding(store, account, input.feature);
  if (!standing) return invalid(`${fieldPrefix}.feature`, `unknown feature "${input.feature}"`);
  if (standing.entitlement.kind === 'boolean') {
    return invalid(
      `${fieldPrefix}.feature`,
      `"${input.feature}" is a boolean feature; check it, do not track it`,
    );
  }
  if (standing.entitlement.kind === 'metered' && input.amount < 0) {
    return invalid(`${fieldPrefix}.amount`, 'must be positive for metered features');
  }
  if (input.amount > 0) {
    const check = checkUsage(store, account, { feature: input.feature, amount: input.amount });
    if (!check.allowed) {
      if (check.reason === 'insufficient_credits') {
        return insufficient(store, standing, input.feature, input.amount, check.remaining);
      }
      return fail('quota_exceeded', `Not enough ${input.feature} left: requested ${input.amount}`, {
        feature: input.feature,
        requested: input.amount,
        remaining: check.remaining,
      });
    }
  }
  const event: UsageRecord = {
    id: store.nextId('evt'),
    feature: input.feature,
    amount: input.amount,
    at: input.occurredAt === undefined ? store.now : Math.min(Date.parse(input.occurredAt), store.now),
    idempotencyKey,
    kind: 'usage',
    reason: null,
    result: null,
    billedAt: null,
  };
  activity.usage.push(event);
  const after = featureStanding(store, account, input.feature);
  const result: TrackResult = {
    id: event.id,
    idempotencyKey,
    feature: input.feature,
    amount: input.amount,
    recordedAt: iso(store.now),
    unlimited: after?.entitlement.amount === null,
    remaining: after?.remaining ?? null,
    resetsAt: after?.resetsAt == null ? null : iso(after.resetsAt),
    // Only a billed overage price turns a shortfall into overage; unlimited features have no grants.
    overageUnits:
      standing.entitlement.overage !== null
        ? (featureLedger(
            activity,
            standing.spends,
            store.now,
            poolCosts(store.catalog, standing.spends),
          ).shortfall.get(event.id) ?? 0)
        : 0,
  };
  event.result = result;
  if (topUp && standing.entitlement.kind === 'metered') {
    topUpOnCrossing(store, account, standing.spends, standing.remaining, after?.remaining ?? null);
  }
  return result;
}

export function trackBatch(
  store: MockStore,
  account: AccountRecord,
  events: readonly (TrackInput & { idempotencyKey: string })[],
): TrackBatchResult {
  return {
    results: events.map((event, index) => {
      try {
        const result = trackUsage(store, account, event, event.idempotencyKey, `body.events.${index}`);
        return { ok: true as const, idempotencyKey: event.idempotencyKey, result };
      } catch (error) {
        if (!(error instanceof MockApiError)) throw error;
        return {
          ok: false as const,
          idempotencyKey: event.idempotencyKey,
          error: { code: error.code, message: error.message },
        };
      }
    }),
  };
}
