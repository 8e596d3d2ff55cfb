import { randomUUID } from 'node:crypto';
import { accountForCall } from '../domain/accounts/accounts.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

/** check, track (single and batch), entitlements and usage: parse, call the engine, answer. */
export function meteringRoutes(services: BillingServices): RouteHandlers {
  const { db, engine } = services;
  return {
    async check({ params, body, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.check(account.id, body);
    },
    async track({ params, body, identity, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      // Without a key the event is still recorded once, but a retry of it cannot be recognized.
      return engine.track(account.id, { ...body, idempotencyKey: idempotencyKey ?? randomUUID() });
    },
    async trackBatch({ params, body, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.trackBatch(account.id, body.events);
    },
    async getEntitlements({ params, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.entitlements(account.id);
    },
    async getUsage({ params, query, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.usage(account.id, query);
    },
  };
}
