import type { Event } from '@agentrt/contracts';
import type { AgentServerClient } from './agent-server.client';
import type { EventPosition } from './event-ledger';

/** Far more than any conversation holds; only guards against a server that pages forever. */
const MAX_PAGES = 10_000;

/**
 * Delivers, oldest first, every stored event from `from`'s timestamp on (inclusive, so events
 * sharing that timestamp are not skipped; the ones already seen are dropped by the ledger).
 */
export async function catchUp(
  client: AgentServerClient,
  conversationId: string,
  from: EventPosition | undefined,
  offer: (event: Event) => void,
  signal: AbortSignal,
): Promise<void> {
  let pageId: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await client.searchEvents(
      conversationId,
      { sort_order: 'TIMESTAMP', limit: 100, timestamp__gte: from?.timestamp, page_id: pageId },
      { signal },
    );
    for (const event of page.items) {
      if (signal.aborted) return;
      offer(event);
    }
    pageId = page.next_page_id ?? undefined;
    if (!pageId || signal.aborted) return;
  }
  throw new Error(`events/search still had pages after ${MAX_PAGES}`);
}
