import { rejectionOf } from '../common/rejection.testing';
import { AgentDefinitionSchema, AgentModelRefSchema } from './agent-definition';

const definition = {
  id: 'support-bot',
  name: 'Support bot',
  version: '1.2',
  llm: { provider: 'anthropic', model: 'claude-sonnet-4-5', api_key_ref: 'anthropic-prod' },
  system_prompt: 'You answer support tickets.',
  tools: [{ name: 'terminal' }, { name: 'file_editor' }],
  runtime_image: 'localhost:5000/agentrt/agent-server:1.2.0',
  resource_factor: 2,
};

describe('AgentDefinitionSchema', () => {
  it('accepts a stored agent definition', () => {
    expect(AgentDefinitionSchema.parse(definition)).toEqual(definition);
  });

  it('defaults tools to none and the resource factor to 1', () => {
    const minimal = { ...definition, tools: undefined, resource_factor: undefined };
    expect(AgentDefinitionSchema.parse(minimal)).toMatchObject({ tools: [], resource_factor: 1 });
  });

  it('refuses a raw API key, so none is ever stored', () => {
    const withKey = { ...definition, llm: { ...definition.llm, api_key: 'sk-ant-secret' } };
    expect(rejectionOf(AgentDefinitionSchema, withKey)).toContain('api_key');
  });

  it('requires base_url for an OpenAI-compatible provider', () => {
    const local = { ...definition, llm: { provider: 'openai-compatible', model: 'qwen2.5-coder' } };
    expect(rejectionOf(AgentDefinitionSchema, local)).toContain('llm.base_url');
    const withUrl = { ...local, llm: { ...local.llm, base_url: 'http://127.0.0.1:11434/v1' } };
    expect(AgentDefinitionSchema.parse(withUrl).llm.base_url).toBe('http://127.0.0.1:11434/v1');
  });

  it('rejects ids that cannot be a host label and malformed versions, naming each', () => {
    expect(rejectionOf(AgentDefinitionSchema, { ...definition, id: 'Support_Bot' })).toContain(
      'id',
    );
    expect(rejectionOf(AgentDefinitionSchema, { ...definition, id: '-bot' })).toContain('id');
    expect(rejectionOf(AgentDefinitionSchema, { ...definition, version: 'v1' })).toContain(
      'version',
    );
  });

  it('rejects a resource factor outside 1, 2, 4, 8', () => {
    expect(rejectionOf(AgentDefinitionSchema, { ...definition, resource_factor: 16 })).toContain(
      'resource_factor',
    );
  });
});

describe('AgentModelRefSchema', () => {
  it('reads an OpenAI model name as agent id and optional version', () => {
    expect(AgentModelRefSchema.parse('support-bot@1.2')).toEqual({
      agent_id: 'support-bot',
      version: '1.2',
    });
    expect(AgentModelRefSchema.parse('support-bot')).toEqual({
      agent_id: 'support-bot',
      version: undefined,
    });
  });

  it('rejects a model name that is no agent reference', () => {
    expect(AgentModelRefSchema.safeParse('gpt-4o@latest').success).toBe(false);
    expect(AgentModelRefSchema.safeParse('Support Bot').success).toBe(false);
  });
});
