import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned answer; `hang` never answers (for timeouts). */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  hang?: boolean;
}

/** A fixed answer, or one chosen from the request (e.g. 401 until a token is sent). */
export type FakeRoute = FakeAnswer | ((req: SeenRequest) => FakeAnswer);

export interface SeenRequest {
  url: string;
  authorization?: string;
  accept?: string;
}

/**
 * A strict stand-in for registries we cannot run here (Docker Hub's token auth, broken servers):
 * it answers only the routes a test declared and records everything else in `unexpected`.
 */
export class FakeRegistry {
  readonly seen: SeenRequest[] = [];
  readonly unexpected: string[] = [];
  private readonly routes = new Map<string, FakeRoute>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly host: string,
  ) {}

  static async start(): Promise<FakeRegistry> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeRegistry(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => fake.answer(req, res));
    return fake;
  }

  /** Declares the answer to `GET <pathAndQuery>`, e.g. `/v2/team/app/manifests/v1`. */
  on(pathAndQuery: string, answer: FakeRoute): this {
    this.routes.set(pathAndQuery, answer);
    return this;
  }

  async close(): Promise<void> {
    this.hanging.forEach((res) => res.destroy());
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const seen = {
      url: req.url ?? '',
      authorization: req.headers.authorization,
      accept: req.headers.accept,
    };
    this.seen.push(seen);
    const route = req.method === 'GET' ? this.routes.get(seen.url) : undefined;
    if (!route) {
      this.unexpected.push(`${req.method} ${seen.url}`);
      res.writeHead(418).end();
      return;
    }
    const answer = typeof route === 'function' ? route(seen) : route;
    if (answer.hang) {
      this.hanging.add(res);
      return;
    }
    const body =
      typeof answer.body === 'object' ? JSON.stringify(answer.body) : (answer.body ?? '');
    res.writeHead(answer.status ?? 200, answer.headers).end(body);
  }
}

/** A registry's JSON error body. */
export const registryErrors = (...codes: string[]) => ({
  errors: codes.map((code) => ({ code, message: code.toLowerCase() })),
});

export const REGISTRY_HEADERS = { 'docker-distribution-api-version': 'registry/2.0' };
