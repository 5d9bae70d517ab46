import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Answer {
  status: number;
  body?: unknown;
}

/** `'GET /list'` -> the answers, in order (the last one repeats). */
export type Routes = Record<string, Answer[]>;

/**
 * A strict stand-in for an agentrt service on loopback: it answers only the routes it was given,
 * only with the expected `X-API-Key`, and records everything; anything else is a 599 and is
 * listed in `unexpected`, which a test asserts is empty.
 */
export class FakeServer {
  readonly received: Received[] = [];
  readonly unexpected: string[] = [];

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly url: string,
  ) {}

  static async start(routes: Routes, apiKey: string): Promise<FakeServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => fake.handle(req, res, routes, apiKey));
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse, routes: Routes, apiKey: string) {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const route = `${req.method ?? ''} ${req.url ?? ''}`;
      this.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
      });
      const answers = routes[route];
      if (req.headers['x-api-key'] !== apiKey || !answers || answers.length === 0) {
        this.unexpected.push(`${route} key=${String(req.headers['x-api-key'] === apiKey)}`);
        return reply(res, { status: 599, body: { detail: `unexpected ${route}` } });
      }
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      reply(res, answer ?? { status: 500 });
    });
  }
}

function reply(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
}
