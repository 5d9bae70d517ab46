import type { WebSocket } from 'ws';

/**
 * Pings the client every `intervalMs` and drops it if the previous ping went unanswered, so
 * a vanished client does not hold a subscriber slot (or keep the runtime "active") forever.
 */
export function keepAlive(ws: WebSocket, intervalMs: number): void {
  let answered = true;
  ws.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) {
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  ws.once('close', () => clearInterval(timer));
}
