'use client';
import { billingKeys, billingQueries } from '@billing-kit/client';
import type { RouteInput, Routes } from '@billing-kit/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAccountId, useBillingContext } from '../billing-provider.js';

type QueryOf<Name extends keyof Routes> = Omit<RouteInput<Routes[Name]>, 'accountId'>;

function useQueries(consumerName: string) {
  const { client, refreshIntervalMs } = useBillingContext(consumerName);
  const queries = useMemo(() => billingQueries(client), [client]);
  return { queries, refreshIntervalMs };
}

/** The catalog: features, plans, credit packs and add-ons. Rarely changes, so it stays fresh for minutes. */
export function usePlans() {
  const { queries } = useQueries('usePlans');
  return useQuery({ ...queries.catalog(), staleTime: 5 * 60_000 });
}

export function useMe() {
  const { queries } = useQueries('useMe');
  return useQuery(queries.me());
}

export function useSubscription(accountId?: string) {
  const { queries } = useQueries('useSubscription');
  return useQuery(queries.subscription(useAccountId('useSubscription', accountId)));
}

/** Live: refreshes on an interval and when the window regains focus. */
export function useEntitlements(accountId?: string) {
  const { queries, refreshIntervalMs } = useQueries('useEntitlements');
  return useQuery({
    ...queries.entitlements(useAccountId('useEntitlements', accountId)),
    refetchInterval: refreshIntervalMs,
    refetchOnWindowFocus: true,
  });
}

/** Live: refreshes on an interval and when the window regains focus. */
export function useUsage(query: QueryOf<'getUsage'> = {}, accountId?: string) {
  const { queries, refreshIntervalMs } = useQueries('useUsage');
  return useQuery({
    ...queries.usage(useAccountId('useUsage', accountId), query),
    refetchInterval: refreshIntervalMs,
    refetchOnWindowFocus: true,
  });
}

export function useCredits(accountId?: string) {
  const { queries, refreshIntervalMs } = useQueries('useCredits');
  return useQuery({
    ...queries.credits(useAccountId('useCredits', accountId)),
    refetchInterval: refreshIntervalMs,
    refetchOnWindowFocus: true,
  });
}

/** The account's live reservations (held and not expired). Live, like the balances they hold from. */
export function useReservations(accountId?: string) {
  const { queries, refreshIntervalMs } = useQueries('useReservations');
  return useQuery({
    ...queries.reservations(useAccountId('useReservations', accountId)),
    refetchInterval: refreshIntervalMs,
    refetchOnWindowFocus: true,
  });
}

/**
 * The account's auto top-ups, one per feature, and the recent attempts (newest first). Live, like the
 * balances a crossing tops up.
 */
export function useAutoTopUps(accountId?: string) {
  const { queries, refreshIntervalMs } = useQueries('useAutoTopUps');
  return useQuery({
    ...queries.autoTopUps(useAccountId('useAutoTopUps', accountId)),
    refetchInterval: refreshIntervalMs,
    refetchOnWindowFocus: true,
  });
}

export function useLedger(query: QueryOf<'listLedger'> = {}, accountId?: string) {
  const { queries } = useQueries('useLedger');
  return useQuery({
    ...queries.ledger(useAccountId('useLedger', accountId), query),
    placeholderData: keepPreviousData,
  });
}

export function useInvoices(query: QueryOf<'listInvoices'> = {}, accountId?: string) {
  const { queries } = useQueries('useInvoices');
  return useQuery({
    ...queries.invoices(useAccountId('useInvoices', accountId), query),
    placeholderData: keepPreviousData,
  });
}

export function usePurchases(query: QueryOf<'listPurchases'> = {}, accountId?: string) {
  const { queries } = useQueries('usePurchases');
  return useQuery({
    ...queries.purchases(useAccountId('usePurchases', accountId), query),
    placeholderData: keepPreviousData,
  });
}

export function useAdminCustomers(query: RouteInput<Routes['adminListCustomers']> = {}) {
  const { queries } = useQueries('useAdminCustomers');
  return useQuery({ ...queries.adminCustomers(query), placeholderData: keepPreviousData });
}

export function useAdminCustomer(accountId: string) {
  const { queries } = useQueries('useAdminCustomer');
  return useQuery(queries.adminCustomer(accountId));
}

export function useAdminInvoices(query: RouteInput<Routes['adminListInvoices']> = {}) {
  const { queries } = useQueries('useAdminInvoices');
  return useQuery({ ...queries.adminInvoices(query), placeholderData: keepPreviousData });
}

export function useAdminMetrics(query: RouteInput<Routes['adminGetMetrics']> = {}) {
  const { queries } = useQueries('useAdminMetrics');
  return useQuery(queries.adminMetrics(query));
}

/** Admin customers as an infinite list: pages load as the table scrolls, cursors from the server. */
export function useAdminCustomersInfinite(
  query: Omit<RouteInput<Routes['adminListCustomers']>, 'cursor'> = {},
) {
  const { client } = useBillingContext('useAdminCustomersInfinite');
  return useInfiniteQuery({
    queryKey: [...billingKeys.adminCustomers(query), 'infinite'],
    queryFn: ({ pageParam, signal }) =>
      client.adminListCustomers({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAdminAudit(accountId: string, query: QueryOf<'adminListAudit'> = {}) {
  const { queries } = useQueries('useAdminAudit');
  return useQuery(queries.adminAudit(accountId, query));
}
