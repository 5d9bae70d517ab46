import { rejectionOf } from '../common/rejection.testing';
import { ConversationInfoSchema } from './conversation-info';
import { ConversationBatchResponseSchema, ConversationPageSchema } from './conversation-queries';

const info = {
  id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  agent: {
    kind: 'Agent',
    llm: { model: 'gpt-4o', api_key: '**********', base_url: null },
    tools: [{ name: 'TerminalTool' }],
  },
  workspace: { kind: 'LocalWorkspace', working_dir: '/workspace' },
  execution_status: 'finished',
  confirmation_policy: { kind: 'NeverConfirm' },
  max_iterations: 500,
  stuck_detection: true,
  title: null,
  created_at: '2025-06-01T12:00:00+00:00',
  updated_at: '2025-06-01T12:05:00+00:00',
  stats: { usage_to_metrics: {} },
};

describe('ConversationInfoSchema', () => {
  it('accepts a conversation as the OpenHands server returns it', () => {
    expect(ConversationInfoSchema.parse(info)).toMatchObject({ ...info, stuck_detection: true });
  });

  it('rejects an unknown execution status, naming it', () => {
    expect(rejectionOf(ConversationInfoSchema, { ...info, execution_status: 'done' })).toContain(
      'execution_status',
    );
  });

  it('pages conversations and marks the last page', () => {
    const page = ConversationPageSchema.parse({ items: [info], next_page_id: null });
    expect(page.items).toHaveLength(1);
    expect(page.next_page_id).toBeNull();
  });

  it('answers a batch lookup with null for unknown ids', () => {
    expect(ConversationBatchResponseSchema.parse([info, null])[1]).toBeNull();
  });
});
