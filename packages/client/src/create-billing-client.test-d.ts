import type {
  AutoTopUp,
  AutoTopUps,
  CheckoutSession,
  ReservationResult,
  Subscription,
  TrackResult,
} from '@billing-kit/contracts';
import { describe, expectTypeOf, test } from 'vitest';
import { type BillingClient, createBillingClient } from './create-billing-client.js';

const client: BillingClient = createBillingClient({ baseUrl: 'http://localhost/api/billing' });

describe('the client infers every method from the contracts', () => {
  test('outputs are the schemas’ types', () => {
    expectTypeOf(client.getSubscription).returns.resolves.toEqualTypeOf<Subscription>();
    expectTypeOf(client.track).returns.resolves.toEqualTypeOf<TrackResult>();
    expectTypeOf(client.createCheckoutSession).returns.resolves.toEqualTypeOf<CheckoutSession>();
    expectTypeOf(client.reserve).returns.resolves.toEqualTypeOf<ReservationResult>();
    expectTypeOf(client.confirmReservation).returns.resolves.toEqualTypeOf<ReservationResult>();
    expectTypeOf(client.getAutoTopUps).returns.resolves.toEqualTypeOf<AutoTopUps>();
    expectTypeOf(client.setAutoTopUp).returns.resolves.toEqualTypeOf<AutoTopUp>();
  });

  test('inputs flatten params, query and body, with defaults optional', () => {
    expectTypeOf(client.listInvoices)
      .parameter(0)
      .toEqualTypeOf<{ accountId: string; cursor?: string; limit?: number }>();
    expectTypeOf(client.track).parameter(0).toHaveProperty('feature').toEqualTypeOf<string>();
    expectTypeOf(client.check).parameter(0).toHaveProperty('amount').toEqualTypeOf<number | undefined>();
    expectTypeOf(client.reserve)
      .parameter(0)
      .toHaveProperty('ttlSeconds')
      .toEqualTypeOf<number | undefined>();
    expectTypeOf(client.confirmReservation)
      .parameter(0)
      .toEqualTypeOf<{ accountId: string; reservationId: string; amount: number }>();
    expectTypeOf(client.setAutoTopUp).parameter(0).toEqualTypeOf<{
      accountId: string;
      feature: string;
      enabled: boolean;
      packId: string;
      quantity?: number | undefined;
      threshold: number;
      maxPerMonth: number;
    }>();
  });

  test('routes without required input may be called bare; others may not', () => {
    void client.getCatalog();
    void client.adminListCustomers();
    // @ts-expect-error accountId is required
    void client.getSubscription();
    const gift = { accountId: 'a', item: { kind: 'gift' as const }, successUrl: 'https://x.test' };
    // @ts-expect-error a gift is not a checkout item
    void client.createCheckoutSession(gift);
    // @ts-expect-error limit is a number
    void client.listInvoices({ accountId: 'a', limit: 'ten' });
  });
});
