import { describe, expect, test } from 'vitest';
import { billingKeys, invalidatedBy } from './billing-keys.js';

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((part, index) => JSON.stringify(key[index]) === JSON.stringify(part));

describe('query keys', () => {
  test('everything of an account lives under one prefix', () => {
    const account = billingKeys.account('acc_1');
    for (const key of [
      billingKeys.subscription('acc_1'),
      billingKeys.usage('acc_1', { period: 'previous' }),
      billingKeys.ledger('acc_1', { limit: 10 }),
      billingKeys.invoices('acc_1'),
    ]) {
      expect(startsWith(key, account)).toBe(true);
    }
    expect(startsWith(billingKeys.subscription('acc_2'), account)).toBe(false);
  });

  test('track makes balances and usage stale, but not the subscription or invoices', () => {
    const stale = invalidatedBy('track', { accountId: 'acc_1' });
    const isStale = (key: readonly unknown[]) => stale.some((prefix) => startsWith(key, prefix));
    expect(isStale(billingKeys.credits('acc_1'))).toBe(true);
    expect(isStale(billingKeys.ledger('acc_1', { limit: 5 }))).toBe(true);
    expect(isStale(billingKeys.usage('acc_1', { period: 'current' }))).toBe(true);
    expect(isStale(billingKeys.subscription('acc_1'))).toBe(false);
    expect(isStale(billingKeys.invoices('acc_1'))).toBe(false);
    expect(isStale(billingKeys.credits('acc_2'))).toBe(false);
  });

  test('a plan change refreshes the subscription, entitlements and the admin views of that account', () => {
    const stale = invalidatedBy('changePlan', { accountId: 'acc_1' });
    const isStale = (key: readonly unknown[]) => stale.some((prefix) => startsWith(key, prefix));
    expect(isStale(billingKeys.subscription('acc_1'))).toBe(true);
    expect(isStale(billingKeys.entitlements('acc_1'))).toBe(true);
    expect(isStale(billingKeys.adminCustomer('acc_1'))).toBe(true);
    expect(isStale(billingKeys.adminCustomers({ search: 'ada' }))).toBe(true);
    expect(isStale(billingKeys.catalog())).toBe(false);
  });

  test('reserving, confirming and releasing refresh the balances, usage and reservations of that account', () => {
    for (const mutation of ['reserve', 'confirmReservation', 'releaseReservation'] as const) {
      const stale = invalidatedBy(mutation, { accountId: 'acc_1' });
      const isStale = (key: readonly unknown[]) => stale.some((prefix) => startsWith(key, prefix));
      expect(isStale(billingKeys.credits('acc_1'))).toBe(true);
      expect(isStale(billingKeys.entitlements('acc_1'))).toBe(true);
      expect(isStale(billingKeys.usage('acc_1', { period: 'current' }))).toBe(true);
      expect(isStale(billingKeys.reservations('acc_1'))).toBe(true);
      expect(isStale(billingKeys.subscription('acc_1'))).toBe(false);
      expect(isStale(billingKeys.reservations('acc_2'))).toBe(false);
    }
  });

  test('usage that may cross an auto top-up threshold refreshes the auto top-ups; a release cannot cross', () => {
    for (const mutation of ['track', 'trackBatch', 'reserve', 'confirmReservation'] as const) {
      const stale = invalidatedBy(mutation, { accountId: 'acc_1' });
      expect(stale).toContainEqual(billingKeys.autoTopUps('acc_1'));
    }
    expect(invalidatedBy('releaseReservation', { accountId: 'acc_1' })).not.toContainEqual(
      billingKeys.autoTopUps('acc_1'),
    );
  });

  test('saving an auto top-up refreshes it, the credits it may buy and the entitlements', () => {
    const stale = invalidatedBy('setAutoTopUp', { accountId: 'acc_1' });
    const isStale = (key: readonly unknown[]) => stale.some((prefix) => startsWith(key, prefix));
    expect(isStale(billingKeys.autoTopUps('acc_1'))).toBe(true);
    expect(isStale(billingKeys.credits('acc_1'))).toBe(true);
    expect(isStale(billingKeys.ledger('acc_1', { limit: 5 }))).toBe(true);
    expect(isStale(billingKeys.entitlements('acc_1'))).toBe(true);
    expect(isStale(billingKeys.subscription('acc_1'))).toBe(false);
    expect(isStale(billingKeys.autoTopUps('acc_2'))).toBe(false);
  });

  test('a preview or a checkout start changes nothing cached', () => {
    expect(invalidatedBy('previewPlanChange', { accountId: 'acc_1' })).toEqual([]);
    expect(invalidatedBy('createCheckoutSession', { accountId: 'acc_1' })).toEqual([]);
  });
});
