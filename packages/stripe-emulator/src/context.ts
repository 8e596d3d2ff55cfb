import type Stripe from 'stripe';
import type { EventBus } from './event-bus.js';
import type { CustomerObject } from './objects.js';
import type { StoreCollections } from './store.js';

export interface DunningPolicy {
  /** Days after the first failed renewal attempt on which the invoice is retried. */
  retryDays: number[];
  /** What happens to the subscription when the last retry fails (Stripe's default is to cancel). */
  finalAction: 'cancel' | 'unpaid';
}

/** What every handler and billing function works with. */
export interface EmulatorContext {
  readonly store: StoreCollections;
  readonly events: EventBus;
  readonly dunning: DunningPolicy;
  /** Days before a renewal that `invoice.upcoming` is sent; 0 sends none. */
  readonly upcomingInvoiceDays: number;
  /** Subscriptions being created: their status settles silently, then one `created` event is sent. */
  readonly subscriptionsBeingCreated: Set<string>;
  /** Meter event session tokens (v2 stream auth) → expiry, unix seconds. */
  readonly meterEventSessions: Map<string, number>;
  /** `http://host:port`, known once the server listens. */
  baseUrl: string;
  /** Wall-clock now in unix seconds (the `now` option). */
  realNow(): number;
  /** Marks state as changed so persistence can save it. */
  changed(): void;
}

export function clockTimeFor(context: EmulatorContext, clockId: string | null | undefined): number {
  if (clockId) {
    const clock = context.store.testClocks.get(clockId);
    if (clock) return clock.frozen_time;
  }
  return context.realNow();
}

export function customerClockId(customer: CustomerObject | undefined): string | null {
  const clock = customer?.test_clock;
  if (!clock) return null;
  return typeof clock === 'string' ? clock : clock.id;
}

/** The time an object of this customer lives in: its test clock's frozen time, or now. */
export function nowForCustomer(context: EmulatorContext, customerId: string | null | undefined): number {
  const customer = customerId ? context.store.customers.get(customerId) : undefined;
  return clockTimeFor(context, customerClockId(customer));
}

export function emit(
  context: EmulatorContext,
  type: Stripe.Event.Type,
  object: { object: string },
  created: number,
  before?: unknown,
): void {
  context.events.emit(type, object, created, before);
  context.changed();
}
