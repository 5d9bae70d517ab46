import type { Event } from '@agentrt/contracts';
import type { AgentServerClient } from '../agent-server';

/** Where an AgentLoop's events come from: the WebSocket stream, or polling when it is off. */
export interface EventFeed {
  close(): Promise<void>;
}

export interface FeedOptions {
  client: AgentServerClient;
  conversationId: string;
  onEvent: (event: Event) => void;
  /** `fatal`: the feed has stopped for good (auth refused, unknown conversation, gave up). */
  onError: (error: Error, fatal: boolean) => void;
  pollIntervalMs?: number;
}

/**
 * Polls `events/search` from the last delivered timestamp on (AGENTRT_WEBSOCKET=false: for
 * networks that do not pass WebSockets). Events sharing that timestamp come again and are
 * dropped by id, so each is delivered once and in order.
 */
export function pollEvents(options: FeedOptions): EventFeed {
  const seen = new Set<string>();
  let after: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const events = await options.client.allEvents(options.conversationId, {
        sort_order: 'TIMESTAMP',
        ...(after === undefined ? {} : { timestamp__gte: after }),
      });
      for (const event of events) {
        if (stopped || seen.has(event.id)) continue;
        seen.add(event.id);
        after = event.timestamp;
        options.onEvent(event);
      }
    } catch (error) {
      // A paused runtime or a network blip: the next tick catches up from `after`.
      options.onError(error instanceof Error ? error : new Error(String(error)), false);
    }
    // Bounded by the loop's life: close() ends it.
    if (!stopped) timer = setTimeout(() => void tick(), options.pollIntervalMs ?? 500);
  };
  void tick();
  return {
    close: () => {
      stopped = true;
      clearTimeout(timer);
      return Promise.resolve();
    },
  };
}
