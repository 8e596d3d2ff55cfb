import type { HttpMethod } from './route.js';
import type { RouteName, Routes } from './routes.js';

/**
 * What a client needs of a route at run time, and nothing else: no schemas, so a browser bundle that
 * calls the API ships no zod. Path params are the path's `:names`; `query` lists the input keys sent in
 * the query string; with `body`, the remaining keys go in a JSON body.
 */
export interface RouteManifestEntry {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: readonly string[];
  readonly body?: true;
}

type Manifest = { readonly [Name in RouteName]: RouteManifestEntry & Pick<Routes[Name], 'method' | 'path'> };

const page = ['cursor', 'limit'] as const;

/**
 * The route table (`routes`) reduced to its wire: the compiler holds each method and path to the table,
 * and a test holds the query keys and bodies to its schemas.
 */
export const routeManifest = {
  getCatalog: { method: 'GET', path: '/catalog' },
  listPackages: { method: 'GET', path: '/packages', query: ['type'] },
  getPackage: { method: 'GET', path: '/packages/:packageId' },
  getMe: { method: 'GET', path: '/me' },
  getSubscription: { method: 'GET', path: '/accounts/:accountId/subscription' },
  getEntitlements: { method: 'GET', path: '/accounts/:accountId/entitlements' },
  getUsage: { method: 'GET', path: '/accounts/:accountId/usage', query: ['period', 'from', 'to', 'feature'] },
  getCredits: { method: 'GET', path: '/accounts/:accountId/credits' },
  listLedger: { method: 'GET', path: '/accounts/:accountId/credits/ledger', query: [...page, 'feature'] },
  listInvoices: { method: 'GET', path: '/accounts/:accountId/invoices', query: page },
  listPurchases: { method: 'GET', path: '/accounts/:accountId/purchases', query: page },
  createCheckoutSession: { method: 'POST', path: '/accounts/:accountId/checkout', body: true },
  createPortalSession: { method: 'POST', path: '/accounts/:accountId/portal', body: true },
  previewPlanChange: { method: 'POST', path: '/accounts/:accountId/subscription/preview-change', body: true },
  changePlan: { method: 'POST', path: '/accounts/:accountId/subscription/change', body: true },
  cancelSubscription: { method: 'POST', path: '/accounts/:accountId/subscription/cancel', body: true },
  resumeSubscription: { method: 'POST', path: '/accounts/:accountId/subscription/resume' },
  addAddOn: { method: 'POST', path: '/accounts/:accountId/subscription/add-ons', body: true },
  removeAddOn: { method: 'DELETE', path: '/accounts/:accountId/subscription/add-ons/:addOnId' },
  check: { method: 'POST', path: '/accounts/:accountId/check', body: true },
  track: { method: 'POST', path: '/accounts/:accountId/track', body: true },
  trackBatch: { method: 'POST', path: '/accounts/:accountId/track/batch', body: true },
  reserve: { method: 'POST', path: '/accounts/:accountId/reservations', body: true },
  listReservations: { method: 'GET', path: '/accounts/:accountId/reservations' },
  confirmReservation: {
    method: 'POST',
    path: '/accounts/:accountId/reservations/:reservationId/confirm',
    body: true,
  },
  releaseReservation: { method: 'POST', path: '/accounts/:accountId/reservations/:reservationId/release' },
  getAutoTopUps: { method: 'GET', path: '/accounts/:accountId/auto-top-ups' },
  setAutoTopUp: { method: 'PUT', path: '/accounts/:accountId/auto-top-ups/:feature', body: true },
  adminListCustomers: {
    method: 'GET',
    path: '/admin/customers',
    query: [...page, 'search', 'planId', 'status', 'sort', 'order'],
  },
  adminGetCustomer: { method: 'GET', path: '/admin/customers/:accountId' },
  adminListAudit: { method: 'GET', path: '/admin/customers/:accountId/audit', query: page },
  adminGrantCredits: { method: 'POST', path: '/admin/customers/:accountId/credits', body: true },
  adminListInvoices: { method: 'GET', path: '/admin/invoices', query: [...page, 'accountId', 'status'] },
  adminGetMetrics: { method: 'GET', path: '/admin/metrics', query: ['from', 'to', 'granularity'] },
  adminBillUsage: { method: 'POST', path: '/admin/usage/bill', body: true },
  adminReconcile: { method: 'POST', path: '/admin/reconcile', body: true },
} as const satisfies Manifest;
