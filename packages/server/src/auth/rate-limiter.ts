export interface RateLimit {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Requests added back per second. */
  refillPerSecond: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 50_000;

/**
 * Token buckets in this process's memory. Behind a load balancer each replica limits on its own, which is
 * what a per-process guard against runaway clients needs; it is not a billing quota.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, limit: RateLimit): RateLimitDecision {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: limit.capacity, updatedAt: now };
    const refilled = Math.min(
      limit.capacity,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.refillPerSecond,
    );
    if (refilled < 1) {
      this.#buckets.set(key, { tokens: refilled, updatedAt: now });
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / limit.refillPerSecond)),
      };
    }
    if (this.#buckets.size >= MAX_BUCKETS && !this.#buckets.has(key)) this.#forgetIdle(now, limit);
    this.#buckets.set(key, { tokens: refilled - 1, updatedAt: now });
    return { allowed: true };
  }

  // A bucket that would be full again is indistinguishable from no bucket; dropping those bounds memory.
  #forgetIdle(now: number, limit: RateLimit): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.refillPerSecond >= limit.capacity) {
        this.#buckets.delete(key);
      }
    }
  }
}
