import type { CreditPack } from '@billing-kit/contracts';
import { DAY, iso, startOfUtcMonth } from '../calendar.js';
import { recordAudit } from './account-records.js';
import { activityOf } from './accounts.js';
import { findPack, moneyIn } from './catalog-lookup.js';
import type { MockStore } from './mock-store.js';
import type { AccountActivity, AccountRecord, AutoTopUpRecord, TopUpAttemptRecord } from './store-types.js';

export const DECLINED = { code: 'card_declined', message: 'Your card was declined.' } as const;

export const topUpSettingsOf = (activity: AccountActivity): AutoTopUpRecord[] => {
  activity.autoTopUps ??= [];
  return activity.autoTopUps;
};

const topUpAttemptsOf = (activity: AccountActivity): TopUpAttemptRecord[] => {
  activity.topUpAttempts ??= [];
  return activity.topUpAttempts;
};

/**
 * The purchase a charged attempt leaves, as the server lists it: the pack's name, `succeeded` with its units
 * and expiry when paid, `failed` when the card declined. A capped attempt charges nothing and leaves none.
 */
export function recordTopUpPurchase(
  activity: AccountActivity,
  account: AccountRecord,
  purchaseId: string,
  pack: CreditPack,
  attempt: TopUpAttemptRecord,
): void {
  if (attempt.status !== 'paid' && attempt.status !== 'failed') return;
  const paid = attempt.status === 'paid';
  activity.purchases.push({
    id: purchaseId,
    accountId: account.id,
    packageType: 'credit_pack',
    packageId: pack.id,
    name: pack.name,
    amount: { amount: attempt.amount, currency: attempt.currency },
    status: paid ? 'succeeded' : 'failed',
    units: pack.units * attempt.quantity,
    expiresAt: paid && pack.expiresInDays !== null ? iso(attempt.createdAt + pack.expiresInDays * DAY) : null,
    createdAt: iso(attempt.createdAt),
  });
}

/** Top-ups paid or pending in the UTC calendar month of `now`: what the monthly cap counts. */
export function topUpsThisMonth(activity: AccountActivity, feature: string, now: number): number {
  const monthStart = startOfUtcMonth(now);
  return (activity.topUpAttempts ?? []).filter(
    (attempt) =>
      attempt.feature === feature &&
      (attempt.status === 'pending' || attempt.status === 'paid') &&
      attempt.createdAt >= monthStart,
  ).length;
}

/**
 * Buys the auto top-up of a feature whose available balance a track or a reservation just took from at
 * least its threshold to below it. Only the crossing fires: usage that starts below the threshold buys
 * nothing, so two tracks crossing together buy once.
 */
export function topUpOnCrossing(
  store: MockStore,
  account: AccountRecord,
  feature: string,
  before: number | null,
  after: number | null,
): TopUpAttemptRecord | null {
  if (before === null || after === null) return null;
  const setting = activityOf(account).autoTopUps?.find(
    (candidate) => candidate.feature === feature && candidate.enabled,
  );
  if (!setting || before < setting.threshold || after >= setting.threshold) return null;
  return buyTopUp(store, account, setting, before, after);
}

/**
 * One attempt, settled at once (the server's is `pending` until Stripe answers): `capped` when the month's
 * cap is reached (nothing charged), `failed` when the saved card declines (the setting turns itself off
 * and is never retried by itself), else `paid` with a `top_up` grant expiring like the pack. A charged
 * attempt also leaves a purchase, as on the server.
 */
export function buyTopUp(
  store: MockStore,
  account: AccountRecord,
  setting: AutoTopUpRecord,
  balanceBefore: number,
  balanceAfter: number,
): TopUpAttemptRecord {
  const pack = findPack(store.catalog, setting.packId);
  if (!pack) throw new Error(`The catalog has no credit pack "${setting.packId}"`);
  const activity = activityOf(account);
  const { currency } = account.subscription;
  const capped = topUpsThisMonth(activity, setting.feature, store.now) >= setting.maxPerMonth;
  const attempt: TopUpAttemptRecord = {
    id: store.nextId('atu'),
    feature: setting.feature,
    packId: pack.id,
    quantity: setting.quantity,
    status: capped ? 'capped' : account.cardDeclines ? 'failed' : 'paid',
    amount: moneyIn(pack.prices, currency) * setting.quantity,
    currency,
    balanceBefore,
    balanceAfter,
    createdAt: store.now,
    // Settled at once, as the server's: a capped crossing never reaches Stripe.
    settledAt: store.now,
    failure: !capped && account.cardDeclines ? { ...DECLINED } : null,
  };
  topUpAttemptsOf(activity).push(attempt);
  recordTopUpPurchase(activity, account, store.nextId('pur'), pack, attempt);
  const actor = { type: 'system' as const, id: null };
  if (attempt.status === 'failed') {
    setting.enabled = false;
    setting.disabledReason = DECLINED.message;
    recordAudit(store, account, {
      actor,
      action: 'auto_top_up.failed',
      subject: `credits:${setting.feature}`,
      before: { enabled: true },
      after: { enabled: false, attemptId: attempt.id },
      reason: DECLINED.message,
    });
  } else if (attempt.status === 'paid') {
    const units = pack.units * setting.quantity;
    activity.grants.push({
      id: store.nextId('grant'),
      feature: setting.feature,
      source: 'top_up',
      amount: units,
      effectiveAt: store.now,
      expiresAt: pack.expiresInDays === null ? null : store.now + pack.expiresInDays * DAY,
      reason: null,
      reference: pack.id,
      createdAt: store.now,
    });
    recordAudit(store, account, {
      actor,
      action: 'credits.auto_top_up',
      subject: `credits:${setting.feature}`,
      before: { available: balanceAfter },
      after: { packId: pack.id, quantity: setting.quantity, units, attemptId: attempt.id },
      reason: `Balance fell below ${setting.threshold}`,
    });
  }
  return attempt;
}
