import type { AccountEntitlement } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { metersOf } from './meters-of.js';

const entitlement = (feature: string, extra: Partial<AccountEntitlement> = {}): AccountEntitlement => ({
  feature,
  name: feature,
  kind: 'metered',
  enabled: true,
  unlimited: false,
  limit: 400,
  used: 10,
  remaining: 390,
  resetsAt: null,
  overageAllowed: false,
  ...extra,
});

describe('metersOf', () => {
  const all = [
    entitlement('credits'),
    entitlement('image_generation', { creditCost: { pool: 'credits', amount: 5 } }),
    entitlement('sso', { kind: 'boolean' }),
    entitlement('projects', { kind: 'limit' }),
    entitlement('tokens', { enabled: false }),
  ];

  it('draws metered and limit features, leaving out booleans, disabled ones and features priced in a pool', () => {
    expect(metersOf(all).map((item) => item.feature)).toEqual(['credits', 'projects']);
  });

  it('draws exactly the features asked for, in that order, a priced one included', () => {
    expect(metersOf(all, ['image_generation', 'credits']).map((item) => item.feature)).toEqual([
      'image_generation',
      'credits',
    ]);
  });
});
