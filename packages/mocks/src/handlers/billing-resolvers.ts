import type { RouteName } from '@billing-kit/contracts';
import type { MockResolver } from '../mock-route.js';

/** One resolver per route of the contract; the type refuses to compile while any route is missing. */
export type BillingResolvers = { [Name in RouteName]: MockResolver<Name> };
