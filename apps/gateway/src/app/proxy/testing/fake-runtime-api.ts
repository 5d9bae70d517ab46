import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake received. */
export interface ResumeCall {
  runtimeId: string;
  apiKey: string | undefined;
}

/**
 * A strict stand-in for runtime-api's `POST /resume` (runtime-api is an app; a unit test cannot
 * boot it): real HTTP on loopback; any other route, method or body is recorded in `unexpected`
 * and answered 500, so the test sees it. `onResume` decides the answer (status, and e.g. writing
 * the record as runtime-api would).
 */
export class FakeRuntimeApi {
  readonly resumes: ResumeCall[] = [];
  readonly unexpected: string[] = [];
  onResume: (runtimeId: string) => Promise<number> = () => Promise.resolve(200);

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeRuntimeApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeRuntimeApi(server, `http://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    return fake;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const runtimeId = (body as { runtime_id?: unknown } | undefined)?.runtime_id;
    if (req.method !== 'POST' || req.url !== '/resume' || typeof runtimeId !== 'string') {
      this.unexpected.push(`${req.method} ${req.url} ${JSON.stringify(body)}`);
      res.writeHead(500).end();
      return;
    }
    const apiKey = req.headers['x-api-key'];
    this.resumes.push({ runtimeId, apiKey: Array.isArray(apiKey) ? apiKey[0] : apiKey });
    const status = await this.onResume(runtimeId);
    const answer =
      status === 200
        ? resumedRuntime(runtimeId)
        : { detail: 'refused by the fake', code: 'conflict' };
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/** What runtime-api answers a resume with: the runtime, starting again. */
function resumedRuntime(runtimeId: string) {
  return {
    runtime_id: runtimeId,
    session_id: `session-${runtimeId}`,
    url: `http://127.0.0.1:1/${runtimeId}`,
    session_api_key: 'k',
    status: 'starting',
    pod_status: 'pending',
    work_hosts: {},
    restart_count: 0,
    restart_reasons: [],
    image: 'img',
    resource_factor: 1,
    created_at: '2026-01-01T00:00:00Z',
  };
}
