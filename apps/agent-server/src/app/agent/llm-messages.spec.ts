import { randomUUID } from 'node:crypto';
import { type Event, EventSchema } from '@agentrt/contracts';
import type { NewEvent } from './agent-runner';
import { toLlmMessages } from './llm-messages';

const stored = (event: NewEvent): Event =>
  EventSchema.parse({ ...event, id: randomUUID(), timestamp: new Date().toISOString() });

const user = (text: string) =>
  stored({
    kind: 'MessageEvent',
    source: 'user',
    llm_message: { role: 'user', content: [{ type: 'text', text }] },
  });

const action = (callId: string, responseId: string, thought = '') =>
  stored({
    kind: 'ActionEvent',
    source: 'agent',
    tool_name: 'echo',
    tool_call_id: callId,
    thought: thought ? [{ type: 'text', text: thought }] : [],
    action: { kind: 'EchoAction', text: callId },
    tool_call: { id: callId, name: 'echo', arguments: `{"text":"${callId}"}` },
    llm_response_id: responseId,
    security_risk: 'UNKNOWN',
  });

const observation = (of: Event & { kind: 'ActionEvent' }, text: string) =>
  stored({
    kind: 'ObservationEvent',
    source: 'environment',
    tool_name: 'echo',
    tool_call_id: of.tool_call_id,
    action_id: of.id,
    observation: { kind: 'EchoObservation', content: [{ type: 'text', text }], is_error: false },
  });

describe('toLlmMessages', () => {
  it("groups one response's parallel calls into one assistant message followed by their results", () => {
    const a = action('c1', 'r1', 'Two things.') as Event & { kind: 'ActionEvent' };
    const b = action('c2', 'r1') as Event & { kind: 'ActionEvent' };
    const messages = toLlmMessages([user('go'), a, b, observation(a, 'A'), observation(b, 'B')]);
    expect(messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'go' }] },
      {
        role: 'assistant',
        text: 'Two things.',
        toolCalls: [
          { id: 'c1', name: 'echo', argumentsJson: '{"text":"c1"}' },
          { id: 'c2', name: 'echo', argumentsJson: '{"text":"c2"}' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', toolName: 'echo', text: 'A', isError: false },
      { role: 'tool', toolCallId: 'c2', toolName: 'echo', text: 'B', isError: false },
    ]);
  });

  it('keeps a result next to its call when a user message came in between', () => {
    const a = action('c1', 'r1') as Event & { kind: 'ActionEvent' };
    const messages = toLlmMessages([user('go'), a, user('also this'), observation(a, 'A')]);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'user']);
  });

  it('leaves out calls that have no result yet, and ignores non-conversation events', () => {
    const a = action('c1', 'r1') as Event & { kind: 'ActionEvent' };
    const b = action('c2', 'r1') as Event & { kind: 'ActionEvent' };
    const pause = stored({ kind: 'PauseEvent', source: 'user' });
    const messages = toLlmMessages([user('go'), a, b, observation(a, 'A'), pause]);
    expect(messages[1]).toMatchObject({ toolCalls: [{ id: 'c1' }] });
    expect(messages).toHaveLength(3);
    expect(toLlmMessages([user('go'), action('c3', 'r2')])).toHaveLength(1);
  });

  it('passes images on and drops empty messages', () => {
    const image = stored({
      kind: 'MessageEvent',
      source: 'user',
      llm_message: {
        role: 'user',
        content: [{ type: 'image', image_urls: ['https://x.test/a.png'] }],
      },
    });
    const empty = stored({
      kind: 'MessageEvent',
      source: 'agent',
      llm_message: { role: 'assistant', content: [] },
    });
    expect(toLlmMessages([image, empty])).toEqual([
      { role: 'user', content: [{ type: 'image', url: 'https://x.test/a.png' }] },
    ]);
  });
});
