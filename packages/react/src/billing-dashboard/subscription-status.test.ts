import type { Subscription } from '@billing-kit/contracts';
import { describe, expect, test } from 'vitest';
import { createFormatters } from '../format.js';
import { subscriptionStatus } from './subscription-status.js';

const format = createFormatters('en-US', 'UTC');
const now = Date.parse('2026-11-23T12:00:00.000Z');
const base: Subscription = {
  accountId: 'acc_1',
  planId: 'pro',
  planName: 'Pro',
  status: 'active',
  interval: 'month',
  price: { amount: 3900, currency: 'USD' },
  currentPeriodStart: '2026-11-10T12:00:00.000Z',
  currentPeriodEnd: '2026-12-10T12:00:00.000Z',
  cancelAtPeriodEnd: false,
  canceledAt: null,
  trialEnd: null,
  addOns: [],
  accessLimited: false,
};

describe('subscription status as a person reads it', () => {
  test('trialing counts the days left', () => {
    expect(
      subscriptionStatus({ ...base, status: 'trialing', trialEnd: '2026-12-05T12:00:00.000Z' }, format, now),
    ).toEqual({
      label: 'Trial',
      tone: 'ok',
      detail: '12 days left in your trial, first payment on Dec 5, 2026',
    });
  });
  test('active renews, canceling ends, past due asks for a new card', () => {
    expect(subscriptionStatus(base, format, now).detail).toBe('Renews on Dec 10, 2026');
    expect(subscriptionStatus({ ...base, cancelAtPeriodEnd: true }, format, now)).toMatchObject({
      label: 'Canceling',
      detail: 'Ends on Dec 10, 2026, then moves to the free plan.',
    });
    expect(subscriptionStatus({ ...base, status: 'past_due' }, format, now)).toMatchObject({
      label: 'Past due',
      tone: 'danger',
    });
    expect(subscriptionStatus({ ...base, status: 'canceled' }, format, now).label).toBe('Canceled');
    expect(subscriptionStatus({ ...base, status: 'free', interval: null }, format, now).label).toBe(
      'Free plan',
    );
  });
});
