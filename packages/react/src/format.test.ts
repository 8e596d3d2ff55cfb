import { describe, expect, test } from 'vitest';
import { createFormatters, currencyDigits } from './format.js';

const at = '2026-11-23T18:46:00.000Z';

describe('money and dates through Intl, per locale', () => {
  test.each([
    ['en-US', { amount: 3900, currency: 'USD' }, '$39.00'],
    ['en-GB', { amount: 3200, currency: 'GBP' }, '£32.00'],
    ['de-DE', { amount: 3600, currency: 'EUR' }, '36,00 €'],
    ['ja-JP', { amount: 3900, currency: 'JPY' }, '￥3,900'],
  ])('%s formats %j as %s', (locale, money, expected) => {
    expect(
      createFormatters(locale)
        .money(money)
        .replace(/\u00a0/g, ' '),
    ).toBe(expected);
  });

  test('minor units follow the currency (JPY has none, KWD three)', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  test.each([
    ['en-US', 'Nov 23, 2026'],
    ['en-GB', '23 Nov 2026'],
    ['de-DE', '23.11.2026'],
    ['ja-JP', '2026/11/23'],
  ])('%s dates read %s', (locale, expected) => {
    expect(createFormatters(locale, 'UTC').date(at)).toBe(expected);
  });

  test('numbers group by locale', () => {
    expect(createFormatters('de-DE').number(1_000_000)).toBe('1.000.000');
    expect(createFormatters('en-US').number(1_000_000, { compact: true })).toBe('1M');
  });
});
