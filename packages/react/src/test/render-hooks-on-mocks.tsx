import { createBillingClient } from '@billing-kit/client';
import { createBillingHandlers, createMockStore, type ScenarioName } from '@billing-kit/mocks';
import { QueryClient } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { getResponse } from 'msw';
import type { ReactNode } from 'react';
import { BillingProvider } from '../billing-provider.js';

const baseUrl = 'http://billing.test/api/billing';

/**
 * Renders hooks inside a BillingProvider whose client is answered by a fresh mock store of `scenario`: the
 * shared mock handlers answer each request directly (no global MSW server to share between tests).
 */
export function renderHooksOnMocks<Result>(scenario: ScenarioName, hooks: () => Result) {
  const store = createMockStore(scenario);
  const handlers = createBillingHandlers({ baseUrl, scenario: store });
  const client = createBillingClient({
    baseUrl,
    retry: { attempts: 1 },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      return (await getResponse(handlers, request)) ?? new Response('unhandled', { status: 599 });
    },
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <BillingProvider client={client} queryClient={queryClient} accountId={store.accountId}>
      {children}
    </BillingProvider>
  );
  return { store, ...renderHook(hooks, { wrapper }) };
}
