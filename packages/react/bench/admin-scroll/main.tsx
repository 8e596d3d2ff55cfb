// The benchmark page: BillingAdmin alone (no Storybook runtime) on the mocks' `admin` scenario in a
// service worker, in production React.
import '../../src/styles.css';
import { createBillingClient } from '@billing-kit/client';
import { setupBillingWorker } from '@billing-kit/mocks/browser';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { BillingAdmin, BillingProvider } from '../../src/index.js';

const worker = setupBillingWorker({ scenario: 'admin' });
await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
const client = createBillingClient({ baseUrl: new URL('/api/billing', location.href).href });
createRoot(document.getElementById('root') as HTMLElement).render(
  <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
    <BillingProvider client={client} accountId="acct_admin" refreshIntervalMs={false}>
      <BillingAdmin />
    </BillingProvider>
  </QueryClientProvider>,
);
