import { accountOf } from '../store/accounts.js';
import { checkUsage } from '../store/entitlements.js';
import { trackBatch, trackUsage } from '../store/metering.js';
import type { MockStore } from '../store/mock-store.js';
import { confirmReservation, releaseReservation, reservationsView, reserve } from '../store/reservations.js';
import type { BillingResolvers } from './billing-resolvers.js';

export function meteringResolvers(
  store: MockStore,
): Pick<
  BillingResolvers,
  | 'check'
  | 'track'
  | 'trackBatch'
  | 'reserve'
  | 'listReservations'
  | 'confirmReservation'
  | 'releaseReservation'
> {
  const account = (accountId: string) => accountOf(store, accountId);
  return {
    check: ({ params, body }) => checkUsage(store, account(params.accountId), body),
    // Without a key every request is its own event, as when a client retries without one.
    track: ({ params, body, idempotencyKey }) =>
      trackUsage(store, account(params.accountId), body, idempotencyKey ?? store.nextId('idem')),
    trackBatch: ({ params, body }) => trackBatch(store, account(params.accountId), body.events),
    reserve: ({ params, body, idempotencyKey }) =>
      reserve(store, account(params.accountId), body, idempotencyKey),
    listReservations: ({ params }) => reservationsView(store, account(params.accountId)),
    confirmReservation: ({ params, body }) =>
      confirmReservation(store, account(params.accountId), params.reservationId, body.amount),
    releaseReservation: ({ params }) =>
      releaseReservation(store, account(params.accountId), params.reservationId),
  };
}
