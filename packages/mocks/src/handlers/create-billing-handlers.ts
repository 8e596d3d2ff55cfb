import { type RouteName, routes } from '@billing-kit/contracts';
import type { HttpHandler } from 'msw';
import { DEFAULT_BASE_URL, mockRoute } from '../mock-route.js';
import type { ScenarioName } from '../scenarios/scenarios.js';
import { createMockStore, type MockStore } from '../store/mock-store.js';
import { accountResolvers } from './account-resolvers.js';
import { adminResolvers } from './admin-resolvers.js';
import { autoTopUpResolvers } from './auto-top-up-resolvers.js';
import type { BillingResolvers } from './billing-resolvers.js';
import { catalogResolvers } from './catalog-resolvers.js';
import { meteringResolvers } from './metering-resolvers.js';
import { subscriptionResolvers } from './subscription-resolvers.js';

export interface BillingHandlersOptions {
  /** Prefix of the API. Defaults to `*\/api/billing`, which matches any origin. */
  baseUrl?: string;
  /** A scenario name (a fresh store is built) or a store you keep to inspect or drive. Defaults to `free`. */
  scenario?: ScenarioName | MockStore;
  /** Delay before every answer, in milliseconds; overrides the scenario's own. */
  delayMs?: number;
}

export function billingResolvers(store: MockStore): BillingResolvers {
  return {
    ...catalogResolvers(store),
    ...accountResolvers(store),
    ...subscriptionResolvers(store),
    ...meteringResolvers(store),
    ...autoTopUpResolvers(store),
    ...adminResolvers(store),
  };
}

export function resolveStore(options: BillingHandlersOptions): MockStore {
  const store =
    typeof options.scenario === 'object'
      ? options.scenario
      : createMockStore(
          options.scenario ?? 'free',
          options.delayMs === undefined ? {} : { delayMs: options.delayMs },
        );
  if (options.delayMs !== undefined) store.delayMs = options.delayMs;
  return store;
}

/** MSW handlers for every route of the billing API, answered from one in-memory store. */
export function createBillingHandlers(options: BillingHandlersOptions = {}): HttpHandler[] {
  const store = resolveStore(options);
  const resolvers = billingResolvers(store);
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  return (Object.keys(routes) as RouteName[]).map(<Name extends RouteName>(name: Name) =>
    mockRoute(name, resolvers[name], { baseUrl, context: store }),
  );
}
