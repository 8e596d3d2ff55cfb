import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { ensureEnglishMessages } from './english-messages.js';
import { errorCodes, errorStatus } from './error-codes.js';
import { ErrorBody, errorBody, fieldIssues } from './errors.js';

describe('ErrorBody', () => {
  test('is one shape with a code from the closed list', () => {
    expect(
      ErrorBody.parse(errorBody('insufficient_credits', 'Not enough credits', { remaining: 2 })),
    ).toEqual({
      error: { code: 'insufficient_credits', message: 'Not enough credits', details: { remaining: 2 } },
    });
    expect(errorBody('not_found', 'No such plan')).toEqual({
      error: { code: 'not_found', message: 'No such plan' },
    });
  });

  test.each([
    [{ error: { code: 'teapot', message: 'no' } }, 'a code outside the list'],
    [{ error: { code: 'internal', message: '' } }, 'an empty message'],
    [{ code: 'internal', message: 'flat' }, 'a flat shape'],
    [{ error: { code: 'internal' } }, 'no message'],
  ])('rejects %j (%s)', (value, _why) => {
    expect(ErrorBody.safeParse(value).success).toBe(false);
  });

  test('every code has a status, and user mistakes are never 5xx', () => {
    expect(Object.keys(errorStatus).sort()).toEqual([...errorCodes].sort());
    for (const code of [
      'unauthenticated',
      'forbidden',
      'not_found',
      'validation_failed',
      'conflict',
    ] as const) {
      expect(errorStatus[code]).toBeGreaterThanOrEqual(400);
      expect(errorStatus[code]).toBeLessThan(500);
    }
    expect(errorStatus.insufficient_credits).toBe(402);
    expect(errorStatus.quota_exceeded).toBe(402);
  });

  test('field issues name the input by location and path, in English', () => {
    ensureEnglishMessages();
    const result = z.object({ item: z.object({ planId: z.string() }) }).safeParse({ item: {} });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldIssues('body', result.error)).toEqual([
      { field: 'body.item.planId', message: expect.stringContaining('expected string') },
    ]);
  });
});
