import { notFound } from '../billing-error.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

export function catalogRoutes(services: BillingServices): RouteHandlers {
  return {
    getCatalog: () => services.catalog(),
    async listPackages({ query }) {
      const catalog = await services.catalog();
      const all = [...catalog.plans, ...catalog.creditPacks, ...catalog.addOns];
      return { data: query.type ? all.filter((item) => item.type === query.type) : all };
    },
    async getPackage({ params }) {
      const catalog = await services.catalog();
      const found = [...catalog.plans, ...catalog.creditPacks, ...catalog.addOns].find(
        (item) => item.id === params.packageId,
      );
      if (!found) throw notFound('Package');
      return found;
    },
  };
}
