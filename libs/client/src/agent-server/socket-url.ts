import { EVENTS_SOCKET_PATH } from '@agentrt/contracts';
import type { EventPosition } from './event-ledger';

/**
 * The event socket of a conversation under `baseUrl` (an agent server, or a runtime's `url`
 * through its proxy, so any path prefix is kept), http(s) turned into ws(s). With a position
 * the server replays what came after it; without one, the whole history.
 */
export function eventsSocketUrl(
  baseUrl: string,
  conversationId: string,
  from: EventPosition | undefined,
): string {
  const url = new URL(baseUrl);
  url.protocol =
    url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${EVENTS_SOCKET_PATH}/${encodeURIComponent(conversationId)}`;
  url.search = '';
  if (from) {
    url.searchParams.set('resend_mode', 'since');
    url.searchParams.set('after_timestamp', from.timestamp);
  } else url.searchParams.set('resend_mode', 'all');
  return url.toString();
}
