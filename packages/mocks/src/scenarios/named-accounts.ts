import type { AuditEntry } from '@billing-kit/contracts';
import { createRandom, hashSeed, type SeededRandom } from '../seeded-random.js';
import { recordPackPurchase } from '../store/credit-packs.js';
import type { MockStore } from '../store/mock-store.js';
import type { AccountActivity, AccountRecord, HoldRecord } from '../store/store-types.js';
import { baseAudit } from './audit-history.js';
import { type AutoTopUpSeed, seedAutoTopUp } from './auto-top-up-seed.js';
import { billingHistory } from './billing-history.js';
import { seedRollovers } from './rollover-seed.js';
import { scenarioTime } from './scenario-clock.js';
import { idsFor, type SubscriptionSeed, subscriptionRecord } from './subscription-seed.js';
import { allowanceActivity, type UsageProfile } from './usage-history.js';

export interface NamedAccount {
  id: string;
  name: string;
  email: string;
  createdAt: string;
  subscription: Omit<SubscriptionSeed, 'paidSince' | 'trialEnd' | 'canceledAt'> & {
    paidSince?: string;
    trialEnd?: string;
    canceledAt?: string;
  };
  usage: (random: SeededRandom) => UsageProfile;
  packs?: { packId: string; at: string }[];
  /** How many of each limit feature the account uses (seats, projects), as the host last reported. */
  counts?: Partial<Record<string, number>>;
  /** Reservations still held at the store's clock: jobs in flight, `startedAt` and `expiresAt` instants. */
  holds?: { feature: string; amount: number; idempotencyKey: string; startedAt: string; expiresAt: string }[];
  /**
   * Features whose unused allowance of the previous period rolled into the current one (the plan must have
   * a rollover rule for them).
   */
  rollovers?: readonly string[];
  autoTopUp?: AutoTopUpSeed;
  /** The saved card declines: auto top-ups fail (see `AccountRecord.cardDeclines`). */
  cardDeclines?: boolean;
  /** Extra history a scenario tells its story with (a failed payment, a scheduled cancellation). */
  audit?: (
    ids: (prefix: string) => string,
    account: AccountRecord,
    at: (instant: string) => number,
  ) => AuditEntry[];
}

/** Adds the scenario's own account, its history built now from the scenario's seed. */
export function addNamedAccount(store: MockStore, seed: number, spec: NamedAccount): AccountRecord {
  const time = scenarioTime(store.now);
  const at = (instant: string | undefined) => (instant === undefined ? undefined : time(instant));
  const { paidSince, trialEnd, canceledAt, ...rest } = spec.subscription;
  const subscriptionSeed: SubscriptionSeed = {
    ...rest,
    paidSince: at(paidSince),
    trialEnd: at(trialEnd),
    canceledAt: at(canceledAt),
  };
  const account: AccountRecord = {
    id: spec.id,
    name: spec.name,
    email: spec.email,
    createdAt: time(spec.createdAt),
    subscription: subscriptionRecord(store, subscriptionSeed),
    activity: null,
    buildActivity: null,
  };
  const random = createRandom(hashSeed(seed, spec.id));
  const ids = idsFor(spec.id);
  const ledger = allowanceActivity(store, account, random, ids, spec.usage(random));
  const history = billingHistory(store, account, ids);
  const activity: AccountActivity = {
    ...ledger,
    ...history,
    audit: [...baseAudit(account, ids), ...(spec.audit?.(ids, account, time) ?? [])],
  };
  account.activity = activity;
  for (const pack of spec.packs ?? []) {
    recordPackPurchase(store, account, ids, pack.packId, time(pack.at));
  }
  seedRollovers(store, account, activity, ids, spec.rollovers ?? []);
  if (spec.autoTopUp) seedAutoTopUp(store, account, activity, ids, time, spec.autoTopUp);
  if (spec.cardDeclines) account.cardDeclines = true;
  for (const [feature, count] of Object.entries(spec.counts ?? {})) {
    const id = ids('evt');
    activity.usage.push({
      id,
      feature,
      amount: count ?? 0,
      at: account.createdAt,
      idempotencyKey: `seed_${id}`,
      kind: 'usage',
      reason: null,
      result: null,
      billedAt: null,
    });
  }
  activity.holds = (spec.holds ?? []).map(
    (hold): HoldRecord => ({
      // Numeric like the server's reservation ids (the contract's path parameter).
      id: String(Number(store.nextId('hold').replace(/\D/g, ''))),
      feature: hold.feature,
      amount: hold.amount,
      status: 'held',
      idempotencyKey: hold.idempotencyKey,
      createdAt: time(hold.startedAt),
      expiresAt: time(hold.expiresAt),
      settledAt: null,
      confirmedAmount: null,
    }),
  );
  store.accounts.set(account.id, account);
  return account;
}
