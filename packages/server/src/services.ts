import type { Catalog } from '@billing-kit/contracts';
import type { Logger } from 'pino';
import type { Database } from './db/database.js';
import type { BillingEngine } from './engine/engine.js';
import type { StripeGateway } from './stripe/stripe-gateway.js';

export type PastDueAccess = 'keep' | 'limit';

/** What the domain runs on: one database handle, one Stripe gateway, a clock and a logger. */
export interface BillingServices {
  db: Database;
  stripe: StripeGateway;
  now: () => Date;
  logger: Logger;
  /** Whether a past-due account keeps access while Stripe retries its payment, or is limited at once. */
  pastDueAccess: PastDueAccess;
  /** Origins checkout and portal may send buyers back to; empty or undefined allows any. */
  returnUrlOrigins?: readonly string[] | undefined;
  /** The live catalog, briefly cached. */
  catalog: () => Promise<Catalog>;
  /** Credits, quotas and usage (issue 5): the same engine host apps may call in-process. */
  engine: BillingEngine;
}
