import { type SetupServer, setupServer } from 'msw/node';
import {
  type BillingHandlersOptions,
  createBillingHandlers,
  resolveStore,
} from './handlers/create-billing-handlers.js';
import { type ScenarioControl, withScenarioControl } from './handlers/scenario-control.js';

export type BillingServer = SetupServer & ScenarioControl;

/** An MSW server for Node (Vitest, Jest) answering every billing route from one scenario's store. */
export function setupBillingServer(options: BillingHandlersOptions = {}): BillingServer {
  const store = resolveStore(options);
  const server = setupServer(...createBillingHandlers({ ...options, scenario: store }));
  return withScenarioControl(server, store, options);
}
