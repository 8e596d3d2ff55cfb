import type { Page } from '@billing-kit/contracts';
import { fail } from './mock-api-error.js';

// Ids are ASCII, so btoa/atob suffice, and they exist in browsers and Node alike.
const encode = (id: string) => btoa(id).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const decode = (cursor: string) => atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));

/**
 * Keyset pagination over an already ordered list: the cursor names the last item seen, so a page never
 * repeats or skips an item even when the caller changes the page size between requests.
 */
export function pageOf<Item>(
  items: readonly Item[],
  query: { cursor?: string | undefined; limit: number },
  idOf: (item: Item) => string,
): Page<Item> {
  let start = 0;
  if (query.cursor !== undefined) {
    let afterId: string;
    try {
      afterId = decode(query.cursor);
    } catch {
      return fail('validation_failed', 'Invalid cursor', {
        issues: [{ field: 'query.cursor', message: 'not a cursor this API returned' }],
      });
    }
    const index = items.findIndex((item) => idOf(item) === afterId);
    if (index === -1) {
      return fail('validation_failed', 'Invalid cursor', {
        issues: [{ field: 'query.cursor', message: 'not a cursor this API returned' }],
      });
    }
    start = index + 1;
  }
  const data = items.slice(start, start + query.limit);
  const hasMore = start + query.limit < items.length;
  const last = data[data.length - 1];
  return { data, hasMore, nextCursor: hasMore && last !== undefined ? encode(idOf(last)) : null };
}
