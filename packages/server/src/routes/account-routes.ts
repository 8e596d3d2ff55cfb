import { BillingError } from '../billing-error.js';
import { accountForCall } from '../domain/accounts/accounts.js';
import { createCheckoutSession, createPortalSession } from '../domain/checkout/checkout-session.js';
import { listInvoices } from '../domain/invoices/invoice-list.js';
import { listPurchases } from '../domain/purchases/purchase-list.js';
import { subscriptionView } from '../domain/subscriptions/subscription-view.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

export function accountRoutes(services: BillingServices): RouteHandlers {
  const { db } = services;
  return {
    async getMe({ identity }) {
      if (identity?.kind !== 'user') throw new BillingError('unauthenticated', 'Sign in as a user');
      const account = identity.accountId ? await accountForCall(db, identity, identity.accountId) : null;
      return {
        userId: identity.userId,
        role: identity.role,
        account: account ? { id: account.id, name: account.name, email: account.email } : null,
      };
    },
    async getSubscription({ params, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return subscriptionView(db, await services.catalog(), account.id, services.pastDueAccess);
    },
    async listInvoices({ params, query, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return listInvoices(db, { accountId: account.id, cursor: query.cursor, limit: query.limit });
    },
    async listPurchases({ params, query, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return listPurchases(db, await services.catalog(), account.id, query);
    },
    async createCheckoutSession({ params, body, identity, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      const mayExtendTrial =
        identity?.kind === 'api_key' || (identity?.kind === 'user' && identity.role === 'admin');
      return createCheckoutSession(services, account, body, { idempotencyKey, mayExtendTrial });
    },
    async createPortalSession({ params, body, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return createPortalSession(services, account, body.returnUrl);
    },
  };
}
