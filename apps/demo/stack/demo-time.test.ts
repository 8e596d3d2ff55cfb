import { afterEach, describe, expect, it, vi } from 'vitest';
import { addMonths, DemoTime } from './demo-time.js';

afterEach(() => vi.useRealTimers());

describe('addMonths', () => {
  it('clamps the day to the month as Stripe does', () => {
    expect(addMonths(new Date('2027-01-31T10:00:00Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-12-15T10:00:00Z'), 1).toISOString()).toBe('2027-01-15T10:00:00.000Z');
    expect(addMonths(new Date('2027-03-31T10:00:00Z'), -1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  });
});

describe('DemoTime', () => {
  it('runs with the wall clock plus its offset', () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
    const time = new DemoTime({ offsetMs: 86_400_000, latestMs: 0 });
    expect(time.now().toISOString()).toBe('2026-12-03T00:00:00.000Z');
    vi.advanceTimersByTime(60_000);
    expect(time.now().toISOString()).toBe('2026-12-03T00:01:00.000Z');
  });

  it('holds still while pinned and runs on from where it resumes', () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
    const time = new DemoTime({ offsetMs: 0, latestMs: 0 });
    time.pin(new Date('2026-08-01T00:00:00Z'));
    vi.advanceTimersByTime(60_000);
    expect(time.now().toISOString()).toBe('2026-08-01T00:00:00.000Z');
    const saved = time.resumeFrom(new Date('2027-01-02T00:01:00Z'));
    vi.advanceTimersByTime(1_000);
    expect(time.now().toISOString()).toBe('2027-01-02T00:01:01.000Z');
    expect(saved.offsetMs).toBe(Date.parse('2027-01-02T00:01:00Z') - Date.parse('2026-12-02T00:01:00Z'));
  });

  it('never goes backwards, even when the machine clock does between two starts', () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T12:00:00Z') });
    const first = new DemoTime({ offsetMs: 0, latestMs: 0 });
    const seen = first.now();
    vi.setSystemTime(new Date('2026-12-02T11:00:00Z'));
    const second = new DemoTime(first.saved());
    expect(second.now().getTime()).toBeGreaterThanOrEqual(seen.getTime());
  });
});
