import { accountOf } from '../store/accounts.js';
import { createCheckoutSession, createPortalSession } from '../store/checkout-sessions.js';
import type { MockStore } from '../store/mock-store.js';
import {
  addAddOn,
  cancelSubscription,
  changePlan,
  previewPlanChange,
  removeAddOn,
  resumeSubscription,
} from '../store/subscription-lifecycle.js';
import type { BillingResolvers } from './billing-resolvers.js';

type SubscriptionRoutes =
  | 'createCheckoutSession'
  | 'createPortalSession'
  | 'previewPlanChange'
  | 'changePlan'
  | 'cancelSubscription'
  | 'resumeSubscription'
  | 'addAddOn'
  | 'removeAddOn';

export function subscriptionResolvers(store: MockStore): Pick<BillingResolvers, SubscriptionRoutes> {
  const account = (accountId: string) => accountOf(store, accountId);
  return {
    createCheckoutSession: ({ params, body }) =>
      createCheckoutSession(store, account(params.accountId), body),
    createPortalSession: ({ params, body }) =>
      createPortalSession(store, account(params.accountId), body.returnUrl),
    previewPlanChange: ({ params, body }) => previewPlanChange(store, account(params.accountId), body),
    changePlan: ({ params, body }) => changePlan(store, account(params.accountId), body),
    cancelSubscription: ({ params, body }) => cancelSubscription(store, account(params.accountId), body),
    resumeSubscription: ({ params }) => resumeSubscription(store, account(params.accountId)),
    addAddOn: ({ params, body }) => addAddOn(store, account(params.accountId), body),
    removeAddOn: ({ params }) => removeAddOn(store, account(params.accountId), params.addOnId),
  };
}
