import { rejectionOf } from '../common/rejection.testing';
import { EventKindSchema, EventSchema } from './event';

const base = { timestamp: '2025-06-01T12:00:00.123456' };
const actionId = '0b6c1f3e-2d4a-4b8e-9f1a-7c3d5e6f8a90';

/** One event of every kind, shaped as the OpenHands agent server writes them. */
const eventsByKind = {
  MessageEvent: {
    ...base,
    kind: 'MessageEvent',
    id: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b',
    source: 'user',
    llm_message: {
      role: 'user',
      content: [
        { type: 'text', text: 'Create hello.py that prints hello' },
        { type: 'image', image_urls: ['data:image/png;base64,iVBORw0KGgo='] },
      ],
    },
    activated_skills: [],
  },
  ActionEvent: {
    ...base,
    kind: 'ActionEvent',
    id: actionId,
    source: 'agent',
    thought: [{ type: 'text', text: 'I will create the file.' }],
    action: { kind: 'FileEditorAction', command: 'create', path: '/workspace/hello.py' },
    tool_name: 'file_editor',
    tool_call_id: 'call_9XyZ',
    tool_call: { id: 'call_9XyZ', name: 'file_editor', arguments: '{"command":"create"}' },
    llm_response_id: 'chatcmpl-123',
    security_risk: 'LOW',
  },
  ObservationEvent: {
    ...base,
    kind: 'ObservationEvent',
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    source: 'environment',
    tool_name: 'file_editor',
    tool_call_id: 'call_9XyZ',
    observation: { kind: 'FileEditorObservation', content: [{ type: 'text', text: 'created' }] },
    action_id: actionId,
  },
  UserRejectObservation: {
    ...base,
    kind: 'UserRejectObservation',
    id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    source: 'user',
    tool_name: 'terminal',
    tool_call_id: 'call_rm',
    action_id: actionId,
    rejection_reason: 'Do not delete files',
  },
  AgentErrorEvent: {
    ...base,
    kind: 'AgentErrorEvent',
    id: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
    source: 'agent',
    tool_name: 'terminal',
    tool_call_id: 'call_bad',
    error: 'Missing required argument "command"',
  },
  SystemPromptEvent: {
    ...base,
    kind: 'SystemPromptEvent',
    id: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80',
    source: 'agent',
    system_prompt: { type: 'text', text: 'You are OpenHands agent...' },
    tools: [{ type: 'function', function: { name: 'terminal', parameters: {} } }],
  },
  ConversationStateUpdateEvent: {
    ...base,
    kind: 'ConversationStateUpdateEvent',
    id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    source: 'environment',
    key: 'full_state',
    value: { execution_status: 'idle', max_iterations: 500 },
  },
  ConversationErrorEvent: {
    ...base,
    kind: 'ConversationErrorEvent',
    id: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0',
    source: 'environment',
    code: 'LLMAuthenticationError',
    detail: 'The API key was rejected by the provider',
  },
  PauseEvent: {
    ...base,
    kind: 'PauseEvent',
    id: '7a8b9c0d-1e2f-4a3b-8c4d-e5f6a7b8c9d0',
    source: 'user',
  },
  Condensation: {
    ...base,
    kind: 'Condensation',
    id: '8b9c0d1e-2f3a-4b4c-9d5e-f6a7b8c9d0e1',
    source: 'environment',
    forgotten_event_ids: ['2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'],
    summary: 'The agent listed the files.',
    summary_offset: 1,
  },
};

describe('EventSchema', () => {
  it.each(Object.entries(eventsByKind))('parses a %s as that kind', (kind, event) => {
    expect(EventSchema.parse(event).kind).toBe(kind);
  });

  it('covers every kind it lists', () => {
    expect([...EventKindSchema.options].sort()).toEqual(Object.keys(eventsByKind).sort());
  });

  it('keeps fields it does not know, so events survive a round trip', () => {
    const parsed = EventSchema.parse(eventsByKind.MessageEvent);
    expect(parsed).toMatchObject({ activated_skills: [] });
  });

  it('fills the defaults the SDK leaves out', () => {
    // undefined is what an absent field looks like once JSON is parsed into an object
    const bare = { ...eventsByKind.ActionEvent, thought: undefined, security_risk: undefined };
    expect(EventSchema.parse({ ...bare, action: undefined })).toMatchObject({
      thought: [],
      action: null,
      security_risk: 'UNKNOWN',
    });
  });

  it('rejects an unknown kind, naming the field', () => {
    expect(rejectionOf(EventSchema, { ...eventsByKind.PauseEvent, kind: 'NapEvent' })).toContain(
      'kind',
    );
  });

  it('rejects a bad id, timestamp or source, naming each', () => {
    const pause = eventsByKind.PauseEvent;
    expect(rejectionOf(EventSchema, { ...pause, id: 'evt-1' })).toContain('id');
    expect(rejectionOf(EventSchema, { ...pause, timestamp: 'yesterday' })).toContain('timestamp');
    expect(rejectionOf(EventSchema, { ...pause, source: 'system' })).toContain('source');
  });

  it('names the nested field of a malformed message', () => {
    const broken = {
      ...eventsByKind.MessageEvent,
      llm_message: { role: 'user', content: [{ type: 'text' }] },
    };
    expect(rejectionOf(EventSchema, broken)).toContain('llm_message.content.0.text');
  });

  it('requires the tool reference on observations', () => {
    const noAction = { ...eventsByKind.ObservationEvent, action_id: undefined };
    expect(rejectionOf(EventSchema, noAction)).toContain('action_id');
  });
});
