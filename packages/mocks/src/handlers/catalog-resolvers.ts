import { fail } from '../mock-api-error.js';
import type { MockStore } from '../store/mock-store.js';
import type { BillingResolvers } from './billing-resolvers.js';

type CatalogRoutes = 'getCatalog' | 'listPackages' | 'getPackage';

export function catalogResolvers(store: MockStore): Pick<BillingResolvers, CatalogRoutes> {
  const packages = () => [...store.catalog.plans, ...store.catalog.creditPacks, ...store.catalog.addOns];
  return {
    getCatalog: () => store.catalog,
    listPackages: ({ query }) => ({
      data: packages().filter((item) => query.type === undefined || item.type === query.type),
    }),
    getPackage: ({ params }) =>
      packages().find((item) => item.id === params.packageId) ??
      fail('not_found', `No package "${params.packageId}"`),
  };
}
