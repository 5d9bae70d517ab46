/**
 * Header carrying a runtime's session key on every agent server `/api/*` call; the same key
 * also opens WebSockets (see websocket.ts).
 */
export const SESSION_API_KEY_HEADER = 'X-Session-API-Key';
