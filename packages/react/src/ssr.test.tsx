// @vitest-environment node
import { createBillingClient } from '@billing-kit/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { BillingAdmin } from './billing-admin/billing-admin.js';
import { BillingDashboard } from './billing-dashboard/billing-dashboard.js';
import { BillingProvider } from './billing-provider.js';
import { PricingTable } from './pricing-table/pricing-table.js';
import { UsageMeters } from './usage-meter/usage-meters.js';

function onServer(children: ReactNode) {
  const client = createBillingClient({ baseUrl: 'http://billing.test/api/billing' });
  return renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <BillingProvider client={client} accountId="acct_1" theme="dark">
        {children}
      </BillingProvider>
    </QueryClientProvider>,
  );
}

describe('server rendering: no window during render, skeletons until data arrives', () => {
  test('there is no DOM here', () => {
    expect(typeof window).toBe('undefined');
  });

  test.each([
    [
      'PricingTable',
      <PricingTable key="p" successUrl="https://app.test/ok" cancelUrl="https://app.test/no" />,
      'Loading plans…',
    ],
    [
      'BillingDashboard',
      <BillingDashboard key="d" returnUrl="https://app.test/billing" />,
      'Loading subscription…',
    ],
    ['UsageMeters', <UsageMeters key="u" />, 'Loading usage…'],
    ['BillingAdmin', <BillingAdmin key="a" />, 'Loading metrics…'],
  ])('%s renders to a string', (_name, element, loading) => {
    const html = onServer(element);
    expect(html).toContain(loading);
    expect(html).toContain('data-bk-theme="dark"');
  });
});
