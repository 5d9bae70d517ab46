import {
  BUILD_CONTEXT_FIELD,
  BuildJsonRequestSchema,
  BuildMultipartFieldsSchema,
} from '@agentrt/contracts';
import busboy from 'busboy';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of `GET /build_status`, as the script lists them (the last one repeats). */
export interface ScriptedStatus {
  status: string;
  image?: string;
  error?: string;
  /** Answer with this HTTP status and error body instead (a flaky API). */
  httpError?: number;
}

export interface FakeRuntimeApiScript {
  apiKey: string;
  registryPrefix?: string;
  /** `POST /build` fails with this status and `{detail, code}` instead of queueing. */
  submitError?: { status: number; detail: string; code: string };
  statuses: ScriptedStatus[];
  /** Lines `/build_logs` streams, in chunks that split lines on purpose; none: 404. */
  logLines?: string[];
}

/** A request as the fake received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
  body: unknown;
}

const BUILD_ID = 'build-fake-0001';

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * A FAKE Runtime API build front (never the real one, which is tested in its own app): it
 * serves /registry_prefix, /build, /build_status and /build_logs from a script, and checks
 * what it receives: the API key on every request, the `POST /build` body against the contract
 * schemas (JSON, or multipart read with busboy as runtime-api does; a multipart build is
 * recorded with its fields parsed and the raw context as base64, the JSON shape), and nothing
 * but the four routes. Problems are recorded in `violations` and answered
 * with an error, so a test asserts `violations` is empty.
 */
export class FakeRuntimeApi {
  readonly requests: ReceivedRequest[] = [];
  readonly violations: string[] = [];
  private polls = 0;

  private constructor(
    private readonly server: Server,
    private readonly script: FakeRuntimeApiScript,
  ) {}

  static async start(script: FakeRuntimeApiScript): Promise<FakeRuntimeApi> {
    const server = createServer();
    const fake = new FakeRuntimeApi(server, script);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The bodies `POST /build` received. */
  get builds(): Record<string, unknown>[] {
    return this.requests
      .filter((r) => r.path === '/build')
      .map((r) => r.body as Record<string, unknown>);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private violation(response: ServerResponse, status: number, message: string): void {
    this.violations.push(message);
    sendJson(response, status, { detail: `fake-runtime-api: ${message}`, code: 'bad_request' });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const received = await this.record(request, url.pathname);
    if (received.apiKey !== this.script.apiKey)
      return this.violation(response, 401, `${url.pathname} without the API key`);
    const route = `${request.method ?? ''} ${url.pathname}`;
    switch (route) {
      case 'GET /registry_prefix':
        return sendJson(response, 200, { registry_prefix: this.script.registryPrefix ?? '' });
      case 'POST /build':
        return this.build(response, received.body);
      case 'GET /build_status':
        if (url.searchParams.get('build_id') !== BUILD_ID)
          return this.violation(response, 404, 'status of an unknown build');
        return this.status(response);
      case 'GET /build_logs':
        if (
          url.searchParams.get('build_id') !== BUILD_ID ||
          url.searchParams.get('follow') !== 'true'
        ) {
          return this.violation(response, 400, 'logs asked without the build id or follow=true');
        }
        return this.logs(response);
      default:
        return this.violation(response, 404, `unexpected ${route}`);
    }
  }

  private async record(request: IncomingMessage, path: string): Promise<ReceivedRequest> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = request.headers['content-type'] ?? '';
    let body: unknown = raw.toString('utf8');
    if (type.startsWith('application/json')) body = JSON.parse(raw.toString('utf8')) as unknown;
    if (type.startsWith('multipart/form-data')) body = await multipartBuild(request, raw);
    const apiKey = request.headers['x-api-key'];
    const received = {
      method: request.method ?? '',
      path,
      apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      body,
    };
    this.requests.push(received);
    return received;
  }

  private build(response: ServerResponse, body: unknown): void {
    if (typeof body === 'string') return this.violation(response, 415, `POST /build: ${body}`);
    const parsed = BuildJsonRequestSchema.safeParse(body);
    if (!parsed.success)
      return this.violation(response, 422, `POST /build body: ${parsed.error.message}`);
    const error = this.script.submitError;
    if (error)
      return sendJson(response, error.status, {
        detail: error.detail,
        code: error.code,
        request_id: 'req-fake',
      });
    sendJson(response, 200, { build_id: BUILD_ID });
  }

  private status(response: ServerResponse): void {
    const { statuses } = this.script;
    const answer = statuses[Math.min(this.polls, statuses.length - 1)];
    this.polls += 1;
    if (!answer) return this.violation(response, 500, 'the script has no status');
    if (answer.httpError)
      return sendJson(response, answer.httpError, {
        detail: 'scripted outage',
        code: 'service_unavailable',
      });
    const { status, image, error } = answer;
    sendJson(response, 200, { build_id: BUILD_ID, status, image, error });
  }

  /**
   * Chunked text as a build writes it: chunks that end three characters short of a line end
   * (so lines arrive split), a few milliseconds apart, then the end of the stream.
   */
  private async logs(response: ServerResponse): Promise<void> {
    const lines = this.script.logLines;
    if (!lines) return sendJson(response, 404, { detail: 'no build logs here', code: 'not_found' });
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    const text = lines.map((line) => `${line}\n`).join('');
    let from = 0;
    for (let index = 0; index < lines.length; index += 1) {
      const cut = Math.max(lines.slice(0, index + 1).join('\n').length - 3, from);
      response.write(text.slice(from, cut));
      from = cut;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    response.end(text.slice(from));
  }
}

/**
 * A multipart `POST /build` in the JSON request's shape: the fields as the contract parses them
 * (undefined ones dropped) and the `context` part's bytes, which must be a raw tar.gz, as base64.
 */
async function multipartBuild(
  request: IncomingMessage,
  raw: Buffer,
): Promise<Record<string, unknown> | string> {
  const fields: Record<string, string | string[]> = {};
  let context: Buffer | undefined;
  const parser = busboy({ headers: request.headers });
  parser.on('field', (name, value) => {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...[seen].flat(), value];
  });
  parser.on('file', (name, file) => {
    const parts: Buffer[] = [];
    file.on('data', (chunk: Buffer) => parts.push(chunk));
    file.on('end', () => {
      if (name === BUILD_CONTEXT_FIELD) context = Buffer.concat(parts);
    });
  });
  await new Promise((resolve, reject) => parser.on('close', resolve).on('error', reject).end(raw));
  const parsed = BuildMultipartFieldsSchema.safeParse(fields);
  if (!parsed.success || context?.[0] !== 0x1f || context[1] !== 0x8b) {
    return `multipart without valid fields or a raw tar.gz context`;
  }
  const defined = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
  return { ...Object.fromEntries(defined), context: context.toString('base64') };
}
