import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { PageQuery, pageOf } from './pagination.js';

describe('pagination', () => {
  test('a page query coerces query-string numbers and defaults the limit', () => {
    expect(PageQuery.parse({})).toEqual({ limit: 20 });
    expect(PageQuery.parse({ limit: '50', cursor: 'abc' })).toEqual({ limit: 50, cursor: 'abc' });
  });
  test.each([{ limit: 0 }, { limit: 101 }, { limit: 'ten' }, { limit: 2.5 }, { cursor: '' }])(
    'rejects %j',
    (query) => {
      expect(PageQuery.safeParse(query).success).toBe(false);
    },
  );
  test('every page has the same shape', () => {
    const Page = pageOf(z.object({ id: z.string() }));
    expect(Page.parse({ data: [{ id: 'a' }], nextCursor: 'b', hasMore: true }).hasMore).toBe(true);
    expect(Page.safeParse({ data: [{ id: 'a' }], nextCursor: undefined, hasMore: false }).success).toBe(
      false,
    );
    expect(Page.safeParse({ items: [], nextCursor: null, hasMore: false }).success).toBe(false);
  });
});
