import { DAY } from '../calendar.js';
import { DECLINED, recordTopUpPurchase } from '../store/auto-top-up-charges.js';
import { findPack, moneyIn } from '../store/catalog-lookup.js';
import type { MockStore } from '../store/mock-store.js';
import type { AccountActivity, AccountRecord, TopUpAttemptRecord } from '../store/store-types.js';

/** An auto top-up as a scenario tells it: the setting, and the attempts it made (instants as ISO strings). */
export interface AutoTopUpSeed {
  feature: string;
  packId: string;
  quantity: number;
  threshold: number;
  maxPerMonth: number;
  enabled: boolean;
  disabledReason?: string;
  updatedAt: string;
  attempts?: {
    status: 'paid' | 'failed' | 'capped';
    at: string;
    balanceBefore: number;
    balanceAfter: number;
  }[];
}

/** Adds the setting and its history: a paid attempt's grant, a failed one's decline, a capped one's nothing. */
export function seedAutoTopUp(
  store: MockStore,
  account: AccountRecord,
  activity: AccountActivity,
  ids: (prefix: string) => string,
  time: (instant: string) => number,
  seed: AutoTopUpSeed,
): void {
  const pack = findPack(store.catalog, seed.packId);
  if (!pack) throw new Error(`The catalog has no credit pack "${seed.packId}"`);
  const { attempts = [], disabledReason, updatedAt, ...setting } = seed;
  activity.autoTopUps = [
    ...(activity.autoTopUps ?? []),
    { ...setting, disabledReason: disabledReason ?? null, updatedAt: time(updatedAt) },
  ];
  const { currency } = account.subscription;
  activity.topUpAttempts = [
    ...(activity.topUpAttempts ?? []),
    ...attempts.map((attempt): TopUpAttemptRecord => {
      const at = time(attempt.at);
      if (attempt.status === 'paid') {
        activity.grants.push({
          id: ids('grant'),
          feature: seed.feature,
          source: 'top_up',
          amount: pack.units * seed.quantity,
          effectiveAt: at,
          expiresAt: pack.expiresInDays === null ? null : at + pack.expiresInDays * DAY,
          reason: null,
          reference: pack.id,
          createdAt: at,
        });
      }
      const record: TopUpAttemptRecord = {
        id: ids('atu'),
        feature: seed.feature,
        packId: pack.id,
        quantity: seed.quantity,
        status: attempt.status,
        amount: moneyIn(pack.prices, currency) * seed.quantity,
        currency,
        balanceBefore: attempt.balanceBefore,
        balanceAfter: attempt.balanceAfter,
        createdAt: at,
        settledAt: attempt.status === 'capped' ? null : at,
        failure: attempt.status === 'failed' ? { ...DECLINED } : null,
      };
      recordTopUpPurchase(activity, account, ids('pur'), pack, record);
      return record;
    }),
  ];
}
