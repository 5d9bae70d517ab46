import type { IncomingMessage } from 'node:http';
import { WS_CLOSE_CODES } from '@agentrt/contracts';
import type { WebSocket } from 'ws';
import { authenticateFirstFrame, authenticateUpgrade } from '../auth/socket-auth';
import type { SessionKeys } from '../auth/session-keys';
import type { ClientFrames } from './client-frames';

/**
 * Accepts a socket whose key came as `?session_api_key=`, as the `X-Session-API-Key` header,
 * or as an auth first frame within `timeoutMs`; otherwise closes it with 4001 and says false.
 */
export async function authenticateSocket(
  ws: WebSocket,
  request: IncomingMessage,
  frames: ClientFrames,
  keys: SessionKeys,
  timeoutMs: number,
): Promise<boolean> {
  const upgrade = authenticateUpgrade(request, keys);
  if (upgrade === 'accepted') return true;
  if (upgrade === 'await-first-frame') {
    const frame = await frames.next(timeoutMs);
    if (frame !== undefined && authenticateFirstFrame(frame, keys)) return true;
  }
  ws.close(WS_CLOSE_CODES.AUTH_FAILED, 'Authentication failed: missing or invalid session API key');
  return false;
}
