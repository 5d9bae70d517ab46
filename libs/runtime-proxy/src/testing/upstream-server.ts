import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

/** The bytes `/download?bytes=n` answers: every byte value in turn, so any reordering shows. */
export function downloadContent(bytes: number): Buffer {
  const content = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 1) content[i] = (i * 7 + (i >> 16)) % 256;
  return content;
}

/** What the upstream saw of one HTTP request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface EchoReply extends SeenRequest {
  bodyBytes: number;
  bodySha256: string;
}

/**
 * A real upstream standing in for an agent server (or a work-host app): node:http plus `ws`.
 * Routes: `/stream` (a chunk, then waits for `releaseStream()`), `/headers-first` (an event
 * stream's headers alone, its body after `releaseStream()`), `/download?bytes=n`, `/silent`
 * (never answers), `/sockets/refuse` (refuses the handshake with 403), any other WebSocket path
 * echoes frames (a frame `close:<code>` makes it close with that code); any other HTTP path
 * echoes the request as JSON (`EchoReply`), status 201 with `X-Upstream: <name>`.
 */
export class UpstreamServer {
  readonly seen: SeenRequest[] = [];
  /** Close codes the upstream received from WebSocket clients. */
  readonly wsCloses: number[] = [];
  /** Requests to `/silent` whose connection the proxy has since closed. */
  silentClosed = 0;
  /** Request body chunks received so far, by URL (to see streaming uploads arrive). */
  readonly chunksByUrl = new Map<string, number>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private releaseStreamNow: () => void = () => undefined;
  private readonly streamReleased = new Promise<void>(
    (resolve) => (this.releaseStreamNow = resolve),
  );

  private constructor(
    readonly name: string,
    private readonly server: Server,
  ) {}

  static async start(name: string): Promise<UpstreamServer> {
    const server = createServer();
    const upstream = new UpstreamServer(name, server);
    server.on('request', (req, res) => upstream.serve(req, res));
    server.on('upgrade', (req, socket, head) => upstream.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  releaseStream(): void {
    this.releaseStreamNow();
  }

  async close(): Promise<void> {
    this.wss.clients.forEach((client) => client.terminate());
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.wss.close();
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    this.seen.push({ method: req.method ?? '', url, headers: req.headers });
    if (url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' }).write('first\n');
      void this.streamReleased.then(() => res.end('second\n'));
    } else if (url === '/headers-first') {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      void this.streamReleased.then(() => res.end('data: late\n\n'));
    } else if (url.startsWith('/download')) {
      this.download(res, Number(new URL(url, 'http://x').searchParams.get('bytes')));
    } else if (url === '/silent') {
      res.on('close', () => (this.silentClosed += 1));
    } else {
      this.echo(req, res);
    }
  }

  private echo(req: IncomingMessage, res: ServerResponse): void {
    const hash = createHash('sha256');
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      hash.update(chunk);
      this.chunksByUrl.set(req.url ?? '', (this.chunksByUrl.get(req.url ?? '') ?? 0) + 1);
    });
    req.on('end', () => {
      const reply: EchoReply = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        bodyBytes,
        bodySha256: hash.digest('hex'),
      };
      res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': this.name });
      res.end(JSON.stringify(reply));
    });
  }

  /** Writes `downloadContent(bytes)` in 64 KiB chunks, honouring backpressure. */
  private download(res: ServerResponse, bytes: number): void {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const content = downloadContent(bytes);
    let sent = 0;
    const pump = () => {
      while (sent < content.length) {
        const piece = content.subarray(sent, sent + 64 * 1024);
        sent += piece.length;
        if (!res.write(piece)) return res.once('drain', pump);
      }
      res.end();
      return undefined;
    };
    pump();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (req.url === '/sockets/refuse') {
      socket.end(
        'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nnope',
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data: Buffer, isBinary) => {
        const text = data.toString();
        if (!isBinary && text.startsWith('close:'))
          ws.close(Number(text.slice(6)), 'upstream says bye');
        else ws.send(data, { binary: isBinary });
      });
      ws.on('close', (code) => this.wsCloses.push(code));
    });
  }
}
