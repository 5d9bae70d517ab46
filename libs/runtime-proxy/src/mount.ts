import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { RuntimeProxy } from './runtime-proxy';
import { takeRequests } from './take-requests';

const NOT_FOUND = 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

export interface MountOptions {
  /** Headers set on every HTTP answer the proxy gives (e.g. the gateway's `X-Routed-To`). */
  responseHeaders?: Readonly<Record<string, string>>;
}

/**
 * Mounts the proxy on a Nest (Express) app, ahead of the whole app: the server's `request`
 * listener hands paths whose first segment is a runtime id (or `<id>-<port>`) to the proxy and
 * everything else (`/start`, `/list`, `/health`, ...) to the app. Proxied requests so skip the
 * app's middleware, parsers and router entirely, which both keeps their bodies unread for
 * streaming and saves most of the per-request cost (benchmark B4). WebSocket upgrades on those
 * paths are taken by an `upgrade` listener; other upgrades are left to other listeners, or
 * refused with 404 when there is none (once any `upgrade` listener exists, Node no longer
 * answers them itself).
 *
 * Call it after the app is created and before `app.listen()`. Nest's `WsAdapter` destroys every
 * upgrade whose path it does not serve; an app that uses it as well must let it skip requests
 * the proxy `claims`.
 */
export function mountRuntimeProxy(
  app: INestApplication,
  proxy: RuntimeProxy,
  options: MountOptions = {},
): void {
  const server = app.getHttpServer() as Server;
  const headers = Object.entries(options.responseHeaders ?? {});
  takeRequests(app, proxy.claims, (req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    // Only claimed paths get here, and the proxy serves every one of them: `next` never runs.
    proxy.handleRequest(req, res, () => res.writeHead(404).end());
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (proxy.claims(req)) return proxy.handleUpgrade(req, socket, head);
    // Alone on the server, nobody else will answer this upgrade: refuse it rather than hang.
    if (server.listenerCount('upgrade') === 1) socket.end(NOT_FOUND);
  });
  server.once('close', () => proxy.close());
}
