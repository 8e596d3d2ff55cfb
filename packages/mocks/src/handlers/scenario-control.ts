import type { RequestHandler } from 'msw';
import type { ScenarioName } from '../scenarios/scenarios.js';
import type { MockStore } from '../store/mock-store.js';
import {
  type BillingHandlersOptions,
  createBillingHandlers,
  resolveStore,
} from './create-billing-handlers.js';

export interface ScenarioControl {
  /** The store behind the handlers: inspect it, or drive it (`store.completeCheckout(id)`). */
  readonly store: MockStore;
  /**
   * Swaps in a fresh store for a scenario (or the store given) and makes its handlers the initial
   * ones, so `resetHandlers()` keeps them. Returns the new store.
   */
  useScenario(scenario: ScenarioName | MockStore): MockStore;
}

/** Adds `store` and `useScenario` to an MSW server or worker. */
export function withScenarioControl<Api extends { resetHandlers(...handlers: RequestHandler[]): void }>(
  api: Api,
  store: MockStore,
  options: BillingHandlersOptions,
): Api & ScenarioControl {
  let current = store;
  return Object.defineProperties(api, {
    store: { get: () => current, enumerable: true },
    useScenario: {
      value: (scenario: ScenarioName | MockStore) => {
        current = resolveStore({ ...options, scenario });
        api.resetHandlers(...createBillingHandlers({ ...options, scenario: current }));
        return current;
      },
    },
  }) as Api & ScenarioControl;
}
