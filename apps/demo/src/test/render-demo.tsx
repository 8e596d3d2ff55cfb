import { setupBillingServer } from '@billing-kit/mocks/node';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { App } from '../app.tsx';
import type { PageId } from '../demo-location.ts';
import type { DemoSession, PersonaId } from '../session/demo-session.ts';
import { createOfflineSession } from '../session/offline-session.ts';

/** The mocks the offline demo runs on, with MSW's Node server standing in for the browser worker. */
export const billingServer = setupBillingServer();
beforeAll(() => billingServer.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  billingServer.resetHandlers();
  billingServer.events.removeAllListeners();
});
afterAll(() => billingServer.close());

export interface RenderDemoOptions {
  as?: PersonaId;
  page?: PageId;
  /** Changes to the offline session, e.g. a clock that moves. */
  session?: (offline: DemoSession) => DemoSession;
}

/** The whole app in offline mode, at `?as=<persona>#/<page>`, on fresh mock stores. */
export function renderDemo({
  as = 'free',
  page = 'write',
  session = (offline) => offline,
}: RenderDemoOptions = {}) {
  window.history.replaceState(null, '', `/?as=${as}#/${page}`);
  const demoSession = session(createOfflineSession(billingServer));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const user = userEvent.setup();
  const view = render(<App session={demoSession} queryClient={queryClient} />);
  return { ...view, user, session: demoSession, queryClient };
}
