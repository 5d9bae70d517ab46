import { z } from 'zod';
import { isoTimestamp, nullAsMissing, nullishDefault } from '../common/lenient-input';
import { BashEventKindSchema } from './bash-events';
import { EventSortOrderSchema } from './event-queries';
import { PageIdSchema, PageLimitSchema } from './paging';

/**
 * Body of `POST /api/bash/start_bash_command` (answers the BashCommand at once) and of
 * `POST /api/bash/execute_bash_command` (answers the final BashOutput). `timeout` is seconds.
 */
export const StartBashCommandRequestSchema = z.looseObject({
  command: z.string().min(1),
  cwd: nullAsMissing(z.string().min(1)),
  timeout: nullishDefault(z.number().int().positive(), 300),
});
export type StartBashCommandRequest = z.infer<typeof StartBashCommandRequestSchema>;

/** Query of `GET /api/bash/bash_events/search`. */
export const BashEventSearchQuerySchema = z.object({
  kind__eq: BashEventKindSchema.optional(),
  command_id__eq: z.uuid().optional(),
  /** Only outputs after this chunk number: how a client catches up on a running command. */
  order__gt: z.coerce.number().int().optional(),
  timestamp__gte: isoTimestamp().optional(),
  timestamp__lt: isoTimestamp().optional(),
  page_id: PageIdSchema,
  limit: PageLimitSchema,
  sort_order: EventSortOrderSchema.default('TIMESTAMP'),
});
export type BashEventSearchQuery = z.infer<typeof BashEventSearchQuerySchema>;
