import type { RouteInput, Routes } from '@billing-kit/contracts';
import { billingKeys } from './billing-keys.js';
import type { BillingClient } from './create-billing-client.js';

type QueryOf<Name extends keyof Routes> = Omit<RouteInput<Routes[Name]>, 'accountId'>;
type QueryFnContext = { signal?: AbortSignal };

/**
 * Query option factories in TanStack Query's shape (`{ queryKey, queryFn }`) with no React and no
 * TanStack import: `useQuery(billingQueries(client).subscription(accountId))`.
 */
export function billingQueries(client: BillingClient) {
  const withSignal = ({ signal }: QueryFnContext) => (signal ? { signal } : {});
  return {
    catalog: () => ({
      queryKey: billingKeys.catalog(),
      queryFn: (context: QueryFnContext) => client.getCatalog({}, withSignal(context)),
    }),
    packages: (query: QueryOf<'listPackages'> = {}) => ({
      queryKey: billingKeys.packages(query),
      queryFn: (context: QueryFnContext) => client.listPackages(query, withSignal(context)),
    }),
    me: () => ({
      queryKey: billingKeys.me(),
      queryFn: (context: QueryFnContext) => client.getMe({}, withSignal(context)),
    }),
    subscription: (accountId: string) => ({
      queryKey: billingKeys.subscription(accountId),
      queryFn: (context: QueryFnContext) => client.getSubscription({ accountId }, withSignal(context)),
    }),
    entitlements: (accountId: string) => ({
      queryKey: billingKeys.entitlements(accountId),
      queryFn: (context: QueryFnContext) => client.getEntitlements({ accountId }, withSignal(context)),
    }),
    usage: (accountId: string, query: QueryOf<'getUsage'> = {}) => ({
      queryKey: billingKeys.usage(accountId, query),
      queryFn: (context: QueryFnContext) => client.getUsage({ accountId, ...query }, withSignal(context)),
    }),
    credits: (accountId: string) => ({
      queryKey: billingKeys.credits(accountId),
      queryFn: (context: QueryFnContext) => client.getCredits({ accountId }, withSignal(context)),
    }),
    ledger: (accountId: string, query: QueryOf<'listLedger'> = {}) => ({
      queryKey: billingKeys.ledger(accountId, query),
      queryFn: (context: QueryFnContext) => client.listLedger({ accountId, ...query }, withSignal(context)),
    }),
    reservations: (accountId: string) => ({
      queryKey: billingKeys.reservations(accountId),
      queryFn: (context: QueryFnContext) => client.listReservations({ accountId }, withSignal(context)),
    }),
    autoTopUps: (accountId: string) => ({
      queryKey: billingKeys.autoTopUps(accountId),
      queryFn: (context: QueryFnContext) => client.getAutoTopUps({ accountId }, withSignal(context)),
    }),
    invoices: (accountId: string, query: QueryOf<'listInvoices'> = {}) => ({
      queryKey: billingKeys.invoices(accountId, query),
      queryFn: (context: QueryFnContext) => client.listInvoices({ accountId, ...query }, withSignal(context)),
    }),
    purchases: (accountId: string, query: QueryOf<'listPurchases'> = {}) => ({
      queryKey: billingKeys.purchases(accountId, query),
      queryFn: (context: QueryFnContext) =>
        client.listPurchases({ accountId, ...query }, withSignal(context)),
    }),
    adminCustomers: (query: RouteInput<Routes['adminListCustomers']> = {}) => ({
      queryKey: billingKeys.adminCustomers(query),
      queryFn: (context: QueryFnContext) => client.adminListCustomers(query, withSignal(context)),
    }),
    adminCustomer: (accountId: string) => ({
      queryKey: billingKeys.adminCustomer(accountId),
      queryFn: (context: QueryFnContext) => client.adminGetCustomer({ accountId }, withSignal(context)),
    }),
    adminAudit: (accountId: string, query: QueryOf<'adminListAudit'> = {}) => ({
      queryKey: billingKeys.adminAudit(accountId, query),
      queryFn: (context: QueryFnContext) =>
        client.adminListAudit({ accountId, ...query }, withSignal(context)),
    }),
    adminInvoices: (query: RouteInput<Routes['adminListInvoices']> = {}) => ({
      queryKey: billingKeys.adminInvoices(query),
      queryFn: (context: QueryFnContext) => client.adminListInvoices(query, withSignal(context)),
    }),
    adminMetrics: (query: RouteInput<Routes['adminGetMetrics']> = {}) => ({
      queryKey: billingKeys.adminMetrics(query),
      queryFn: (context: QueryFnContext) => client.adminGetMetrics(query, withSignal(context)),
    }),
  };
}
