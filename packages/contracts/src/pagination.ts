import * as z from 'zod/mini';

/** Query of every paginated list: an opaque cursor from the previous page and a page size. */
export const PageQuery = z.object({
  cursor: z
    .optional(z.string().check(z.minLength(1), z.maxLength(512)))
    .check(z.describe('Opaque cursor: the `nextCursor` of the previous page.')),
  limit: z._default(z.coerce.number<number>().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** One page shape everywhere: the items, and a cursor to the next page (null on the last one). */
export function pageOf<Item extends z.core.$ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    nextCursor: z.nullable(z.string()),
    hasMore: z.boolean(),
  });
}
export type Page<Item> = { data: Item[]; nextCursor: string | null; hasMore: boolean };
