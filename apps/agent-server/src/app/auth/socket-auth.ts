import type { IncomingMessage } from 'node:http';
import { SESSION_API_KEY_HEADER, WebSocketAuthFrameSchema } from '@agentrt/contracts';
import type { SessionKeys } from './session-keys';

export type UpgradeAuth = 'accepted' | 'rejected' | 'await-first-frame';

/**
 * WebSocket auth at upgrade time: `?session_api_key=` or the `X-Session-API-Key` header. With
 * neither, the client may still send `{"type":"auth","session_api_key":...}` as its first frame.
 */
export function authenticateUpgrade(request: IncomingMessage, keys: SessionKeys): UpgradeAuth {
  if (!keys.required) return 'accepted';
  const query = new URL(request.url ?? '/', 'http://agent-server').searchParams.get(
    'session_api_key',
  );
  const header = request.headers[SESSION_API_KEY_HEADER.toLowerCase()];
  const presented = query ?? (typeof header === 'string' ? header : undefined);
  if (presented === undefined) return 'await-first-frame';
  return keys.accepts(presented) ? 'accepted' : 'rejected';
}

/** True when `frame` is an auth frame carrying an accepted key. */
export function authenticateFirstFrame(frame: string, keys: SessionKeys): boolean {
  try {
    const parsed = WebSocketAuthFrameSchema.safeParse(JSON.parse(frame));
    return parsed.success && keys.accepts(parsed.data.session_api_key);
  } catch {
    return false;
  }
}
