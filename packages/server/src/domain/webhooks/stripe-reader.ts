import Stripe from 'stripe';
import type { StripeGateway } from '../../stripe/stripe-gateway.js';

/** Reads Stripe objects for one webhook, each at most once, so they can be fetched before the transaction. */
export interface StripeReader {
  customer(id: string): Promise<Stripe.Customer | null>;
  subscription(id: string): Promise<Stripe.Subscription>;
  invoice(id: string): Promise<Stripe.Invoice>;
}

export function memoizedStripeReader(gateway: StripeGateway): StripeReader {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let pending = cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };
  return {
    customer: (id) =>
      once(`customer:${id}`, () =>
        gateway.call(async (stripe) => {
          try {
            const customer = await stripe.customers.retrieve(id);
            return customer.deleted ? null : customer;
          } catch (error) {
            if (error instanceof Stripe.errors.StripeError && error.code === 'resource_missing') return null;
            throw error;
          }
        }),
      ),
    subscription: (id) =>
      once(`subscription:${id}`, () => gateway.call((stripe) => stripe.subscriptions.retrieve(id))),
    invoice: (id) => once(`invoice:${id}`, () => gateway.call((stripe) => stripe.invoices.retrieve(id))),
  };
}
