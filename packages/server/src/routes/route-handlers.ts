import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';
import { accountRoutes } from './account-routes.js';
import { adminRoutes } from './admin-routes.js';
import { catalogRoutes } from './catalog-routes.js';
import { creditsRoutes } from './credits-routes.js';
import { meteringRoutes } from './metering-routes.js';
import { subscriptionRoutes } from './subscription-routes.js';

/** Every implemented route of the contract table; a route missing here is not mounted (404). */
export function routeHandlers(services: BillingServices): RouteHandlers {
  return {
    ...catalogRoutes(services),
    ...accountRoutes(services),
    ...subscriptionRoutes(services),
    ...adminRoutes(services),
    ...meteringRoutes(services),
    ...creditsRoutes(services),
  };
}
