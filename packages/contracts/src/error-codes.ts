import type { ErrorCode } from './errors.js';

/** The closed list of error codes. Adding one is a contract change. */
export const errorCodes = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'validation_failed',
  'insufficient_credits',
  'quota_exceeded',
  'conflict',
  'rate_limited',
  'stripe_unavailable',
  'not_configured',
  'internal',
] as const;

/** The HTTP status each code is sent with; the client falls back to it when a body is unreadable. */
export const errorStatus = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  insufficient_credits: 402,
  quota_exceeded: 402,
  conflict: 409,
  rate_limited: 429,
  stripe_unavailable: 502,
  not_configured: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;
