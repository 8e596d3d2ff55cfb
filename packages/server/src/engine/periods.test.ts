import { describe, expect, it } from 'vitest';
import { addMonths, periodAt } from './periods.js';

const at = (iso: string) => new Date(iso);

describe('allowance periods', () => {
  it('daily periods are UTC days', () => {
    const period = periodAt('day', at('2026-11-23T23:59:59.999Z'), null);
    expect(period.start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('monthly periods of the free tier are calendar months', () => {
    const period = periodAt('month', at('2026-12-31T23:00:00Z'), null);
    expect(period.start.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(period.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('yearly plans reset monthly, anchored to the subscription start, clamping short months', () => {
    const anchor = { startedAt: at('2026-01-31T10:00:00Z'), interval: 'year' as const, currentPeriod: null };
    const february = periodAt('month', at('2026-03-01T00:00:00Z'), anchor);
    expect(february.start.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(february.end.toISOString()).toBe('2026-03-31T10:00:00.000Z');
    const billing = periodAt('billing_period', at('2026-06-01T00:00:00Z'), anchor);
    expect(billing.start.toISOString()).toBe('2026-01-31T10:00:00.000Z');
    expect(billing.end.toISOString()).toBe('2027-01-31T10:00:00.000Z');
  });

  it('adds months with the anchor day clamped', () => {
    expect(addMonths(at('2024-01-31T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addMonths(at('2024-01-31T00:00:00Z'), -2).toISOString()).toBe('2023-11-30T00:00:00.000Z');
  });
});
