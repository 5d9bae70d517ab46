import { z } from 'zod';
import { commaSeparatedList } from '../common/lenient-input';
import { ConversationInfoSchema } from './conversation-info';
import { ExecutionStatusSchema } from './execution-status';
import { pageOf, PageIdSchema, PageLimitSchema } from './paging';

/** `sort_order` of `GET /api/conversations/search`. */
export const ConversationSortOrderSchema = z.enum([
  'CREATED_AT',
  'UPDATED_AT',
  'CREATED_AT_DESC',
  'UPDATED_AT_DESC',
]);
export type ConversationSortOrder = z.infer<typeof ConversationSortOrderSchema>;

/** Query of `GET /api/conversations/search`. */
export const ConversationSearchQuerySchema = z.object({
  page_id: PageIdSchema,
  limit: PageLimitSchema,
  status: ExecutionStatusSchema.optional(),
  sort_order: ConversationSortOrderSchema.default('CREATED_AT_DESC'),
});
export type ConversationSearchQuery = z.infer<typeof ConversationSearchQuerySchema>;

/** Query of `GET /api/conversations/count`. */
export const ConversationCountQuerySchema = ConversationSearchQuerySchema.pick({ status: true });
export type ConversationCountQuery = z.infer<typeof ConversationCountQuerySchema>;

/** Query of `GET /api/conversations?ids=...` (repeated or comma-separated). */
export const ConversationIdsQuerySchema = z.object({
  ids: commaSeparatedList(z.array(z.uuid()).min(1, { error: 'give at least one id' })),
});
export type ConversationIdsQuery = z.infer<typeof ConversationIdsQuerySchema>;

/** Response of `GET /api/conversations/search`. */
export const ConversationPageSchema = pageOf(ConversationInfoSchema);
export type ConversationPage = z.infer<typeof ConversationPageSchema>;

/** Response of `GET /api/conversations?ids=...`: one entry per id, in order, null when unknown. */
export const ConversationBatchResponseSchema = z.array(ConversationInfoSchema.nullable());
export type ConversationBatchResponse = z.infer<typeof ConversationBatchResponseSchema>;
