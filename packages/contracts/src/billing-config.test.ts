import { describe, expect, test } from 'vitest';
import {
  BillingConfigError,
  type BillingConfigInput,
  catalogFromConfig,
  defineBillingConfig,
} from './billing-config.js';
import { Catalog } from './catalog.js';
import { demoCatalog } from './demo-catalog.js';

const minimal: BillingConfigInput = {
  features: {
    credits: { name: 'Credits', kind: 'metered' },
    seats: { name: 'Seats', kind: 'limit' },
    sso: { name: 'SSO', kind: 'boolean' },
  },
  plans: {
    free: { name: 'Free', free: true, entitlements: { credits: { allowance: 5, reset: 'day' } } },
    pro: {
      name: 'Pro',
      prices: { month: { amount: 1000 } },
      entitlements: { seats: { limit: 'unlimited' }, sso: true },
    },
  },
};

function issuesOf(input: BillingConfigInput): string[] {
  try {
    defineBillingConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BillingConfigError);
    return (error as BillingConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('defineBillingConfig', () => {
  test('accepts a minimal config and fills defaults', () => {
    const config = defineBillingConfig(minimal);
    expect(config.currency).toBe('USD');
    expect(config.creditPacks).toEqual({});
    expect(config.plans.pro?.prices.month?.amount).toBe(1000);
  });

  test('names every bad field', () => {
    expect(
      issuesOf({ ...minimal, plans: { ...minimal.plans, other: { name: 'Other', free: true } } }),
    ).toContain('plans: exactly one plan must be free (found 2)');
    expect(
      issuesOf({ ...minimal, plans: { free: { name: 'Free', free: true, entitlements: { bogus: true } } } }),
    ).toContain('plans.free.entitlements.bogus: unknown feature "bogus"');
    expect(
      issuesOf({
        ...minimal,
        plans: { free: { name: 'Free', free: true, entitlements: { credits: true } } },
      }),
    ).toContain(
      'plans.free.entitlements.credits: feature "credits" is metered; give it { allowance, reset }',
    );
    expect(issuesOf({ ...minimal, plans: { ...minimal.plans, team: { name: 'Team' } } })).toContain(
      'plans.team.prices: a paid plan needs a price or contactSales',
    );
    expect(
      issuesOf({
        ...minimal,
        creditPacks: { seats_10: { name: '10 seats', feature: 'seats', units: 10, price: { amount: 100 } } },
      }),
    ).toContain('creditPacks.seats_10.feature: "seats" is not a metered feature');
    expect(issuesOf({ ...minimal, currency: 'usd' }).some((issue) => issue.startsWith('currency:'))).toBe(
      true,
    );
  });

  test('rejects unknown keys rather than ignoring a typo', () => {
    const typo = {
      ...minimal,
      plans: { ...minimal.plans, pro: { name: 'Pro', price: { month: { amount: 1 } } } },
    };
    expect(issuesOf(typo as BillingConfigInput).join('\n')).toMatch(/plans\.pro/);
  });
});

describe('credit systems and rollover in the config', () => {
  const pooled: BillingConfigInput = {
    ...minimal,
    features: {
      ...minimal.features,
      image_generation: { name: 'Images', kind: 'metered', creditCost: { pool: 'credits', amount: 5 } },
    },
  };

  test('a feature priced in a pool is served with its cost and no plan entitlement of its own', () => {
    const catalog = Catalog.parse(catalogFromConfig(defineBillingConfig(pooled)));
    expect(catalog.features.find((feature) => feature.key === 'image_generation')?.creditCost).toEqual({
      pool: 'credits',
      amount: 5,
    });
    const free = catalog.plans.find((plan) => plan.id === 'free');
    expect(free?.entitlements.map((entitlement) => entitlement.feature)).toEqual(['credits', 'seats', 'sso']);
  });

  test('the pool must exist, be metered and not be priced itself; the cost a positive whole number', () => {
    const withImages = (creditCost: { pool: string; amount: number }, kind = 'metered' as const) => ({
      ...minimal,
      features: { ...minimal.features, images: { name: 'Images', kind, creditCost } },
    });
    expect(issuesOf(withImages({ pool: 'nope', amount: 5 }))).toContain(
      'features.images.creditCost.pool: unknown feature "nope"',
    );
    expect(issuesOf(withImages({ pool: 'seats', amount: 5 }))).toContain(
      'features.images.creditCost.pool: the pool "seats" is not a metered feature',
    );
    expect(issuesOf(withImages({ pool: 'credits', amount: 0 }))[0]).toMatch(
      /^features\.images\.creditCost\.amount/,
    );
    expect(issuesOf(withImages({ pool: 'credits', amount: 1.5 }))[0]).toMatch(
      /^features\.images\.creditCost\.amount/,
    );
    expect(
      issuesOf({
        ...pooled,
        features: {
          ...pooled.features,
          videos: { name: 'Videos', kind: 'metered', creditCost: { pool: 'image_generation', amount: 2 } },
        },
      }),
    ).toContain('features.videos.creditCost.pool: the pool "image_generation" is itself priced in a pool');
    expect(
      issuesOf({
        ...pooled,
        plans: {
          ...pooled.plans,
          free: { name: 'Free', free: true, entitlements: { image_generation: { allowance: 5 } } },
        },
      }),
    ).toContain(
      'plans.free.entitlements.image_generation: "image_generation" is priced in "credits"; give the allowance to the pool',
    );
    expect(
      issuesOf({
        ...pooled,
        creditPacks: {
          images: { name: 'Images', feature: 'image_generation', units: 5, price: { amount: 100 } },
        },
      }),
    ).toContain(
      'creditPacks.images.feature: "image_generation" is priced in "credits"; a pack grants the pool',
    );
  });

  test('rollover: max and periods validated; the plan-change policy defaults to keep, set once for the config', () => {
    const rolling = (rollover: Record<string, unknown>, extra: Partial<BillingConfigInput> = {}) =>
      ({
        ...minimal,
        ...extra,
        plans: {
          ...minimal.plans,
          free: {
            name: 'Free',
            free: true,
            entitlements: { credits: { allowance: 5, reset: 'month', rollover } },
          },
        },
      }) as unknown as BillingConfigInput;
    const rolloverOf = (config: BillingConfigInput) =>
      catalogFromConfig(defineBillingConfig(config)).plans[0]?.entitlements.find(
        (entitlement) => entitlement.feature === 'credits',
      );
    expect(rolloverOf(rolling({ max: 200, periods: 2 }))).toMatchObject({
      rollover: { max: 200, periods: 2, onPlanChange: 'keep' },
    });
    expect(rolloverOf(rolling({ max: 200, periods: 2 }, { rolloverOnPlanChange: 'forfeit' }))).toMatchObject({
      rollover: { onPlanChange: 'forfeit' },
    });
    expect(
      rolloverOf(
        rolling({ max: 200, periods: 2, onPlanChange: 'keep' }, { rolloverOnPlanChange: 'forfeit' }),
      ),
    ).toMatchObject({ rollover: { onPlanChange: 'keep' } });
    expect(issuesOf(rolling({ max: 0, periods: 2 }))[0]).toMatch(/^plans\.free\.entitlements\.credits/);
    expect(issuesOf(rolling({ max: 10, periods: 13 }))[0]).toMatch(/^plans\.free\.entitlements\.credits/);
    expect(issuesOf(rolling({ max: 10, periods: 1, extra: true }))[0]).toMatch(
      /^plans\.free\.entitlements\.credits/,
    );
  });
});

describe('catalogFromConfig', () => {
  test('serves what the API promises, listing every feature on every plan', () => {
    const catalog = Catalog.parse(catalogFromConfig(defineBillingConfig(minimal)));
    const free = catalog.plans.find((plan) => plan.id === 'free');
    expect(free?.entitlements.map((entitlement) => entitlement.feature)).toEqual(['credits', 'seats', 'sso']);
    expect(free?.entitlements.find((entitlement) => entitlement.feature === 'sso')).toEqual({
      feature: 'sso',
      kind: 'boolean',
      enabled: false,
    });
    const pro = catalog.plans.find((plan) => plan.id === 'pro');
    expect(pro?.entitlements.find((entitlement) => entitlement.feature === 'seats')).toMatchObject({
      limit: null,
    });
    expect(pro?.rank).toBeGreaterThan(free?.rank ?? Number.POSITIVE_INFINITY);
  });
});

describe('the demo catalog exercises every concept of SPEC §1', () => {
  const catalog = Catalog.parse(catalogFromConfig(demoCatalog));
  const plan = (id: string) => {
    const found = catalog.plans.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no plan ${id}`);
    return found;
  };
  const credits = (id: string) =>
    plan(id).entitlements.find((entitlement) => entitlement.feature === 'credits');

  test('free tier with daily credits and static limits', () => {
    expect(plan('free').isFree).toBe(true);
    expect(credits('free')).toMatchObject({ allowance: 5, reset: 'day' });
    expect(plan('free').entitlements).toContainEqual({ feature: 'team_members', kind: 'limit', limit: 3 });
  });

  test('monthly and yearly prices, with monthly credit resets on both', () => {
    expect(plan('pro').prices).toContainEqual({
      interval: 'month',
      price: { amount: 3900, currency: 'USD' },
    });
    expect(plan('pro').prices).toContainEqual({
      interval: 'year',
      price: { amount: 39000, currency: 'USD' },
    });
    expect(plan('pro').prices.some((price) => price.price.currency === 'EUR')).toBe(true);
    expect(credits('ultimate')).toMatchObject({ allowance: 2000, reset: 'month' });
    expect(plan('pro').trialDays).toBe(14);
  });

  test('unlimited is explicit, and enterprise is contact sales', () => {
    expect(plan('ultimate').entitlements).toContainEqual(
      expect.objectContaining({ feature: 'tokens', allowance: null }),
    );
    expect(plan('enterprise').contactSales?.label).toBe('Contact sales');
    expect(plan('enterprise').prices).toEqual([]);
    expect(plan('enterprise').entitlements).toContainEqual({
      feature: 'sso',
      kind: 'boolean',
      enabled: true,
    });
  });

  test('a credit system prices images and chat messages in credits; Pro rolls credits over', () => {
    expect(
      catalog.features
        .filter((feature) => feature.creditCost)
        .map((feature) => [feature.key, feature.creditCost]),
    ).toEqual([
      ['image_generation', { pool: 'credits', amount: 5 }],
      ['chat_message', { pool: 'credits', amount: 1 }],
    ]);
    expect(credits('pro')).toMatchObject({ rollover: { max: 200, periods: 2, onPlanChange: 'keep' } });
    expect(credits('starter')).toMatchObject({ rollover: null });
  });

  test('credit packs expire, add-ons recur, voice words bill $1.00 per 1,000', () => {
    expect(catalog.creditPacks.map((pack) => [pack.units, pack.expiresInDays])).toEqual([
      [50, 90],
      [100, 90],
      [250, 120],
    ]);
    expect(catalog.addOns.map((addOn) => addOn.id)).toEqual([
      'extra_storage',
      'priority_support',
      'advanced_integrations',
    ]);
    expect(catalog.addOns[0]?.entitlements).toEqual([{ feature: 'storage_gb', kind: 'limit', limit: 10 }]);
    expect(plan('pro').entitlements).toContainEqual(
      expect.objectContaining({
        feature: 'voice_words',
        overage: { price: { amount: 100, currency: 'USD' }, per: 1000 },
      }),
    );
  });
});
