export type { BillingResolvers } from './handlers/billing-resolvers.js';
export { type BillingHandlersOptions, createBillingHandlers } from './handlers/create-billing-handlers.js';
export type { ScenarioControl } from './handlers/scenario-control.js';
export { fail, MockApiError } from './mock-api-error.js';
export {
  DEFAULT_BASE_URL,
  type MockResolver,
  type MockRouteOptions,
  mockRoute,
  type ResolverInput,
  type RouteContext,
} from './mock-route.js';
export {
  type ScenarioDefinition,
  type ScenarioName,
  scenarioNames,
  scenarios,
} from './scenarios/scenarios.js';
export { createMockStore, DEFAULT_NOW, type MockStore, type MockStoreOptions } from './store/mock-store.js';
export type {
  AccountActivity,
  AccountRecord,
  AutoTopUpRecord,
  CheckoutSessionRecord,
  GrantRecord,
  StoredInvoice,
  SubscriptionRecord,
  TopUpAttemptRecord,
  UsageRecord,
} from './store/store-types.js';
