import { type SetupWorker, setupWorker } from 'msw/browser';
import {
  type BillingHandlersOptions,
  createBillingHandlers,
  resolveStore,
} from './handlers/create-billing-handlers.js';
import type { MockStore } from './store/mock-store.js';

export type BillingWorker = SetupWorker & {
  /** The store behind the handlers: inspect it, or drive it (`store.completeCheckout(id)`). */
  readonly store: MockStore;
};

/**
 * An MSW service worker for the browser (Storybook, the offline demo). The app must serve
 * `mockServiceWorker.js` (`npx msw init public/`), then `await worker.start()`.
 */
export function setupBillingWorker(options: BillingHandlersOptions = {}): BillingWorker {
  const store = resolveStore(options);
  const worker = setupWorker(...createBillingHandlers({ ...options, scenario: store }));
  return Object.assign(worker, { store });
}
