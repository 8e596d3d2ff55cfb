import { createHash, timingSafeEqual } from 'node:crypto';

export const API_KEY_HEADER = 'x-billing-api-key';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison: hashing first makes both sides the same length, so length leaks nothing. */
export function apiKeyMatches(provided: string, expected: string): boolean {
  return timingSafeEqual(digest(provided), digest(expected));
}
