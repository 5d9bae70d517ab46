import { ConversationEventStream } from '../agent-server';
import type { AgentRuntime, DebugLog } from './agent-runtime';
import type { EventFeed, FeedOptions } from './event-feed';

/**
 * Follows the conversation's WebSocket (history first, then live events; reconnects and
 * catches up by itself). Resolves once the history is delivered, so a message sent afterwards
 * cannot race ahead of the subscription.
 */
export async function streamEvents(
  options: FeedOptions & { runtime: AgentRuntime; debug?: DebugLog },
): Promise<EventFeed> {
  const stream = ConversationEventStream.open({
    baseUrl: options.runtime.url,
    sessionApiKey: options.runtime.sessionApiKey,
    conversationId: options.conversationId,
    onEvent: options.onEvent,
    onStatus: (status) => {
      if (status.state === 'reconnecting') {
        options.debug?.(
          `events: socket lost (${status.reason}); reconnect ${status.attempt} in ${status.delayMs} ms`,
        );
      } else if (status.state === 'live') {
        options.debug?.('events: live');
      }
    },
  });
  stream.done.catch((error: unknown) =>
    options.onError(error instanceof Error ? error : new Error(String(error)), true),
  );
  await stream.ready;
  return { close: () => stream.close() };
}
