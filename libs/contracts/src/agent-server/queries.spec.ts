import { rejectionOf } from '../common/rejection.testing';
import {
  ConversationCountQuerySchema,
  ConversationIdsQuerySchema,
  ConversationSearchQuerySchema,
} from './conversation-queries';
import { EventCountQuerySchema, EventSearchQuerySchema } from './event-queries';

describe('ConversationSearchQuerySchema', () => {
  it('reads limit from the query string and fills the defaults', () => {
    expect(ConversationSearchQuerySchema.parse({ limit: '20' })).toEqual({
      limit: 20,
      sort_order: 'CREATED_AT_DESC',
    });
    expect(ConversationSearchQuerySchema.parse({}).limit).toBe(100);
  });

  it.each(['0', '101', '2.5', 'ten'])('rejects limit=%s, naming it', (limit) => {
    expect(rejectionOf(ConversationSearchQuerySchema, { limit })).toContain('limit');
  });

  it('filters by execution status and sorts as asked', () => {
    const parsed = ConversationSearchQuerySchema.parse({
      page_id: 'p2',
      status: 'waiting_for_confirmation',
      sort_order: 'UPDATED_AT',
    });
    expect(parsed).toMatchObject({ page_id: 'p2', status: 'waiting_for_confirmation' });
  });

  it('rejects an unknown status or sort order, naming the field', () => {
    expect(rejectionOf(ConversationSearchQuerySchema, { status: 'sleeping' })).toContain('status');
    expect(rejectionOf(ConversationSearchQuerySchema, { sort_order: 'NEWEST' })).toContain(
      'sort_order',
    );
  });

  it('counts with the status filter only', () => {
    expect(ConversationCountQuerySchema.parse({ status: 'idle', limit: '5' })).toEqual({
      status: 'idle',
    });
  });
});

describe('ConversationIdsQuerySchema', () => {
  const a = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
  const b = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

  it('accepts ids repeated or comma-separated', () => {
    expect(ConversationIdsQuerySchema.parse({ ids: `${a},${b}` }).ids).toEqual([a, b]);
    expect(ConversationIdsQuerySchema.parse({ ids: [a, b] }).ids).toEqual([a, b]);
  });

  it('names the id that is not a UUID', () => {
    expect(rejectionOf(ConversationIdsQuerySchema, { ids: `${a},nope` })).toContain('ids.1');
  });
});

describe('EventSearchQuerySchema', () => {
  it('accepts kind, time range and sort order', () => {
    const parsed = EventSearchQuerySchema.parse({
      kind: 'ActionEvent',
      timestamp__gte: '2025-06-01T00:00:00Z',
      timestamp__lt: '2025-06-02T00:00:00',
      sort_order: 'TIMESTAMP_DESC',
      limit: '50',
    });
    expect(parsed).toMatchObject({ kind: 'ActionEvent', limit: 50, sort_order: 'TIMESTAMP_DESC' });
  });

  it('defaults to oldest first', () => {
    expect(EventSearchQuerySchema.parse({}).sort_order).toBe('TIMESTAMP');
  });

  it('rejects a malformed time bound, naming it', () => {
    expect(rejectionOf(EventSearchQuerySchema, { timestamp__gte: 'today' })).toContain(
      'timestamp__gte',
    );
  });

  it('counts with the same filters, without paging', () => {
    expect(EventCountQuerySchema.parse({ kind: 'MessageEvent', page_id: 'x' })).toEqual({
      kind: 'MessageEvent',
    });
  });
});
