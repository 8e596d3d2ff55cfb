import { type SetupServer, setupServer } from 'msw/node';
import {
  type BillingHandlersOptions,
  createBillingHandlers,
  resolveStore,
} from './handlers/create-billing-handlers.js';
import type { MockStore } from './store/mock-store.js';

export type BillingServer = SetupServer & {
  /** The store behind the handlers: inspect it, or drive it (`store.completeCheckout(id)`). */
  readonly store: MockStore;
};

/** An MSW server for Node (Vitest, Jest) answering every billing route from one scenario's store. */
export function setupBillingServer(options: BillingHandlersOptions = {}): BillingServer {
  const store = resolveStore(options);
  const server = setupServer(...createBillingHandlers({ ...options, scenario: store }));
  return Object.assign(server, { store });
}
