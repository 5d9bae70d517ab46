import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kindOf } from './fake-kube-checks';
import { FakeExecEndpoint } from './fake-kube-exec';
import { FakeObjects, type Answer } from './fake-kube-objects';
import { FakeKubeStore, type KubeObject } from './fake-kube-store';
import { FakeWatchStreams, kubeStatus } from './fake-kube-watch';

/** One request the fake received, with the status it answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status?: number;
}

type PodEvent = {
  involvedObject: { kind: string; name: string };
  reason: string;
  message: string;
  lastTimestamp: string;
};

/**
 * A FAKE Kubernetes API server for tests (no cluster can run here). It serves only the calls
 * the backend makes, in one namespace: CRUD on pods, services, PVCs and secrets, pod watches
 * (fake-kube-watch.ts) and exec (fake-kube-exec.ts). It checks each manifest the way the real
 * one would, answers with the real status codes and shapes, records every request and lists
 * any it did not expect (and any secret value it saw in clear) in `unexpected`.
 */
export class FakeKubeApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  readonly store = new FakeKubeStore();
  readonly watches = new FakeWatchStreams(this.store, this.unexpected);
  readonly exec: FakeExecEndpoint;
  /** CRUD on the collections; also where pod creation status and termination are set. */
  readonly objects: FakeObjects;
  readonly logs = new Map<string, string>();
  events: PodEvent[] = [];
  versionAnswers = true;

  private constructor(
    private readonly server: Server,
    readonly namespace: string,
  ) {
    this.objects = new FakeObjects(this.store, namespace, this.unexpected);
    this.exec = new FakeExecEndpoint({
      namespace,
      container: 'runtime',
      podExists: (name) => this.collection('pods').has(name),
      unexpected: this.unexpected,
    });
  }

  static async start(namespace: string): Promise<FakeKubeApiServer> {
    const server = createServer();
    const fake = new FakeKubeApiServer(server, namespace);
    server.on('request', (req, res) => fake.receive(req, res));
    // Exec is a GET upgraded to a WebSocket; it is recorded like any other request.
    server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      fake.requests.push({ method: 'GET', path: url.pathname, query: url.searchParams, body: {} });
      fake.exec.upgrade(req, socket, head);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  collection(resource: string): Map<string, KubeObject> {
    return this.store.collection(resource);
  }

  /** Requests with this method whose path ends with `suffix`. */
  calls(method: string, suffix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.endsWith(suffix));
  }

  /** Watch requests on pods, in order. */
  watchCalls(): RecordedRequest[] {
    return this.calls('GET', '/pods').filter((r) => r.query.get('watch') === 'true');
  }

  /** The kubelet's part: a new pod status, which open watches see as MODIFIED. */
  setPodStatus(name: string, status: unknown): void {
    const pod = this.collection('pods').get(name);
    if (!pod) throw new Error(`the fake has no pod ${name}`);
    this.store.write('pods', 'MODIFIED', { ...pod, status });
  }

  async close(): Promise<void> {
    this.watches.closeAll();
    this.exec.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body: unknown = raw.length > 0 ? JSON.parse(raw) : undefined;
      const request = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body,
      };
      this.requests.push(request);
      this.route(request, res);
    });
  }

  private route(request: RecordedRequest, res: ServerResponse): void {
    const answer = (code: number, body: unknown): void => {
      request.status = code;
      res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method === 'GET' && request.path === '/version') return this.version(answer);
    const prefix = `/api/v1/namespaces/${this.namespace}/`;
    const [resource = '', name = '', sub] = request.path.startsWith(prefix)
      ? request.path.slice(prefix.length).split('/')
      : [];
    const kind = kindOf(resource);
    const verb = `${request.method} ${name === '' ? 'list' : 'one'}${sub ? `/${sub}` : ''}`;
    if (resource === 'pods' && verb === 'GET list' && request.query.get('watch') === 'true') {
      request.status = this.watches.serve(request.query, res);
      return;
    }
    this.objects.advanceTermination();
    if (resource === 'events' && verb === 'GET list') return this.listEvents(request, answer);
    if (kind && resource === 'pods' && verb === 'GET one/log') return this.log(name, request, res);
    if (kind && verb === 'POST list')
      return this.objects.create(resource, kind, request.body, answer);
    if (kind && verb === 'GET list') return this.objects.list(resource, request.query, answer);
    if (kind && verb === 'GET one') return this.objects.read(resource, name, answer);
    if (kind && verb === 'DELETE one') return this.objects.remove(resource, name, answer);
    this.unexpected.push(`${request.method} ${request.path}`);
    answer(404, kubeStatus(404, 'NotFound', `the fake does not serve ${verb} ${request.path}`));
  }

  private version(answer: Answer): void {
    if (!this.versionAnswers) return answer(503, kubeStatus(503, 'ServiceUnavailable', 'down'));
    answer(200, { major: '1', minor: '31', gitVersion: 'v1.31.0-fake', platform: 'linux/amd64' });
  }

  private listEvents(request: RecordedRequest, answer: Answer): void {
    const selector = request.query.get('fieldSelector') ?? '';
    const items = this.events
      .filter((e) => selector.includes(`involvedObject.name=${e.involvedObject.name}`))
      .map((e, i) => ({ ...e, metadata: { name: `event-${i}`, namespace: this.namespace } }));
    answer(200, {
      apiVersion: 'v1',
      kind: 'EventList',
      metadata: { resourceVersion: this.store.resourceVersion },
      items,
    });
  }

  private log(name: string, request: RecordedRequest, res: ServerResponse): void {
    if (!this.collection('pods').has(name)) {
      request.status = 404;
      const body = kubeStatus(404, 'NotFound', `pods "${name}" not found`);
      return void res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    }
    request.status = 200;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(this.logs.get(name) ?? '');
  }
}
