import { auditActorOf } from '../auth/audit-actor.js';
import { accountForCall } from '../domain/accounts/accounts.js';
import { addAddOn, removeAddOn } from '../domain/subscriptions/add-ons.js';
import { changePlan, previewPlanChange } from '../domain/subscriptions/plan-change.js';
import { cancelSubscription, resumeSubscription } from '../domain/subscriptions/subscription-changes.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

export function subscriptionRoutes(services: BillingServices): RouteHandlers {
  const { db } = services;
  return {
    async previewPlanChange({ params, body, identity }) {
      const account = await accountForCall(db, identity, params.accountId);
      return previewPlanChange(services, account, body);
    },
    async changePlan({ params, body, identity, requestId, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      return changePlan(services, account, body, {
        actor: auditActorOf(identity),
        requestId,
        idempotencyKey,
      });
    },
    async addAddOn({ params, body, identity, requestId, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      return addAddOn(services, account, body, { actor: auditActorOf(identity), requestId, idempotencyKey });
    },
    async removeAddOn({ params, identity, requestId, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      return removeAddOn(services, account, params.addOnId, {
        actor: auditActorOf(identity),
        requestId,
        idempotencyKey,
      });
    },
    async cancelSubscription({ params, body, identity, requestId, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      return cancelSubscription(services, account, body, {
        actor: auditActorOf(identity),
        requestId,
        idempotencyKey,
      });
    },
    async resumeSubscription({ params, identity, requestId, idempotencyKey }) {
      const account = await accountForCall(db, identity, params.accountId);
      return resumeSubscription(services, account, {
        actor: auditActorOf(identity),
        requestId,
        idempotencyKey,
      });
    },
  };
}
