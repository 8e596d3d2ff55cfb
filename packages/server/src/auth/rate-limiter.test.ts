import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst up to capacity, then asks to retry after the refill time', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const limit = { capacity: 3, refillPerSecond: 0.5 };
    expect([1, 2, 3].map(() => limiter.take('u1:checkout', limit).allowed)).toEqual([true, true, true]);
    expect(limiter.take('u1:checkout', limit)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now += 2000;
    expect(limiter.take('u1:checkout', limit).allowed).toBe(true);
  });

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(() => 0);
    const limit = { capacity: 1, refillPerSecond: 1 };
    expect(limiter.take('u1:track', limit).allowed).toBe(true);
    expect(limiter.take('u1:track', limit).allowed).toBe(false);
    expect(limiter.take('u2:track', limit).allowed).toBe(true);
  });
});
