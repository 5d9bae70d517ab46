import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { RuntimeProxy } from './runtime-proxy';

const NOT_FOUND = 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/**
 * Mounts the proxy on a Nest (Express) app: as middleware ahead of the app's routes, so paths
 * whose first segment is a runtime id (or `<id>-<port>`) go to runtimes and everything else
 * (`/start`, `/list`, `/health`, ...) reaches the app's controllers; and as an `upgrade` listener
 * that takes only those paths. Other upgrades are left to other listeners, or refused with 404
 * when there is none (once any `upgrade` listener exists, Node no longer answers them itself).
 *
 * Call it before `app.init()`/`app.listen()` AND before any body parser is registered: a parser
 * that runs first consumes the request body the proxy must stream (the proxy then answers 500
 * and logs why). Nest's default parsers are registered at init, so they come after; an app that
 * calls `app.useBodyParser(...)` itself must mount the proxy before that call (the platform's
 * `bootstrap` does this in `mountBeforeParsers`).
 *
 * Nest's `WsAdapter` destroys every upgrade whose path it does not serve; an app that uses it as
 * well must let it skip requests the proxy `claims`.
 */
export function mountRuntimeProxy(app: INestApplication, proxy: RuntimeProxy): void {
  app.use(proxy.handleRequest);
  const server = app.getHttpServer() as Server;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (proxy.claims(req)) return proxy.handleUpgrade(req, socket, head);
    // Alone on the server, nobody else will answer this upgrade: refuse it rather than hang.
    if (server.listenerCount('upgrade') === 1) socket.end(NOT_FOUND);
  });
  server.once('close', () => proxy.close());
}
