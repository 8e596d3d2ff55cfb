import { z } from 'zod';

/** Query of every paginated list: an opaque cursor from the previous page and a page size. */
export const PageQuery = z.object({
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('Opaque cursor: the `nextCursor` of the previous page.'),
  limit: z.coerce.number<number>().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** One page shape everywhere: the items, and a cursor to the next page (null on the last one). */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable(),
    hasMore: z.boolean(),
  });
}
export type Page<Item> = { data: Item[]; nextCursor: string | null; hasMore: boolean };
