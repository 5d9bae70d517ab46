import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { kubeStatus } from './fake-kube-watch';

/** What the fake "runs" for one argv: its output and exit code, or a misbehaviour to test. */
export interface ExecScript {
  argv: string[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Never answer (the command hangs). */
  hang?: boolean;
  /** Send stdout, then drop the connection without a status. */
  drop?: boolean;
  /** The exec itself fails (say, no such binary): a Failure status with no exit code. */
  error?: string;
}

const PROTOCOL = 'v4.channel.k8s.io';
const EXEC_PARAMS = new Set(['command', 'container', 'stdout', 'stderr', 'stdin', 'tty']);
const EXPECTED_FLAGS = { stdout: 'true', stderr: 'true', stdin: 'false', tty: 'false' };

/** One exec request the fake accepted or refused. */
export interface ExecRequest {
  pod: string;
  query: URLSearchParams;
  protocols: string[];
}

/**
 * The exec endpoint as the real API server speaks it: a WebSocket upgrade of
 * `GET /api/v1/namespaces/<ns>/pods/<pod>/exec?command=..&container=..&stdout=true&stderr=true`
 * on subprotocol v4.channel.k8s.io, where each binary message starts with its channel
 * (1 stdout, 2 stderr, 3 the final Status JSON).
 */
export class FakeExecEndpoint {
  scripts: ExecScript[] = [];
  readonly requests: ExecRequest[] = [];
  /** Answers v4 even when newer versions are offered, as an API server before 1.30 does. */
  private readonly server = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has(PROTOCOL) ? PROTOCOL : false),
  });

  constructor(
    private readonly context: {
      namespace: string;
      container: string;
      podExists: (name: string) => boolean;
      unexpected: string[];
    },
  ) {}

  /** Exec connections still open (a finished or abandoned exec must close its socket). */
  get openCount(): number {
    return this.server.clients.size;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const prefix = `/api/v1/namespaces/${this.context.namespace}/pods/`;
    const [pod = '', sub] = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length).split('/')
      : [];
    const header = req.headers['sec-websocket-protocol'] ?? '';
    const protocols = header.split(',').map((p) => p.trim());
    this.requests.push({ pod, query: url.searchParams, protocols });
    const refusal = this.refusal(pod, sub, url.searchParams, protocols);
    if (refusal) return refuse(socket, refusal.code, refusal.body);
    this.server.handleUpgrade(req, socket, head, (ws) => {
      if (ws.protocol !== PROTOCOL) this.context.unexpected.push(`exec on ${ws.protocol}`);
      this.run(ws, url.searchParams);
    });
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private refusal(
    pod: string,
    sub: string | undefined,
    query: URLSearchParams,
    protocols: string[],
  ): { code: number; body: object } | undefined {
    const problems = this.queryProblems(query);
    if (sub !== 'exec') problems.push(`upgrade on ${sub ?? 'no'} subresource`);
    if (!protocols.includes(PROTOCOL)) problems.push(`no ${PROTOCOL} in [${protocols.join(',')}]`);
    if (problems.length > 0) {
      this.context.unexpected.push(`exec: ${problems.join('; ')}`);
      return { code: 400, body: kubeStatus(400, 'BadRequest', problems.join('; ')) };
    }
    if (!this.context.podExists(pod)) {
      return { code: 404, body: kubeStatus(404, 'NotFound', `pods "${pod}" not found`) };
    }
    return undefined;
  }

  private queryProblems(query: URLSearchParams): string[] {
    const problems = [...query.keys()].filter((k) => !EXEC_PARAMS.has(k)).map((k) => `param ${k}`);
    for (const [key, value] of Object.entries(EXPECTED_FLAGS)) {
      if (query.get(key) !== value) problems.push(`${key}=${query.get(key)}`);
    }
    if (query.get('container') !== this.context.container) problems.push('wrong container');
    if (query.getAll('command').length === 0) problems.push('no command');
    return problems;
  }

  private run(ws: WebSocket, query: URLSearchParams): void {
    const argv = query.getAll('command');
    const script = this.scripts.find((s) => JSON.stringify(s.argv) === JSON.stringify(argv));
    if (!script) {
      this.context.unexpected.push(`exec of unscripted argv ${JSON.stringify(argv)}`);
      return send(ws, 3, JSON.stringify(execError('not scripted')), true);
    }
    if (script.hang) return;
    if (script.error) return send(ws, 3, JSON.stringify(execError(script.error)), true);
    if (script.stdout) send(ws, 1, script.stdout);
    if (script.drop) return ws.terminate();
    if (script.stderr) send(ws, 2, script.stderr);
    send(ws, 3, JSON.stringify(statusFor(script.exitCode ?? 0)), true);
  }
}

/** The Status the kubelet ends an exec with: Success, or Failure carrying the exit code. */
function statusFor(exitCode: number): object {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: exit status ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

function execError(message: string): object {
  return { metadata: {}, status: 'Failure', reason: 'InternalError', message };
}

function send(ws: WebSocket, channel: number, text: string, last = false): void {
  ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]));
  if (last) ws.close(1000);
}

function refuse(socket: Duplex, code: number, body: object): void {
  const text = JSON.stringify(body);
  const reason = code === 404 ? 'Not Found' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}
