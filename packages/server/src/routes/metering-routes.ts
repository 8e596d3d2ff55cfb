import { randomUUID } from 'node:crypto';
import { createKnownAccounts } from '../domain/accounts/known-accounts.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

/** check, track (single and batch), reservations, entitlements and usage: parse, call the engine, answer. */
export function meteringRoutes(services: BillingServices): RouteHandlers {
  const { db, engine } = services;
  const accountIdForCall = createKnownAccounts(db);
  return {
    async check({ params, body, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.check(accountId, body);
    },
    async track({ params, body, identity, idempotencyKey }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      // Without a key the event is still recorded once, but a retry of it cannot be recognized.
      return engine.track(accountId, { ...body, idempotencyKey: idempotencyKey ?? randomUUID() });
    },
    async trackBatch({ params, body, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.trackBatch(accountId, body.events);
    },
    async reserve({ params, body, identity, idempotencyKey }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      // The hold is stored under the key, so a retry with it answers the same reservation.
      return engine.reserve(accountId, { ...body, idempotencyKey });
    },
    async listReservations({ params, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.reservations(accountId);
    },
    async confirmReservation({ params, body, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.confirmReservation(accountId, params.reservationId, body);
    },
    async releaseReservation({ params, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.releaseReservation(accountId, params.reservationId);
    },
    async getEntitlements({ params, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.entitlements(accountId);
    },
    async getUsage({ params, query, identity }) {
      const accountId = await accountIdForCall(identity, params.accountId);
      return engine.usage(accountId, query);
    },
  };
}
