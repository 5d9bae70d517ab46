import type { ConversationInfo, ConversationSearchQuery } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { newConversation } from '../model/new-conversation';
import { startRequest } from '../testing/conversation-fixture';
import { searchConversations } from './conversation-search';

function info(n: number, created: string, updated: string, status = 'idle'): ConversationInfo {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const { info: made } = newConversation(startRequest(), id, '/w', created);
  return {
    ...made,
    updated_at: updated,
    execution_status: status as ConversationInfo['execution_status'],
  };
}

const all = [
  info(1, '2025-06-01T10:00:00Z', '2025-06-01T13:00:00Z'),
  info(2, '2025-06-01T11:00:00Z', '2025-06-01T11:30:00Z', 'finished'),
  info(3, '2025-06-01T11:00:00Z', '2025-06-01T12:00:00Z'),
  info(4, '2025-06-01T12:00:00Z', '2025-06-01T12:30:00Z', 'finished'),
];

const search = (query: Partial<ConversationSearchQuery>) =>
  searchConversations(all, { limit: 100, sort_order: 'CREATED_AT_DESC', ...query });
const ids = (items: readonly ConversationInfo[]) => items.map((item) => Number(item.id.slice(-2)));

describe('searchConversations', () => {
  it.each([
    ['CREATED_AT', [1, 2, 3, 4]],
    ['CREATED_AT_DESC', [4, 3, 2, 1]],
    ['UPDATED_AT', [2, 3, 4, 1]],
    ['UPDATED_AT_DESC', [1, 4, 3, 2]],
  ] as const)('sorts by %s, ties broken by id', (sort_order, expected) => {
    expect(ids(search({ sort_order }).items)).toEqual(expected);
  });

  it('filters by status', () => {
    expect(ids(search({ status: 'finished' }).items)).toEqual([4, 2]);
  });

  it('pages without gaps or repeats, even when a conversation is added between pages', () => {
    const first = search({ limit: 2, sort_order: 'CREATED_AT' });
    expect(ids(first.items)).toEqual([1, 2]);
    const later = [...all, info(5, '2025-06-01T09:00:00Z', '2025-06-01T09:00:00Z')];
    const second = searchConversations(later, {
      limit: 2,
      sort_order: 'CREATED_AT',
      page_id: first.next_page_id ?? undefined,
    });
    expect(ids(second.items)).toEqual([3, 4]);
    expect(second.next_page_id).toBeNull();
  });

  it('refuses a page id it did not issue, or issued for another order (400)', () => {
    const first = search({ limit: 1 });
    expect(() => search({ page_id: 'bogus' })).toThrow(ApiException);
    expect(() => search({ page_id: first.next_page_id ?? '', sort_order: 'UPDATED_AT' })).toThrow(
      /page_id/,
    );
  });
});
