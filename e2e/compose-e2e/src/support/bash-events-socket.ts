import type { Runtime } from '@agentrt/contracts';
import WebSocket from 'ws';

/**
 * Opens the runtime's `/sockets/bash-events` WebSocket at its url (the gateway's runtime proxy),
 * authenticated by the session key; resolves once the upgrade succeeded.
 */
export function subscribeBashEvents(runtime: Runtime): Promise<WebSocket> {
  const url = new URL(`${runtime.url}/sockets/bash-events`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('session_api_key', runtime.session_api_key);
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}
