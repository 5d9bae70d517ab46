import {
  type AgentDefinition,
  ChatCompletionChunkSchema,
  ChatCompletionSchema,
  OpenAiModelListSchema,
} from '@agentrt/contracts';
import { chunkOf, completionHeader, completionOf, modelListOf } from './chat-format';
import { chatInputOf } from './chat-input';

const agent = (id: string, version: string): AgentDefinition =>
  ({ id, version, created_at: '2024-05-01T00:00:00.000Z' }) as AgentDefinition;

describe('OpenAI chat format', () => {
  const header = completionHeader('bot@1.0', Date.parse('2024-05-01T00:00:10Z'));

  it('builds a chat.completion in the exact OpenAI shape', () => {
    const completion = completionOf(header, 'Hello.');
    expect(ChatCompletionSchema.strict().parse(completion)).toEqual(completion);
    expect(completion).toEqual({
      id: header.id,
      object: 'chat.completion',
      created: 1714521610,
      model: 'bot@1.0',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello.', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
    });
    expect(header.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
  });

  it('builds chunks with a delta and a finish reason only on the last one', () => {
    const first = chunkOf(header, { role: 'assistant', content: '' });
    const last = chunkOf(header, {}, 'stop');
    expect(ChatCompletionChunkSchema.parse(first)).toEqual(first);
    expect(first.object).toBe('chat.completion.chunk');
    expect(first.choices[0]).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '' },
      finish_reason: null,
      logprobs: null,
    });
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(last.id).toBe(first.id);
  });

  it('lists every version as <id>@<version> and each agent as <id>', () => {
    const list = modelListOf([agent('bot', '1.10'), agent('bot', '1.9'), agent('alpha', '1')]);
    expect(OpenAiModelListSchema.parse(list)).toEqual(list);
    expect(list.data.map((model) => model.id)).toEqual([
      'alpha',
      'alpha@1',
      'bot',
      'bot@1.10',
      'bot@1.9',
    ]);
    expect(list.data[0]).toEqual({
      id: 'alpha',
      object: 'model',
      created: 1714521600,
      owned_by: 'agentrt',
    });
  });
});

describe('chatInputOf', () => {
  it('passes a lone user message as it is', () => {
    expect(chatInputOf([{ role: 'user', content: 'What is 6 times 7?' }])).toBe(
      'What is 6 times 7?',
    );
  });

  it('puts earlier messages first as a labelled transcript, text parts joined', () => {
    const input = chatInputOf([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: null },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Part one' },
          { type: 'text', text: 'part two' },
        ],
      },
    ]);
    expect(input).toBe(
      'Conversation so far:\n\n[system] Be brief.\n\n[user] Hi\n\n[assistant] \n\nCurrent request:\n\nPart one\npart two',
    );
  });

  it('refuses a conversation not ending with the user, and non-text content', () => {
    expect(() => chatInputOf([{ role: 'assistant', content: 'hi' }])).toThrow(
      'The last message must be a user message',
    );
    expect(() =>
      chatInputOf([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }]),
    ).toThrow('messages[0] has a "image_url" content part; agents take text parts only');
  });
});
