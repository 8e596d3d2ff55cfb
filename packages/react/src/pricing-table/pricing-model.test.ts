import { catalogFromConfig, demoCatalog, type Subscription } from '@billing-kit/contracts';
import { describe, expect, test } from 'vitest';
import { bestYearlySaving, planAction, planPrice, yearlySaving } from './pricing-model.js';

const { plans } = catalogFromConfig(demoCatalog);
const plan = (id: string) =>
  plans.find((candidate) => candidate.id === id) ?? expect.unreachable(`no plan ${id}`);
const on = (
  planId: string,
  status: Subscription['status'],
  interval: Subscription['interval'] = 'month',
): Subscription => ({
  accountId: 'acc_1',
  planId,
  planName: planId,
  status,
  interval,
  price: null,
  currentPeriodStart: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  canceledAt: null,
  trialEnd: null,
  addOns: [],
  accessLimited: false,
});

describe('the right action per plan card', () => {
  test('on the free tier: free is current, Pro offers its trial, others subscribe, enterprise is sales', () => {
    const free = on('free', 'free', null);
    expect(planAction(plan('free'), plans, free, 'month')).toBe('current');
    expect(planAction(plan('pro'), plans, free, 'month')).toBe('start_trial');
    expect(planAction(plan('starter'), plans, free, 'month')).toBe('subscribe');
    expect(planAction(plan('enterprise'), plans, free, 'month')).toBe('contact_sales');
  });

  test('on Pro monthly: richer plans upgrade, cheaper downgrade, free cancels, yearly Pro switches period', () => {
    const pro = on('pro', 'active');
    expect(planAction(plan('pro'), plans, pro, 'month')).toBe('current');
    expect(planAction(plan('pro'), plans, pro, 'year')).toBe('switch_interval');
    expect(planAction(plan('ultimate'), plans, pro, 'month')).toBe('upgrade');
    expect(planAction(plan('starter'), plans, pro, 'month')).toBe('downgrade');
    expect(planAction(plan('free'), plans, pro, 'month')).toBe('downgrade_to_free');
  });

  test('a canceled subscription is back on the free tier', () => {
    expect(planAction(plan('pro'), plans, on('free', 'canceled'), 'month')).toBe('start_trial');
  });
});

describe('prices and savings', () => {
  test('prices pick the wanted currency, falling back to the first', () => {
    expect(planPrice(plan('pro'), 'month', 'EUR')).toEqual({ amount: 3600, currency: 'EUR' });
    expect(planPrice(plan('pro'), 'year', 'CHF')).toEqual({ amount: 39000, currency: 'USD' });
    expect(planPrice(plan('enterprise'), 'month', 'USD')).toBeNull();
  });

  test('yearly saving is against twelve monthly payments', () => {
    expect(yearlySaving(plan('pro'), 'USD')).toBeCloseTo(1 - 39000 / (3900 * 12));
    expect(yearlySaving(plan('free'), 'USD')).toBeNull();
    expect(bestYearlySaving(plans, 'USD')).toBeCloseTo(0.1667, 3);
  });
});
