'use client';
import type { BillingClient } from '@billing-kit/client';
import type { CurrencyCode } from '@billing-kit/contracts';
import { type QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useContext, useMemo } from 'react';
import { createFormatters, type Formatters } from './format.js';
import { createStrictContext } from './internal/create-strict-context.js';

export type BillingTheme = 'light' | 'dark';

export interface BillingContextValue {
  client: BillingClient;
  /** The account the signed-in user bills; components read and change this account. */
  accountId: string | undefined;
  locale: string;
  currency: CurrencyCode;
  theme: BillingTheme;
  format: Formatters;
  /** How often live data (usage, balances) refreshes, in milliseconds; `false` turns polling off. */
  refreshIntervalMs: number | false;
}

const [BillingContextProvider, useBillingContextStrict] =
  createStrictContext<BillingContextValue>('BillingProvider');

export interface BillingProviderProps {
  client: BillingClient;
  accountId?: string;
  /** BCP 47 locale for money and dates, e.g. `en-GB`, `de-DE`, `ja-JP`. */
  locale?: string;
  /** The currency prices are shown in when a plan has several. */
  currency?: CurrencyCode;
  theme?: BillingTheme;
  /** The host app's QueryClient. Without it, the nearest `QueryClientProvider` is used: one cache per app. */
  queryClient?: QueryClient;
  /** Pin a time zone for dates (tests, screenshots); the user's own by default. */
  timeZone?: string;
  refreshIntervalMs?: number | false;
  children: ReactNode;
}

export function BillingProvider({
  client,
  accountId,
  locale = 'en-US',
  currency = 'USD',
  theme = 'light',
  queryClient,
  timeZone,
  refreshIntervalMs = 30_000,
  children,
}: BillingProviderProps) {
  const ambientQueryClient = useContext(QueryClientContext);
  const value = useMemo<BillingContextValue>(
    () => ({
      client,
      accountId,
      locale,
      currency,
      theme,
      format: createFormatters(locale, timeZone),
      refreshIntervalMs,
    }),
    [client, accountId, locale, currency, theme, timeZone, refreshIntervalMs],
  );
  if (!queryClient && !ambientQueryClient) {
    throw new Error(
      '`BillingProvider` needs a QueryClient: pass `queryClient` or render it inside your `QueryClientProvider`.',
    );
  }
  const provided = <BillingContextProvider value={value}>{children}</BillingContextProvider>;
  return queryClient ? <QueryClientProvider client={queryClient}>{provided}</QueryClientProvider> : provided;
}

export function useBillingContext(consumerName = 'useBillingContext'): BillingContextValue {
  return useBillingContextStrict(consumerName);
}

/** The account a hook works on: its own argument, else the provider's; a missing one is a setup error. */
export function useAccountId(consumerName: string, accountId?: string): string {
  const context = useBillingContext(consumerName);
  const resolved = accountId ?? context.accountId;
  if (!resolved)
    throw new Error(`\`${consumerName}\` needs an accountId: pass one or set it on \`BillingProvider\``);
  return resolved;
}
