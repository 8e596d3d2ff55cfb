import { setupBillingWorker } from '@billing-kit/mocks/browser';
import type { DemoSession } from './demo-session.ts';
import { createOfflineSession } from './offline-session.ts';

/** Starts MSW's service worker (served from `public/`, beside the app) and the offline session on it. */
export async function startOfflineSession(): Promise<DemoSession> {
  const worker = setupBillingWorker();
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return createOfflineSession(worker);
}
