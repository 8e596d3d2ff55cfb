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

  it('names features inside a sentence without breaking acronyms', () => {
    expect(inSentence('Team members')).toBe('team members');
    expect(inSentence('AI tokens')).toBe('AI tokens');
    expect(inSentence('Storage')).toBe('storage');
  });
});
