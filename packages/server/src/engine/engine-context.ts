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
  /**
   * Called after a spending transaction committed an auto top-up attempt to charge (see
   * `auto-top-up-charge.ts`); the engine sets it to charge in the background.
   */
  onTopUpPending?: ((accountId: string) => void) | undefined;
  /** Told of a failure of work the engine runs after answering (charging auto top-ups); logged by the server. */
  onBackgroundError?: ((error: unknown) => void) | undefined;
  /** Plan rows remembered between track groups (see plan-memory.ts); without it every group reads them. */
  plans?: PlanMemory | undefined;
}
