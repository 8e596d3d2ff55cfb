import type { Reservation, ReservationList, ReservationResult } from '@billing-kit/contracts';
import { iso } from '../calendar.js';
import { fail } from '../mock-api-error.js';
import { activityOf } from './accounts.js';
import { topUpOnCrossing } from './auto-top-up-charges.js';
import { featureStanding } from './entitlements.js';
import { isLiveHold as isLive } from './held-units.js';
import { insufficient, trackUsage } from './metering.js';
import type { MockStore } from './mock-store.js';
import type { AccountActivity, AccountRecord, HoldRecord } from './store-types.js';

const holdsOf = (activity: AccountActivity): HoldRecord[] => {
  activity.holds ??= [];
  return activity.holds;
};

function reservationView(hold: HoldRecord, now: number): Reservation {
  return {
    id: hold.id,
    feature: hold.feature,
    amount: hold.amount,
    status: hold.status === 'held' && now >= hold.expiresAt ? 'expired' : hold.status,
    idempotencyKey: hold.idempotencyKey,
    createdAt: iso(hold.createdAt),
    expiresAt: iso(hold.expiresAt),
    settledAt: hold.settledAt === null ? null : iso(hold.settledAt),
    confirmedAmount: hold.confirmedAmount,
  };
}

function resultOf(store: MockStore, account: AccountRecord, hold: HoldRecord): ReservationResult {
  return {
    ...reservationView(hold, store.now),
    remaining: featureStanding(store, account, hold.feature)?.remaining ?? null,
  };
}

function holdOf(account: AccountRecord, reservationId: string): HoldRecord {
  const hold = holdsOf(activityOf(account)).find((candidate) => candidate.id === reservationId);
  return hold ?? fail('not_found', `No reservation "${reservationId}"`);
}

const invalidFeature = (message: string) =>
  fail('validation_failed', message, { issues: [{ field: 'body.feature', message }] });

/**
 * Holds units as the server does, in one synchronous step (so concurrent calls cannot overbook): past the
 * balance is 402 unless the plan bills overage; the same key answers the same reservation.
 */
export function reserve(
  store: MockStore,
  account: AccountRecord,
  input: { feature: string; amount: number; ttlSeconds: number },
  idempotencyKey: string | null,
): ReservationResult {
  const activity = activityOf(account);
  const holds = holdsOf(activity);
  const previous =
    idempotencyKey === null ? undefined : holds.find((hold) => hold.idempotencyKey === idempotencyKey);
  if (previous) {
    const ttl = (previous.expiresAt - previous.createdAt) / 1000;
    if (previous.feature !== input.feature || previous.amount !== input.amount || ttl !== input.ttlSeconds) {
      return fail('conflict', 'This idempotency key was already used for another reservation');
    }
    return resultOf(store, account, previous);
  }
  const standing = featureStanding(store, account, input.feature);
  if (!standing) return invalidFeature(`"${input.feature}" is not a known feature`);
  if (standing.entitlement.kind !== 'metered') {
    return invalidFeature(`"${input.feature}" is not metered; only metered features can be reserved`);
  }
  const { remaining } = standing;
  // A feature priced in a credit pool holds `cost` pool units a unit.
  if (
    remaining !== null &&
    remaining < input.amount * standing.cost &&
    standing.entitlement.overage === null
  ) {
    return insufficient(store, standing, input.feature, input.amount, remaining);
  }
  const hold: HoldRecord = {
    // Numeric like the server's (the contract's path parameter), unique across the store.
    id: String(Number(store.nextId('hold').replace(/\D/g, ''))),
    feature: input.feature,
    amount: input.amount,
    status: 'held',
    idempotencyKey,
    createdAt: store.now,
    expiresAt: store.now + input.ttlSeconds * 1000,
    settledAt: null,
    confirmedAmount: null,
  };
  holds.push(hold);
  const result = resultOf(store, account, hold);
  topUpOnCrossing(store, account, standing.spends, remaining, result.remaining);
  return result;
}

/** Records the real amount as usage (key `reservation:<id>`) with the hold's units available to it. */
export function confirmReservation(
  store: MockStore,
  account: AccountRecord,
  reservationId: string,
  amount: number,
): ReservationResult {
  const hold = holdOf(account, reservationId);
  if (hold.status === 'confirmed') {
    if (hold.confirmedAmount !== amount) {
      return fail('conflict', 'The reservation was already confirmed with another amount');
    }
    return resultOf(store, account, hold);
  }
  if (hold.status === 'released') return fail('conflict', 'The reservation was released');
  if (!isLive(hold, store.now)) return fail('conflict', 'The reservation expired; its credits were returned');
  const before = featureStanding(store, account, hold.feature);
  // Settled first so the track below may spend the hold's own units; a denial puts it back as it was.
  hold.status = 'confirmed';
  try {
    if (amount > 0) {
      const key = `reservation:${hold.id}`;
      trackUsage(store, account, { feature: hold.feature, amount }, key, 'body', false);
    }
  } catch (error) {
    hold.status = 'held';
    throw error;
  }
  hold.settledAt = store.now;
  hold.confirmedAmount = amount;
  const result = resultOf(store, account, hold);
  // Measured across the whole confirmation, the hold included: more than held can still cross.
  if (before) topUpOnCrossing(store, account, before.spends, before.remaining, result.remaining);
  return result;
}

export function releaseReservation(
  store: MockStore,
  account: AccountRecord,
  reservationId: string,
): ReservationResult {
  const hold = holdOf(account, reservationId);
  if (hold.status === 'confirmed')
    return fail('conflict', 'The reservation was confirmed; its usage is recorded');
  if (isLive(hold, store.now)) {
    hold.status = 'released';
    hold.settledAt = store.now;
  }
  return resultOf(store, account, hold);
}

export function reservationsView(store: MockStore, account: AccountRecord): ReservationList {
  const live = (activityOf(account).holds ?? []).filter((hold) => isLive(hold, store.now));
  return { data: live.map((hold) => reservationView(hold, store.now)) };
}
