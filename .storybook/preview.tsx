import '../packages/react/src/styles.css';
import { createBillingClient } from '@billing-kit/client';
import type { CurrencyCode } from '@billing-kit/contracts';
import { createBillingHandlers, type ScenarioName, scenarios } from '@billing-kit/mocks';
import { BillingProvider, type BillingTheme } from '@billing-kit/react';
import type { Decorator, Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { useState } from 'react';

/** What a story says about its data: which mock scenario answers (and so whose account it shows). */
export interface BillingStoryParameters {
  scenario?: ScenarioName;
}

const currencyByLocale: Record<string, CurrencyCode> = {
  'en-US': 'USD',
  'en-GB': 'GBP',
  'de-DE': 'EUR',
  'ja-JP': 'USD',
};

const withBilling: Decorator = (Story, context) => {
  const locale = String(context.globals.locale ?? 'en-US');
  const theme = (context.globals.theme ?? 'light') as BillingTheme;
  const parameters = (context.parameters.billing ?? {}) as BillingStoryParameters;
  // One cache per story render, never retried, so error states show at once.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  const [client] = useState(() =>
    createBillingClient({
      baseUrl: new URL('/api/billing', window.location.href).href,
      retry: { attempts: 1 },
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <BillingProvider
        client={client}
        accountId={scenarios[parameters.scenario ?? 'free'].accountId}
        locale={locale}
        currency={currencyByLocale[locale] ?? 'USD'}
        theme={theme}
        timeZone="UTC"
        refreshIntervalMs={false}
      >
        <div data-bk-theme={theme} style={{ padding: 16, background: 'var(--bk-color-bg)' }}>
          <Story />
        </div>
      </BillingProvider>
    </QueryClientProvider>
  );
};

const preview: Preview = {
  loaders: [mswLoader()],
  beforeEach({ msw, parameters }) {
    const billing = (parameters.billing ?? {}) as BillingStoryParameters;
    msw.use(...createBillingHandlers({ scenario: billing.scenario ?? 'free' }));
  },
  decorators: [withBilling],
  globalTypes: {
    locale: {
      description: 'Locale for money and dates',
      toolbar: { icon: 'globe', items: ['en-US', 'en-GB', 'de-DE', 'ja-JP'], dynamicTitle: true },
    },
    theme: {
      description: 'billing-kit theme',
      toolbar: { icon: 'paintbrush', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en-US', theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
  },
};

export default preview;
