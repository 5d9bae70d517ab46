import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, Logger, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { WebSocketServer } from 'ws';
import { mountRuntimeProxy } from '../mount';
import { createRuntimeProxy } from '../runtime-proxy';
import type { ProxyLogger } from '../proxy-target';
import type { MapResolver } from './map-resolver';

/** Runtime ids in these tests: `rt` + 10 hex digits (never ending in `-<digits>`). */
export const TEST_ID_PATTERN = /rt[0-9a-f]{10}/;

export interface ProxyAppOptions {
  upstreamTimeoutMs?: number;
  awaitRunningTimeoutMs?: number;
  logger?: ProxyLogger;
  /** Register a JSON body parser before mounting the proxy (the wrong order). */
  parserFirst?: boolean;
  /** Serve the app's own WebSocket on `/other/...` (default true). */
  appSocket?: boolean;
}

/** The app's own routes, which must keep working next to the proxy. */
@Controller()
class AppRoutesController {
  @Get('list')
  list() {
    return { served_by: 'app' };
  }

  @Get('health')
  health() {
    return { status: 'ok', served_by: 'app' };
  }

  @Post('start')
  start(@Body() body: unknown) {
    return { served_by: 'app', body };
  }
}

/**
 * A real Nest app on a loopback port with the proxy mounted, as runtime-api mounts it; it also
 * serves its own WebSocket on `/other/...` (echoing frames prefixed with `app:`) to show the
 * proxy leaves other upgrades alone.
 */
export class ProxyApp {
  private constructor(
    private readonly app: NestExpressApplication,
    readonly url: string,
    private readonly appSockets: WebSocketServer,
  ) {}

  static async start(
    resolver: MapResolver,
    {
      upstreamTimeoutMs = 2000,
      awaitRunningTimeoutMs,
      logger,
      parserFirst = false,
      appSocket = true,
    }: ProxyAppOptions = {},
  ): Promise<ProxyApp> {
    Logger.overrideLogger(false);
    const moduleRef = await Test.createTestingModule({
      controllers: [AppRoutesController],
    }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      logger: false,
      bodyParser: !parserFirst,
    });
    // The mistake `mountRuntimeProxy` warns about: a JSON parser registered before the proxy.
    if (parserFirst) app.useBodyParser('json');
    const proxy = createRuntimeProxy({
      resolver,
      idPattern: TEST_ID_PATTERN,
      upstreamTimeoutMs,
      awaitRunningTimeoutMs,
      logger,
    });
    mountRuntimeProxy(app, proxy);
    const appSockets = new WebSocketServer({ noServer: true });
    const server = app.getHttpServer();
    if (appSocket) serveAppSocket(server, appSockets);
    await app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    return new ProxyApp(app, `http://127.0.0.1:${port}`, appSockets);
  }

  async close(): Promise<void> {
    this.appSockets.clients.forEach((client) => client.terminate());
    this.appSockets.close();
    this.app.getHttpServer().closeAllConnections();
    await this.app.close();
  }
}

/** The app's own WebSocket on `/other/...`, echoing frames with an `app:` prefix. */
function serveAppSocket(server: Server, appSockets: WebSocketServer): void {
  appSockets.on('connection', (ws) =>
    ws.on('message', (data: Buffer) => ws.send(`app:${data.toString()}`)),
  );
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/other/')) return;
    appSockets.handleUpgrade(req, socket, head, (ws) => appSockets.emit('connection', ws, req));
  });
}
