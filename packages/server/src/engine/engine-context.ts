import type { Catalog } from '@billing-kit/contracts';
import type { Database } from '../db/database.js';
import type { StripeGateway } from '../stripe/stripe-gateway.js';
import type { PlanMemory } from './plan-memory.js';

/** What the engine runs on: a database, the live catalog, a clock and (for usage billing) Stripe. */
export interface EngineContext {
  db: Database;
  catalog: () => Promise<Catalog>;
  now: () => Date;
  stripe?: StripeGateway | undefined;
  /** Plan rows remembered between track groups (see plan-memory.ts); without it every group reads them. */
  plans?: PlanMemory | undefined;
}
