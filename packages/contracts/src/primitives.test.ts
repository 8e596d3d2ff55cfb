import { describe, expect, test } from 'vitest';
import { CurrencyCode, Metadata, Money, Slug, Timestamp } from './primitives.js';

describe('Money', () => {
  test('is integer minor units plus an ISO currency', () => {
    expect(Money.parse({ amount: 3900, currency: 'USD' })).toEqual({ amount: 3900, currency: 'USD' });
    expect(Money.safeParse({ amount: -500, currency: 'EUR' }).success).toBe(true);
  });
  test.each([
    [{ amount: 39.5, currency: 'USD' }, 'fractional minor units'],
    [{ amount: '3900', currency: 'USD' }, 'a string amount'],
    [{ amount: 3900, currency: 'usd' }, 'a lower-case currency'],
    [{ amount: 3900, currency: 'DOLLARS' }, 'a non-ISO currency'],
    [{ amount: 3900 }, 'no currency'],
  ])('rejects %j (%s)', (value, _why) => {
    expect(Money.safeParse(value).success).toBe(false);
  });
});

describe('Timestamp', () => {
  test('takes ISO strings with an offset', () => {
    expect(Timestamp.safeParse('2026-11-23T18:46:00.000Z').success).toBe(true);
    expect(Timestamp.safeParse('2026-11-23T19:46:00+01:00').success).toBe(true);
  });
  test.each(['2026-11-23', '2026-11-23T18:46:00', 'yesterday', 1764000000])('rejects %j', (value) => {
    expect(Timestamp.safeParse(value).success).toBe(false);
  });
});

describe('Slug, CurrencyCode and Metadata', () => {
  test('slugs are lower snake case starting with a letter', () => {
    expect(Slug.safeParse('api_calls').success).toBe(true);
    for (const bad of ['', 'API', '1st', 'with-dash', 'a'.repeat(65)])
      expect(Slug.safeParse(bad).success).toBe(false);
  });
  test('currency codes are three upper-case letters', () => {
    expect(CurrencyCode.safeParse('JPY').success).toBe(true);
    expect(CurrencyCode.safeParse('JP').success).toBe(false);
  });
  test('metadata keeps Stripe’s limits', () => {
    expect(Metadata.safeParse({ source: 'web' }).success).toBe(true);
    expect(Metadata.safeParse({ k: 'x'.repeat(501) }).success).toBe(false);
    expect(
      Metadata.safeParse(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))).success,
    ).toBe(false);
  });
});
