import { createBillingClient } from '@billing-kit/client';
import { QueryClient } from '@tanstack/react-query';
import { render, renderHook, screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { BillingProvider, useBillingContext } from './billing-provider.js';
import { useSubscription } from './hooks/use-billing-queries.js';

const client = createBillingClient({ baseUrl: 'http://billing.test/api/billing' });

describe('BillingProvider', () => {
  test('uses the host app’s QueryClient and refuses to invent a private one', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<BillingProvider client={client}>x</BillingProvider>)).toThrow(/needs a QueryClient/);
    render(
      <BillingProvider client={client} queryClient={new QueryClient()}>
        ready
      </BillingProvider>,
    );
    expect(screen.getByText('ready')).toBeInTheDocument();
  });

  test('hooks outside the provider say where they belong', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useBillingContext('useThing'))).toThrow(
      '`useThing` must be used within `BillingProvider`',
    );
  });

  test('account hooks need an account id from the provider or their argument', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const queryClient = new QueryClient();
    expect(() =>
      renderHook(() => useSubscription(), {
        wrapper: ({ children }) => (
          <BillingProvider client={client} queryClient={queryClient}>
            {children}
          </BillingProvider>
        ),
      }),
    ).toThrow('`useSubscription` needs an accountId');
  });
});
