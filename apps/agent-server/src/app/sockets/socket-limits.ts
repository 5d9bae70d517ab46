import { WS_AUTH_TIMEOUT_MS } from '@agentrt/contracts';

/** Largest frame a client may send (messages, auth); bigger ones close the socket (1009). */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

/** Bounds on one socket; a token so tests can shrink them. */
export interface SocketLimits {
  /** How long a socket without query or header key may take to send its auth frame. */
  authTimeoutMs: number;
  /** Unsent bytes a subscriber may fall behind by before it is closed (1013). */
  maxBufferedBytes: number;
  /** Past this many unsent bytes, history replay waits for the client to catch up. */
  replayHighWaterBytes: number;
  /** Ping interval; a socket that missed the previous pong is dropped. */
  heartbeatMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  authTimeoutMs: WS_AUTH_TIMEOUT_MS,
  maxBufferedBytes: 16 * 1024 * 1024,
  replayHighWaterBytes: 1024 * 1024,
  heartbeatMs: 30_000,
};

export const SOCKET_LIMITS = Symbol('SOCKET_LIMITS');
