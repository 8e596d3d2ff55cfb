import { type SetupWorker, setupWorker } from 'msw/browser';
import {
  type BillingHandlersOptions,
  createBillingHandlers,
  resolveStore,
} from './handlers/create-billing-handlers.js';
import { type ScenarioControl, withScenarioControl } from './handlers/scenario-control.js';

export type BillingWorker = SetupWorker & ScenarioControl;

/**
 * An MSW service worker for the browser (Storybook, the offline demo). The app must serve
 * `mockServiceWorker.js` (`npx msw init public/`), then `await worker.start()`.
 */
export function setupBillingWorker(options: BillingHandlersOptions = {}): BillingWorker {
  const store = resolveStore(options);
  const worker = setupWorker(...createBillingHandlers({ ...options, scenario: store }));
  return withScenarioControl(worker, store, options);
}
