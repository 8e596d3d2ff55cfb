import {
  type AccountRole,
  type Catalog,
  catalogFromConfig,
  demoCatalog,
  type ErrorCode,
} from '@billing-kit/contracts';
import { DEFAULT_NOW } from '../scenarios/scenario-clock.js';
import { type ScenarioName, scenarios } from '../scenarios/scenarios.js';
import { hashSeed } from '../seeded-random.js';
import { completeCheckoutSession } from './checkout-sessions.js';
import type { AccountRecord, CheckoutSessionRecord, IdempotentAnswer } from './store-types.js';

export { DEFAULT_NOW };

export interface MockStoreOptions {
  /** The store's clock; it never moves on its own. Defaults to `DEFAULT_NOW`. */
  now?: Date | string | number;
  /** Overrides the scenario's delay before each answer, in milliseconds. */
  delayMs?: number;
}

export interface MockStore {
  readonly scenario: ScenarioName;
  /** The account `getMe` answers with: the caller's own account. */
  readonly accountId: string;
  readonly userId: string;
  readonly role: AccountRole;
  /** The store's fixed clock, epoch milliseconds. Every mutation happens at this instant. */
  readonly now: number;
  readonly catalog: Catalog;
  readonly accounts: Map<string, AccountRecord>;
  readonly failure: ErrorCode | null;
  delayMs: number;
  readonly idempotency: Map<string, IdempotentAnswer>;
  readonly checkoutSessions: Map<string, CheckoutSessionRecord>;
  /** A new id, deterministic for the same sequence of calls. */
  nextId(prefix: string): string;
  /** Completes a Checkout Session as Stripe's webhook would: subscribes, grants the pack or adds the add-on. */
  completeCheckout(sessionId: string): void;
}

function toEpoch(now: Date | string | number): number {
  const at = now instanceof Date ? now.getTime() : typeof now === 'string' ? Date.parse(now) : now;
  if (Number.isNaN(at)) throw new Error(`Invalid mock store clock: ${String(now)}`);
  return at;
}

/** Builds the in-memory billing state of a named scenario from the demo catalog. */
export function createMockStore(scenario: ScenarioName = 'free', options: MockStoreOptions = {}): MockStore {
  const definition = scenarios[scenario];
  if (!definition) throw new Error(`Unknown mock scenario "${scenario}"`);
  let sequence = 0;
  const store: MockStore = {
    scenario,
    accountId: definition.accountId,
    userId: definition.userId,
    role: definition.role,
    now: toEpoch(options.now ?? DEFAULT_NOW),
    catalog: catalogFromConfig(demoCatalog),
    accounts: new Map(),
    failure: definition.failure,
    delayMs: options.delayMs ?? definition.delayMs,
    idempotency: new Map(),
    checkoutSessions: new Map(),
    nextId: (prefix) => `${prefix}_mock${String(++sequence).padStart(6, '0')}`,
    completeCheckout: (sessionId) => completeCheckoutSession(store, sessionId),
  };
  definition.build({ store, seed: hashSeed(scenario) });
  return store;
}
