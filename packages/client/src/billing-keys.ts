import type { RouteInput, Routes } from '@billing-kit/contracts';

type QueryOf<Name extends keyof Routes> = Omit<RouteInput<Routes[Name]>, 'accountId'>;

/**
 * Namespaced query keys, so a mutation invalidates exactly what it changed:
 * everything of one account sits under `['billing', 'account', accountId]`.
 */
export const billingKeys = {
  all: ['billing'] as const,
  catalog: () => ['billing', 'catalog'] as const,
  packages: (query: QueryOf<'listPackages'> = {}) => ['billing', 'packages', query] as const,
  me: () => ['billing', 'me'] as const,
  account: (accountId: string) => ['billing', 'account', accountId] as const,
  subscription: (accountId: string) => ['billing', 'account', accountId, 'subscription'] as const,
  entitlements: (accountId: string) => ['billing', 'account', accountId, 'entitlements'] as const,
  usage: (accountId: string, query: QueryOf<'getUsage'> = {}) =>
    ['billing', 'account', accountId, 'usage', query] as const,
  credits: (accountId: string) => ['billing', 'account', accountId, 'credits'] as const,
  ledger: (accountId: string, query: QueryOf<'listLedger'> = {}) =>
    ['billing', 'account', accountId, 'credits', 'ledger', query] as const,
  reservations: (accountId: string) => ['billing', 'account', accountId, 'reservations'] as const,
  autoTopUps: (accountId: string) => ['billing', 'account', accountId, 'auto-top-ups'] as const,
  invoices: (accountId: string, query: QueryOf<'listInvoices'> = {}) =>
    ['billing', 'account', accountId, 'invoices', query] as const,
  purchases: (accountId: string, query: QueryOf<'listPurchases'> = {}) =>
    ['billing', 'account', accountId, 'purchases', query] as const,
  admin: () => ['billing', 'admin'] as const,
  adminCustomers: (query: RouteInput<Routes['adminListCustomers']> = {}) =>
    ['billing', 'admin', 'customers', query] as const,
  adminCustomer: (accountId: string) => ['billing', 'admin', 'customer', accountId] as const,
  adminAudit: (accountId: string, query: QueryOf<'adminListAudit'> = {}) =>
    ['billing', 'admin', 'customer', accountId, 'audit', query] as const,
  adminInvoices: (query: RouteInput<Routes['adminListInvoices']> = {}) =>
    ['billing', 'admin', 'invoices', query] as const,
  adminMetrics: (query: RouteInput<Routes['adminGetMetrics']> = {}) =>
    ['billing', 'admin', 'metrics', query] as const,
};

export type BillingQueryKey = readonly unknown[];

/**
 * Which cached queries a successful mutation makes stale. Prefix keys: invalidating
 * `['billing', 'account', id, 'credits']` also covers its ledger pages.
 */
export function invalidatedBy(mutation: MutationName, input: { accountId?: string }): BillingQueryKey[] {
  const id = input.accountId ?? '';
  const account = billingKeys.account(id);
  const adminOfAccount = [
    billingKeys.adminCustomer(id),
    ['billing', 'admin', 'customers'],
    ['billing', 'admin', 'metrics'],
  ];
  switch (mutation) {
    case 'createCheckoutSession':
    case 'createPortalSession':
      return [];
    case 'previewPlanChange':
      return [];
    case 'changePlan':
    case 'cancelSubscription':
    case 'resumeSubscription':
    case 'addAddOn':
    case 'removeAddOn':
      return [
        billingKeys.subscription(id),
        billingKeys.entitlements(id),
        [...account, 'usage'],
        billingKeys.credits(id),
        [...account, 'invoices'],
        ...adminOfAccount,
      ];
    case 'track':
    case 'trackBatch':
      // Usage that crosses an auto top-up threshold buys credits: its attempts and grants change too.
      return [
        billingKeys.entitlements(id),
        [...account, 'usage'],
        billingKeys.credits(id),
        billingKeys.autoTopUps(id),
      ];
    case 'reserve':
    case 'confirmReservation':
      // A hold moves every balance view (held units are not remaining); a confirmation records usage;
      // either can cross an auto top-up threshold.
      return [
        billingKeys.entitlements(id),
        [...account, 'usage'],
        billingKeys.credits(id),
        billingKeys.reservations(id),
        billingKeys.autoTopUps(id),
      ];
    case 'releaseReservation':
      return [
        billingKeys.entitlements(id),
        [...account, 'usage'],
        billingKeys.credits(id),
        billingKeys.reservations(id),
      ];
    case 'setAutoTopUp':
      // Turning it on below the threshold buys at once: a grant lands beside the setting.
      return [billingKeys.autoTopUps(id), billingKeys.credits(id), billingKeys.entitlements(id)];
    case 'adminGrantCredits':
      return [billingKeys.entitlements(id), billingKeys.credits(id), ...adminOfAccount];
    case 'adminBillUsage':
    case 'adminReconcile':
      return input.accountId ? [account, ...adminOfAccount] : [billingKeys.all];
  }
}

export type MutationName =
  | 'createCheckoutSession'
  | 'createPortalSession'
  | 'previewPlanChange'
  | 'changePlan'
  | 'cancelSubscription'
  | 'resumeSubscription'
  | 'addAddOn'
  | 'removeAddOn'
  | 'track'
  | 'trackBatch'
  | 'reserve'
  | 'confirmReservation'
  | 'releaseReservation'
  | 'setAutoTopUp'
  | 'adminGrantCredits'
  | 'adminBillUsage'
  | 'adminReconcile';
