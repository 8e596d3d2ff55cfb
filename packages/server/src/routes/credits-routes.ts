import { auditActorOf } from '../auth/audit-actor.js';
import { notFound } from '../billing-error.js';
import { accountForCall, findAccount } from '../domain/accounts/accounts.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

/**
 * Credit balances, the ledger and auto top-up for members; grants, metrics and usage billing for operators.
 */
export function creditsRoutes(services: BillingServices): RouteHandlers {
  const { db, engine } = services;
  return {
    async getCredits({ params, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.credits(account.id);
    },
    async listLedger({ params, query, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.ledger(account.id, query);
    },
    async getAutoTopUps({ params, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.autoTopUps(account.id);
    },
    async setAutoTopUp({ params, body, identity, requestId }) {
      const account = await accountForCall(db, identity, params.accountId);
      return engine.setAutoTopUp(account.id, params.feature, body, auditActorOf(identity), requestId);
    },
    async adminGrantCredits({ params, body, identity, requestId }) {
      if (!(await findAccount(db, params.accountId))) throw notFound('Account');
      return engine.grant(params.accountId, body, auditActorOf(identity), requestId);
    },
    adminGetMetrics: ({ query }) => engine.metrics(query),
    adminBillUsage: ({ body }) => engine.billUsage(body),
  };
}
