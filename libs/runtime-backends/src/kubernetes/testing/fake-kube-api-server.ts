import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kindOf, manifestProblems, matchesSelector } from './fake-kube-checks';

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type KubeObject = { metadata: { name: string; labels?: Record<string, string> }; status?: unknown };

/**
 * A FAKE Kubernetes API server for tests (no cluster can run here). It serves only the calls
 * the backend makes, in one namespace, checks each manifest the way the real one would, answers
 * with the real status codes and shapes, records every request and lists any it did not expect.
 */
export class FakeKubeApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  /** Objects per collection (`pods`, `services`, `persistentvolumeclaims`) by name. */
  readonly store = new Map<string, Map<string, KubeObject>>();
  readonly logs = new Map<string, string>();
  events: {
    involvedObject: { kind: string; name: string };
    reason: string;
    message: string;
    lastTimestamp: string;
  }[] = [];
  /** Pod statuses served on successive reads of any pod; the last one stays. */
  podStatuses: unknown[] = [{ phase: 'Pending' }];
  versionAnswers = true;
  private revision = 1;
  private podReads = 0;

  private constructor(
    private readonly server: Server,
    readonly namespace: string,
  ) {}

  static async start(namespace: string): Promise<FakeKubeApiServer> {
    const server = createServer();
    const fake = new FakeKubeApiServer(server, namespace);
    server.on('request', (req, res) => fake.receive(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  collection(resource: string): Map<string, KubeObject> {
    const existing = this.store.get(resource);
    if (existing) return existing;
    const created = new Map<string, KubeObject>();
    this.store.set(resource, created);
    return created;
  }

  /** Requests with this method whose path ends with `suffix`. */
  calls(method: string, suffix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.endsWith(suffix));
  }

  async close(): Promise<void> {
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
    if (request.method === 'GET' && request.path === '/version') return this.version(res);
    const prefix = `/api/v1/namespaces/${this.namespace}/`;
    const [resource = '', name, sub] = request.path.startsWith(prefix)
      ? request.path.slice(prefix.length).split('/')
      : [];
    const kind = kindOf(resource);
    const verb = `${request.method} ${name === undefined ? 'list' : 'one'}${sub ? `/${sub}` : ''}`;
    if (resource === 'events' && verb === 'GET list') return this.listEvents(request, res);
    if (kind && resource === 'pods' && verb === 'GET one/log') return this.log(name ?? '', res);
    if (kind && verb === 'POST list') return this.create(resource, kind, request.body, res);
    if (kind && verb === 'GET list') return this.list(resource, request.query, res);
    if (kind && verb === 'GET one') return this.read(resource, name ?? '', res);
    if (kind && verb === 'DELETE one') return this.remove(resource, name ?? '', res);
    this.unexpected.push(`${request.method} ${request.path}`);
    json(
      res,
      404,
      status(404, 'NotFound', `the fake does not serve ${request.method} ${request.path}`),
    );
  }

  private version(res: ServerResponse): void {
    if (!this.versionAnswers) return json(res, 503, status(503, 'ServiceUnavailable', 'down'));
    json(res, 200, {
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.0-fake',
      platform: 'linux/amd64',
    });
  }

  private create(resource: string, kind: string, body: unknown, res: ServerResponse): void {
    const problems = manifestProblems(body, kind, this.namespace);
    if (problems.length > 0) {
      this.unexpected.push(`invalid ${kind}: ${problems.join('; ')}`);
      return json(res, 422, status(422, 'Invalid', problems.join('; ')));
    }
    const object = body as KubeObject;
    const objects = this.collection(resource);
    const name = object.metadata.name;
    if (objects.has(name))
      return json(res, 409, status(409, 'AlreadyExists', `${resource} "${name}" already exists`));
    const stored = {
      ...object,
      metadata: {
        ...object.metadata,
        namespace: this.namespace,
        uid: `uid-${name}`,
        resourceVersion: String(this.revision++),
        creationTimestamp: new Date().toISOString(),
      },
      ...(resource === 'pods' ? { status: { phase: 'Pending' } } : {}),
    };
    objects.set(name, stored);
    json(res, 201, stored);
  }

  private read(resource: string, name: string, res: ServerResponse): void {
    const object = this.collection(resource).get(name);
    if (!object) return json(res, 404, status(404, 'NotFound', `${resource} "${name}" not found`));
    if (resource === 'pods') object.status = this.nextPodStatus();
    json(res, 200, object);
  }

  private nextPodStatus(): unknown {
    const index = Math.min(this.podReads++, this.podStatuses.length - 1);
    return this.podStatuses[index];
  }

  private remove(resource: string, name: string, res: ServerResponse): void {
    const objects = this.collection(resource);
    const object = objects.get(name);
    if (!object) return json(res, 404, status(404, 'NotFound', `${resource} "${name}" not found`));
    objects.delete(name);
    json(res, 200, object);
  }

  private list(resource: string, query: URLSearchParams, res: ServerResponse): void {
    const selector = query.get('labelSelector') ?? '';
    const items = [...this.collection(resource).values()].filter((o) =>
      matchesSelector(o.metadata.labels, selector),
    );
    json(res, 200, {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: String(this.revision) },
      items,
    });
  }

  private listEvents(request: RecordedRequest, res: ServerResponse): void {
    const selector = request.query.get('fieldSelector') ?? '';
    const items = this.events
      .filter((e) => selector.includes(`involvedObject.name=${e.involvedObject.name}`))
      .map((e, i) => ({ ...e, metadata: { name: `event-${i}`, namespace: this.namespace } }));
    json(res, 200, {
      apiVersion: 'v1',
      kind: 'EventList',
      metadata: { resourceVersion: String(this.revision) },
      items,
    });
  }

  private log(name: string, res: ServerResponse): void {
    if (!this.collection('pods').has(name))
      return json(res, 404, status(404, 'NotFound', `pods "${name}" not found`));
    res.writeHead(200, { 'content-type': 'text/plain' }).end(this.logs.get(name) ?? '');
  }
}

function status(code: number, reason: string, message: string): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
