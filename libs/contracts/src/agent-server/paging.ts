import { z } from 'zod';

/** `limit` of a search query: 1..100 from the query string, 100 when absent. */
export const PageLimitSchema = z.coerce.number().int().min(1).max(100).default(100);
export type PageLimit = z.infer<typeof PageLimitSchema>;

/** `page_id` of a search query: the `next_page_id` of the previous page. */
export const PageIdSchema = z.string().min(1).optional();
export type PageId = z.infer<typeof PageIdSchema>;

/** A page of search results; `next_page_id` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_page_id: z.string().nullable().default(null),
  });
}

/** Answer of the `/count` routes: a bare JSON integer. */
export const CountResponseSchema = z.number().int().nonnegative();
export type CountResponse = z.infer<typeof CountResponseSchema>;
