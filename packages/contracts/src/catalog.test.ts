import { describe, expect, test } from 'vitest';
import { catalogFromConfig } from './billing-config.js';
import { AddOn, Catalog, CreditPack, Package, Plan, PlanEntitlement } from './catalog.js';
import { demoCatalog } from './demo-catalog.js';
import { Feature } from './features.js';

const catalog = catalogFromConfig(demoCatalog);
const pro = catalog.plans.find((plan) => plan.id === 'pro');
const pack = catalog.creditPacks[0];
const addOn = catalog.addOns[0];

const pathsOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('catalog schemas', () => {
  test('the demo catalog passes every catalog schema', () => {
    expect(Catalog.safeParse(catalog).success).toBe(true);
    for (const item of [...catalog.plans, ...catalog.creditPacks, ...catalog.addOns]) {
      expect(Package.safeParse(item).success).toBe(true);
    }
  });

  test.each([
    [
      'a plan with a price in fractional cents',
      Plan,
      { ...pro, prices: [{ interval: 'month', price: { amount: 39.5, currency: 'USD' } }] },
      'prices.0.price.amount',
    ],
    [
      'a plan with a weekly price',
      Plan,
      { ...pro, prices: [{ interval: 'week', price: { amount: 100, currency: 'USD' } }] },
      'prices.0.interval',
    ],
    ['a plan with a zero-day trial', Plan, { ...pro, trialDays: 0 }, 'trialDays'],
    ['a credit pack of no units', CreditPack, { ...pack, units: 0 }, 'units'],
    ['a credit pack with no price', CreditPack, { ...pack, prices: [] }, 'prices'],
    ['an add-on billed weekly', AddOn, { ...addOn, interval: 'week' }, 'interval'],
    ['a feature of an unknown kind', Feature, { key: 'seats', name: 'Seats', kind: 'seat' }, 'kind'],
    [
      'a metered entitlement with a negative allowance',
      PlanEntitlement,
      { feature: 'credits', kind: 'metered', allowance: -1, reset: 'month', overage: null, rollover: null },
      'allowance',
    ],
    [
      'a metered entitlement resetting hourly',
      PlanEntitlement,
      { feature: 'credits', kind: 'metered', allowance: 5, reset: 'hour', overage: null, rollover: null },
      'reset',
    ],
  ])('refuses %s', (_why, schema, value, field) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(pathsOf(result)).toContain(field);
  });

  test('a package is told apart by its type', () => {
    expect(Package.safeParse({ ...pack, type: 'plan' }).success).toBe(false);
    expect(Package.parse(addOn).type).toBe('add_on');
  });
});
