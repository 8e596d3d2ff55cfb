import { catalogFromConfig, demoCatalog } from '@billing-kit/contracts';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../format.js';
import { entitlementLines, inSentence } from './entitlement-lines.js';

const format = createFormatters('en-US', 'UTC');
const catalog = catalogFromConfig(demoCatalog);
const plan = (id: string) => catalog.plans.find((candidate) => candidate.id === id);
const lines = (id: string) => entitlementLines(plan(id)?.entitlements ?? [], catalog.features, format);

describe('plan card lines', () => {
  it('says limits the way a person would: the unit once, singular for one', () => {
    expect(lines('free')).toEqual(expect.arrayContaining(['3 team members', '5 projects', '1 GB storage']));
  });

  it('keeps acronyms in unlimited features and lower-cases the rest', () => {
    expect(lines('enterprise')).toEqual(
      expect.arrayContaining([
        'Unlimited credits',
        'Unlimited AI tokens',
        'Unlimited API calls',
        'Unlimited team members',
      ]),
    );
  });

  it('says a rollover beside its allowance, and only on the plan that has one', () => {
    expect(lines('pro').slice(0, 2)).toEqual(['400 credits a month', 'Unused credits roll over (up to 200)']);
    expect(lines('starter').join(' ')).not.toMatch(/roll over/);
  });

  it('says what each feature priced in a credit pool costs, after the pool', () => {
    expect(lines('free').slice(0, 3)).toEqual([
      '5 credits a day',
      'Images: 5 credits each',
      'Messages: 1 credit each',
    ]);
    expect(lines('pro')).toContain('Images: 5 credits each');
    // Unlimited credits: there is nothing to count, so no costs.
    expect(lines('enterprise').join(' ')).not.toMatch(/each/);
  });

  it('names features inside a sentence without breaking acronyms', () => {
    expect(inSentence('Team members')).toBe('team members');
    expect(inSentence('AI tokens')).toBe('AI tokens');
    expect(inSentence('Storage')).toBe('storage');
  });
});
