import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';
import { EventSchema } from './event';
import { pageOf, PageIdSchema, PageLimitSchema } from './paging';

/** `sort_order` of the event (and bash event) search routes. */
export const EventSortOrderSchema = z.enum(['TIMESTAMP', 'TIMESTAMP_DESC']);
export type EventSortOrder = z.infer<typeof EventSortOrderSchema>;

/**
 * Filters shared by `.../events/search` and `.../events/count`. `kind` is any type name, not
 * only the ones we emit: filtering on an unknown kind finds nothing rather than failing.
 */
const eventFilters = {
  kind: z.string().min(1).optional(),
  timestamp__gte: isoTimestamp().optional(),
  timestamp__lt: isoTimestamp().optional(),
};

/** Query of `GET /api/conversations/{id}/events/count`. */
export const EventCountQuerySchema = z.object(eventFilters);
export type EventCountQuery = z.infer<typeof EventCountQuerySchema>;

/** Query of `GET /api/conversations/{id}/events/search`. */
export const EventSearchQuerySchema = z.object({
  ...eventFilters,
  page_id: PageIdSchema,
  limit: PageLimitSchema,
  sort_order: EventSortOrderSchema.default('TIMESTAMP'),
});
export type EventSearchQuery = z.infer<typeof EventSearchQuerySchema>;

/** Response of `GET /api/conversations/{id}/events/search`. */
export const EventPageSchema = pageOf(EventSchema);
export type EventPage = z.infer<typeof EventPageSchema>;
