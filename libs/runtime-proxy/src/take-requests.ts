import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * Serves the requests `claims` picks with `serve`, ahead of the whole app (its middleware,
 * parsers and router), by taking over the HTTP server's `request` listener; everything else
 * reaches the app as before. Without a listener to go ahead of (an adapter that attaches its own
 * later), it becomes the app's first middleware instead.
 */
export function takeRequests(
  app: INestApplication,
  claims: (req: IncomingMessage) => boolean,
  serve: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  const server = app.getHttpServer() as Server;
  const appListeners = server.listeners('request') as RequestListener[];
  if (appListeners.length === 0) {
    app.use((req: IncomingMessage, res: ServerResponse, next: () => void) =>
      claims(req) ? serve(req, res) : next(),
    );
    return;
  }
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (claims(req)) return serve(req, res);
    for (const listener of appListeners) listener.call(server, req, res);
  });
}
