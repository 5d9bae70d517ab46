import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventList, type PodEvent } from './fake-kube-events';
import { FakeExecEndpoint } from './fake-kube-exec';
import { FakeJobs } from './fake-kube-jobs';
import { FakePodLogs } from './fake-kube-logs';
import { FakeObjects, type Answer } from './fake-kube-objects';
import { targetOf } from './fake-kube-paths';
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

/**
 * A FAKE Kubernetes API server for tests (no cluster can run here). It serves only the calls
 * our backends make, in one namespace: CRUD on pods, services, PVCs, secrets and batch/v1 Jobs
 * (whose pods `jobs` runs, fake-kube-jobs.ts), pod watches (fake-kube-watch.ts), pod logs with
 * follow (fake-kube-logs.ts) and exec (fake-kube-exec.ts). It checks each manifest the way the real
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
  /** Pod logs: `set` what a container wrote, `append` more while a follow stream is open. */
  readonly logs: FakePodLogs;
  /** The job controller's part, driven by the test (start, succeed, fail, exceedDeadline). */
  readonly jobs: FakeJobs;
  events: PodEvent[] = [];
  versionAnswers = true;
  /** Answers a request with this status instead (503: the API server in trouble, 403: RBAC). */
  failing: ((method: string, path: string) => number | undefined) | undefined;

  private constructor(
    private readonly server: Server,
    readonly namespace: string,
  ) {
    this.objects = new FakeObjects(this.store, namespace, this.unexpected);
    this.logs = new FakePodLogs(this.store, this.unexpected);
    this.jobs = new FakeJobs(this.store, this.objects, this.logs);
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
    this.logs.closeAll();
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
    const failure = this.failing?.(request.method, request.path);
    if (failure !== undefined) {
      return answer(failure, kubeStatus(failure, 'Failure', `the fake answers ${failure}`));
    }
    const { apiVersion, resource, name, kind, verb } = targetOf(
      request.method,
      request.path,
      this.namespace,
    );
    if (resource === 'pods' && verb === 'GET list' && request.query.get('watch') === 'true') {
      request.status = this.watches.serve(request.query, res);
      return;
    }
    this.objects.advanceTermination();
    if (apiVersion === 'v1' && resource === 'events' && verb === 'GET list')
      return this.listEvents(request, answer);
    if (kind === undefined) return this.refuse(request, verb, answer);
    if (resource === 'pods' && verb === 'GET one/log') {
      request.status = this.logs.serve(name, request.query, res);
      return;
    }
    if (resource === 'jobs' && verb === 'DELETE one')
      return this.jobs.remove(name, request.query, request.body, answer);
    if (verb === 'POST list') return this.create(resource, kind, request.body, answer);
    if (verb === 'GET list') return this.objects.list(resource, request.query, answer);
    if (verb === 'GET one') return this.objects.read(resource, name, answer);
    if (verb === 'DELETE one') return this.objects.remove(resource, name, answer);
    this.refuse(request, verb, answer);
  }

  private create(resource: string, kind: string, body: unknown, answer: Answer): void {
    this.objects.create(resource, kind, body, (code, created) => {
      answer(code, created);
      if (code === 201 && resource === 'jobs') this.jobs.admitted(created as KubeObject);
    });
  }

  private refuse(request: RecordedRequest, verb: string, answer: Answer): void {
    this.unexpected.push(`${request.method} ${request.path}`);
    answer(404, kubeStatus(404, 'NotFound', `the fake does not serve ${verb} ${request.path}`));
  }

  private version(answer: Answer): void {
    if (!this.versionAnswers) return answer(503, kubeStatus(503, 'ServiceUnavailable', 'down'));
    answer(200, { major: '1', minor: '31', gitVersion: 'v1.31.0-fake', platform: 'linux/amd64' });
  }

  private listEvents(request: RecordedRequest, answer: Answer): void {
    const selector = request.query.get('fieldSelector') ?? '';
    answer(200, eventList(this.events, selector, this.namespace, this.store.resourceVersion));
  }
}
