import type { ConversationInfo } from '@agentrt/contracts';
import { MASK, maskInfo, Redactor } from './masking';

describe('maskInfo', () => {
  const info = {
    id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    agent: {
      llm: {
        model: 'bedrock/claude',
        api_key: 'sk-1',
        aws_secret_access_key: 'aws-2',
        max_output_tokens: 4096,
        extra_headers: { Authorization: 'Bearer 3' },
        base_url: null,
      },
      condenser: { llm: { model: 'x', api_key: 'sk-4' } },
      tools: [{ name: 'TerminalTool' }],
    },
    workspace: { working_dir: '/workspace' },
    execution_status: 'idle',
    confirmation_policy: { kind: 'NeverConfirm' },
    max_iterations: 500,
    title: null,
    created_at: '2025-06-01T12:00:00Z',
    updated_at: '2025-06-01T12:00:00Z',
  } satisfies ConversationInfo;

  it('masks every credential in the agent, however deep, and nothing else', () => {
    const masked = maskInfo(info);
    expect(masked.agent).toEqual({
      llm: {
        model: 'bedrock/claude',
        api_key: MASK,
        aws_secret_access_key: MASK,
        max_output_tokens: 4096,
        extra_headers: { Authorization: MASK },
        base_url: null,
      },
      condenser: { llm: { model: 'x', api_key: MASK } },
      tools: [{ name: 'TerminalTool' }],
    });
    expect(info.agent.llm.api_key).toBe('sk-1');
  });
});

describe('Redactor', () => {
  it('replaces secret values anywhere in an event, longest first', () => {
    const redactor = new Redactor(['token-abc', 'token-abc-long', 'ab']);
    expect(
      redactor.redact({ output: ['x token-abc-long y', { nested: 'token-abc!' }], n: 1, ok: true }),
    ).toEqual({ output: [`x ${MASK} y`, { nested: `${MASK}!` }], n: 1, ok: true });
  });

  it('leaves values alone when there are no secrets', () => {
    const event = { text: 'plain' };
    expect(new Redactor([]).redact(event)).toBe(event);
  });
});
