import { randomUUID } from 'node:crypto';
import {
  AgentServerClient,
  ConversationEventStream,
  EventStreamClosed,
  startRuntime,
  type AgentRuntime,
} from '@agentrt/client';
import { LoopStack } from './loop-stack';

/** What a stream ended with. */
async function endOf(stream: ConversationEventStream): Promise<unknown> {
  return await stream.done.then(
    () => 'closed by us',
    (error: unknown) => error,
  );
}

describe('ConversationEventStream against real agent servers: fatal closes end the stream', () => {
  let stack: LoopStack;
  const runtimes: AgentRuntime[] = [];

  beforeAll(async () => {
    stack = await LoopStack.start();
    for (const remote of [false, true])
      runtimes.push((await startRuntime(stack.config(remote))).runtime);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.stop()));
    await stack?.tearDown();
  });

  it.each([0, 1])(
    'refuses a wrong session key for good (runtime %#: local, remote)',
    async (i) => {
      const runtime = runtimes[i] as AgentRuntime;
      const client = new AgentServerClient({
        baseUrl: runtime.url,
        sessionApiKey: runtime.sessionApiKey,
      });
      const conversation = await client.createConversation({
        agent: { llm: { model: 'litellm_proxy/fake-model' }, tools: [] },
      });
      const statuses: string[] = [];
      const stream = ConversationEventStream.open({
        baseUrl: runtime.url,
        sessionApiKey: 'not-the-key',
        conversationId: conversation.id,
        onEvent: () => undefined,
        onStatus: (status) => statuses.push(status.state),
      });
      const end = await endOf(stream);
      expect(end).toBeInstanceOf(EventStreamClosed);
      const closed = end as EventStreamClosed;
      // The agent server closes with 4001; a runtime proxy refuses the handshake with 401 first.
      expect(closed.code === 4001 || closed.httpStatus === 401).toBe(true);
      expect(statuses).not.toContain('reconnecting');
    },
    30_000,
  );

  it.each([0, 1])(
    'ends for good on an unknown conversation (runtime %#)',
    async (i) => {
      const runtime = runtimes[i] as AgentRuntime;
      const statuses: string[] = [];
      const stream = ConversationEventStream.open({
        baseUrl: runtime.url,
        sessionApiKey: runtime.sessionApiKey,
        conversationId: randomUUID(),
        onEvent: () => undefined,
        onStatus: (status) => statuses.push(status.state),
      });
      const end = await endOf(stream);
      expect(end).toBeInstanceOf(EventStreamClosed);
      expect((end as EventStreamClosed).code).toBe(4004);
      expect(statuses).not.toContain('reconnecting');
    },
    30_000,
  );
});
