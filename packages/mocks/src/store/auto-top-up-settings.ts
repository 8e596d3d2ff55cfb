import type { AutoTopUp, AutoTopUpAttempt, AutoTopUps } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { recordAudit } from './account-records.js';
import { activityOf } from './accounts.js';
import { buyTopUp, topUpSettingsOf, topUpsThisMonth } from './auto-top-up-charges.js';
import { findFeature, findPack, moneyIn, planOf } from './catalog-lookup.js';
import { featureStanding } from './entitlements.js';
import type { MockStore } from './mock-store.js';
import type { AccountRecord, AutoTopUpRecord, TopUpAttemptRecord } from './store-types.js';

export interface AutoTopUpInput {
  enabled: boolean;
  packId: string;
  quantity: number;
  threshold: number;
  maxPerMonth: number;
}

const invalid = (field: string, message: string) =>
  fail('validation_failed', message, { issues: [{ field, message }] });

function settingView(store: MockStore, account: AccountRecord, setting: AutoTopUpRecord): AutoTopUp {
  const pack = findPack(store.catalog, setting.packId);
  const { currency } = account.subscription;
  return {
    feature: setting.feature,
    enabled: setting.enabled,
    packId: setting.packId,
    quantity: setting.quantity,
    threshold: setting.threshold,
    maxPerMonth: setting.maxPerMonth,
    price: { amount: moneyIn(pack?.prices ?? [], currency) * setting.quantity, currency },
    units: (pack?.units ?? 0) * setting.quantity,
    usedThisMonth: topUpsThisMonth(activityOf(account), setting.feature, store.now),
    disabledReason: setting.disabledReason,
    updatedAt: iso(setting.updatedAt),
  };
}

const attemptView = (attempt: TopUpAttemptRecord): AutoTopUpAttempt => ({
  id: attempt.id,
  feature: attempt.feature,
  packId: attempt.packId,
  quantity: attempt.quantity,
  status: attempt.status,
  price: { amount: attempt.amount, currency: attempt.currency },
  balanceBefore: attempt.balanceBefore,
  balanceAfter: attempt.balanceAfter,
  createdAt: iso(attempt.createdAt),
  settledAt: attempt.settledAt === null ? null : iso(attempt.settledAt),
  failure: attempt.failure,
});

/** Every auto top-up the account has set up, by feature, and its 20 most recent attempts, newest first. */
export function autoTopUpsView(store: MockStore, account: AccountRecord): AutoTopUps {
  const activity = activityOf(account);
  return {
    accountId: account.id,
    data: [...(activity.autoTopUps ?? [])]
      .sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0))
      .map((setting) => settingView(store, account, setting)),
    attempts: (activity.topUpAttempts ?? [])
      .map((attempt, index) => ({ attempt, index }))
      .sort((a, b) => b.attempt.createdAt - a.attempt.createdAt || b.index - a.index)
      .slice(0, 20)
      .map(({ attempt }) => attemptView(attempt)),
  };
}

/**
 * Saves an account's auto top-up of one feature, as the server does: the feature must be one packs add
 * to (a plain metered feature or a credit pool, not a feature priced in one), the pack must add to it,
 * and turning it on needs a saved card (none on the free plan). Saving it on clears why it was turned
 * off; turning it on (or back on) when the balance is already below the threshold buys at once.
 */
export function saveAutoTopUp(
  store: MockStore,
  account: AccountRecord,
  featureKey: string,
  input: AutoTopUpInput,
): AutoTopUp {
  const feature = findFeature(store.catalog, featureKey);
  if (!feature) return invalid('params.feature', `no feature "${featureKey}"`);
  if (feature.kind !== 'metered') {
    return invalid(
      'params.feature',
      `"${featureKey}" is a ${feature.kind} feature; only metered ones top up`,
    );
  }
  if (feature.creditCost) {
    return invalid(
      'params.feature',
      `"${featureKey}" is paid in ${feature.creditCost.pool}; set up auto top-up of "${feature.creditCost.pool}"`,
    );
  }
  const pack = findPack(store.catalog, input.packId);
  if (!pack) return invalid('body.packId', `no credit pack "${input.packId}"`);
  if (pack.feature !== featureKey) {
    return invalid('body.packId', `"${pack.id}" adds ${pack.feature}, not ${featureKey}`);
  }
  if (input.enabled && planOf(store.catalog, account.subscription.planId).isFree) {
    return fail(
      'conflict',
      'Add a card first: auto top-up charges the card saved with your subscription or purchases',
    );
  }
  const settings = topUpSettingsOf(activityOf(account));
  const existing = settings.find((candidate) => candidate.feature === featureKey);
  const before = existing ? { ...existing } : null;
  const setting: AutoTopUpRecord = existing ?? {
    feature: featureKey,
    ...input,
    disabledReason: null,
    updatedAt: store.now,
  };
  if (!existing) settings.push(setting);
  Object.assign(setting, input, { updatedAt: store.now });
  if (input.enabled) setting.disabledReason = null;
  recordAudit(store, account, {
    actor: { type: 'user', id: store.userId },
    action: 'auto_top_up.updated',
    subject: `credits:${featureKey}`,
    before,
    after: { ...setting },
    reason: null,
  });
  // Turned on (or back on after a failure turned it off) below the threshold: buys at once, as a crossing.
  const available = featureStanding(store, account, featureKey)?.remaining ?? null;
  if (input.enabled && !before?.enabled && available !== null && available < setting.threshold) {
    buyTopUp(store, account, setting, available, available);
  }
  return settingView(store, account, setting);
}
