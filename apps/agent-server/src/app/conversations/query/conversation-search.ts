import type {
  ConversationInfo,
  ConversationPage,
  ConversationSearchQuery,
  ConversationSortOrder,
  ExecutionStatus,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { timestampMicros } from '../model/timestamps';

interface SortKey {
  at: number;
  id: string;
}

/**
 * One page of conversations, filtered by status and in the requested order (ties broken by id,
 * so the order is total). `next_page_id` names the first conversation of the next page by its
 * sort key, so paging stays stable while conversations are added or deleted.
 */
export function searchConversations(
  infos: readonly ConversationInfo[],
  query: ConversationSearchQuery,
): ConversationPage {
  const field = query.sort_order.startsWith('UPDATED_AT') ? 'updated_at' : 'created_at';
  const direction = query.sort_order.endsWith('_DESC') ? -1 : 1;
  const keyOf = (info: ConversationInfo): SortKey => ({
    at: timestampMicros(info[field]),
    id: info.id,
  });
  const compare = (a: SortKey, b: SortKey) =>
    direction * (a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start = query.page_id ? decodeCursor(query.page_id, query.sort_order) : undefined;
  const sorted = filterByStatus(infos, query.status)
    .map((info) => ({ info, key: keyOf(info) }))
    .filter((entry) => !start || compare(entry.key, start) >= 0)
    .sort((a, b) => compare(a.key, b.key));
  const next = sorted[query.limit];
  return {
    items: sorted.slice(0, query.limit).map((entry) => entry.info),
    next_page_id: next ? encodeCursor(next.key, query.sort_order) : null,
  };
}

/** Conversations with `status`, or all of them. */
export function filterByStatus(
  infos: readonly ConversationInfo[],
  status: ExecutionStatus | undefined,
): ConversationInfo[] {
  return status ? infos.filter((info) => info.execution_status === status) : [...infos];
}

function encodeCursor(key: SortKey, order: ConversationSortOrder): string {
  return Buffer.from(JSON.stringify([order, key.at, key.id])).toString('base64url');
}

function decodeCursor(pageId: string, order: ConversationSortOrder): SortKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(pageId, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [cursorOrder, at, id] = value as unknown[];
      if (cursorOrder === order && typeof at === 'number' && typeof id === 'string') {
        return { at, id };
      }
    }
  } catch {
    // falls through to the 400 below
  }
  throw new ApiException(
    400,
    'page_id is not a next_page_id this search returned (with the same sort_order)',
    'bad_request',
  );
}
