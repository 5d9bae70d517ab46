import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { WebSocket, WebSocketServer } from 'ws';

type PathServer = WebSocketServer & { path: string };

/**
 * Nest's WsAdapter hands an upgrade to the gateway whose path equals the request path. Event
 * sockets carry the conversation id in the path (`/sockets/events/{id}`), so this adapter
 * routes by path prefix, segment by segment; the gateway reads the rest from the request.
 * Register it with `app.useWebSocketAdapter(new PrefixWsAdapter(app))`.
 */
export class PrefixWsAdapter extends WsAdapter {
  protected override ensureHttpServerExists(
    port: number,
    httpServer: Server = createServer(),
  ): Server | undefined {
    if (this.httpServersRegistry.has(port)) return undefined;
    this.httpServersRegistry.set(port, httpServer);
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.route(port, request, socket, head),
    );
    return httpServer;
  }

  /** Our gateways read client frames themselves; Nest's JSON `{event, data}` dispatch is unused. */
  override bindMessageHandlers(
    client: WebSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    if (handlers.length > 0) super.bindMessageHandlers(client, handlers, transform);
  }

  private route(port: number, request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const pathname = new URL(request.url ?? '/', 'ws://agent-server').pathname;
    const servers = (this.wsServersRegistry.get(port) ?? []) as PathServer[];
    const server = servers.find(
      (candidate) => pathname === candidate.path || pathname.startsWith(`${candidate.path}/`),
    );
    if (!server) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
  }
}
