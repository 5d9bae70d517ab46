import { rejectionOf } from '../common/rejection.testing';
import { StartConversationRequestSchema, SendMessageRequestSchema } from './conversation-requests';
import { UpdateSecretsRequestSchema } from './conversation-updates';

/** Shaped like the Python SDK's RemoteConversation create payload (nulls for unset fields). */
const sdkBody = {
  agent: {
    kind: 'Agent',
    llm: {
      model: 'anthropic/claude-sonnet-4-5-20250929',
      api_key: 'sk-ant-test',
      base_url: null,
      usage_id: 'agent',
      temperature: 0,
    },
    tools: [{ name: 'TerminalTool', params: {} }, { name: 'FileEditorTool' }],
    mcp_config: {},
  },
  initial_message: null,
  max_iterations: 500,
  stuck_detection: true,
  workspace: { kind: 'LocalWorkspace', working_dir: '/workspace/project' },
  tool_module_qualnames: { TerminalTool: 'openhands.tools.terminal' },
  plugins: null,
  hook_config: null,
};

describe('StartConversationRequestSchema', () => {
  it('accepts the Python SDK payload, nulls and unknown fields included', () => {
    const parsed = StartConversationRequestSchema.parse(sdkBody);
    expect(parsed.initial_message).toBeUndefined();
    expect(parsed.agent.tools.map((tool) => tool.name)).toEqual(['TerminalTool', 'FileEditorTool']);
    expect(parsed['tool_module_qualnames']).toEqual(sdkBody.tool_module_qualnames);
  });

  it('accepts the TypeScript client payload with a local workspace and a first message', () => {
    const parsed = StartConversationRequestSchema.parse({
      agent: {
        llm: { model: 'gpt-4o-mini', api_key: 'sk-test', base_url: 'http://127.0.0.1:11434/v1' },
        tools: [{ name: 'terminal' }],
      },
      workspace: { type: 'local', working_dir: '/workspace' },
      conversation_id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
      confirmation_policy: { kind: 'AlwaysConfirm' },
      initial_message: { content: [{ type: 'text', text: 'List the files' }], run: true },
      secrets: { GITHUB_TOKEN: 'ghp_example' },
    });
    expect(parsed.workspace).toEqual({ type: 'local', working_dir: '/workspace' });
    expect(parsed.initial_message).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'List the files' }],
      run: true,
    });
    expect(parsed.confirmation_policy.kind).toBe('AlwaysConfirm');
  });

  it('defaults max_iterations to 500, stuck detection on and the policy to NeverConfirm', () => {
    const parsed = StartConversationRequestSchema.parse({
      agent: { llm: { model: 'gpt-4o' } },
      workspace: { working_dir: '/workspace' },
    });
    expect(parsed).toMatchObject({
      max_iterations: 500,
      stuck_detection: true,
      confirmation_policy: { kind: 'NeverConfirm' },
      secrets: {},
    });
  });

  it("leaves the workspace out when none is given (the server's own is used)", () => {
    const parsed = StartConversationRequestSchema.parse({ agent: { llm: { model: 'gpt-4o' } } });
    expect(parsed.workspace).toBeUndefined();
  });

  it('names the offending nested field', () => {
    expect(
      rejectionOf(StartConversationRequestSchema, { ...sdkBody, max_iterations: 'many' }),
    ).toContain('max_iterations');
    const noModel = { ...sdkBody, agent: { llm: { api_key: 'k' } } };
    expect(rejectionOf(StartConversationRequestSchema, noModel)).toContain('agent.llm.model');
    const noDir = { ...sdkBody, workspace: { type: 'local' } };
    expect(rejectionOf(StartConversationRequestSchema, noDir)).toContain('workspace.working_dir');
  });

  it('rejects an unknown confirmation policy', () => {
    const body = { ...sdkBody, confirmation_policy: { kind: 'SometimesConfirm' } };
    expect(rejectionOf(StartConversationRequestSchema, body)).toContain('confirmation_policy.kind');
  });
});

describe('SendMessageRequestSchema', () => {
  it('defaults role to user and run to false', () => {
    expect(SendMessageRequestSchema.parse({ content: [{ type: 'text', text: 'hi' }] })).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'hi' }],
      run: false,
    });
  });

  it('names the content item of the wrong type', () => {
    const message = rejectionOf(SendMessageRequestSchema, {
      content: [{ type: 'audio', url: 'x' }],
    });
    expect(message).toContain('content.0');
  });
});

describe('UpdateSecretsRequestSchema', () => {
  it('accepts every secret spelling OpenHands clients use', () => {
    const parsed = UpdateSecretsRequestSchema.parse({
      secrets: {
        PLAIN: 'value',
        WRAPPED: { value: 'value' },
        STATIC: { kind: 'StaticSecret', value: 'value' },
        LOOKUP: { kind: 'LookupSecret', url: 'https://vault.example/secret/x' },
      },
    });
    expect(Object.keys(parsed.secrets)).toHaveLength(4);
  });

  it('rejects a secret that is neither text nor a known source', () => {
    expect(rejectionOf(UpdateSecretsRequestSchema, { secrets: { N: 42 } })).toContain('secrets.N');
  });
});
