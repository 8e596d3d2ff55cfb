import { createHash, timingSafeEqual } from 'node:crypto';

export const API_KEY_HEADER = 'x-billing-api-key';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison: hashing first makes both sides the same length, so length leaks nothing. */
export function apiKeyMatches(provided: string, expected: string): boolean {
  return apiKeyMatcher(expected)(provided);
}

/** `apiKeyMatches` against one key, hashed once rather than on every request. */
export function apiKeyMatcher(expected: string): (provided: string) => boolean {
  const expectedDigest = digest(expected);
  return (provided) => timingSafeEqual(digest(provided), expectedDigest);
}
