import { leakedSecrets, manifestProblems, matchesSelector } from './fake-kube-checks';
import { secretRefsOf, secretValues } from './fake-kube-checks';
import { jobLeaks } from './fake-kube-job-checks';
import type { FakeKubeStore, KubeObject } from './fake-kube-store';
import { kubeStatus } from './fake-kube-watch';

/** Writes the HTTP answer (status code and JSON body) of one request. */
export type Answer = (code: number, body: unknown) => void;

/**
 * Create, read, delete and list of the fake's collections, as the real API server answers them:
 * 422 for a manifest it would refuse, 409 for a name in use, 404 for a missing object, and pods
 * that stay Terminating for a while after a delete when `terminationRequests` asks for it.
 */
export class FakeObjects {
  /** The status a pod gets when created; later changes come from the fake's `setPodStatus`. */
  initialPodStatus: unknown = { phase: 'Pending' };
  /** A deleted pod stays Terminating for this many further requests (0: gone at once). */
  terminationRequests = 0;
  private readonly terminating = new Map<string, number>();

  constructor(
    private readonly store: FakeKubeStore,
    private readonly namespace: string,
    private readonly unexpected: string[],
  ) {}

  create(resource: string, kind: string, body: unknown, answer: Answer): void {
    const problems = manifestProblems(body, kind, this.namespace);
    if (problems.length > 0) {
      this.unexpected.push(`invalid ${kind}: ${problems.join('; ')}`);
      return answer(422, kubeStatus(422, 'Invalid', problems.join('; ')));
    }
    this.checkSecrets(kind, body);
    const object = body as KubeObject;
    const name = object.metadata.name;
    const existing = this.store.collection(resource).get(name);
    if (existing) {
      const why = existing.metadata.deletionTimestamp ? 'object is being deleted: ' : '';
      return answer(
        409,
        kubeStatus(409, 'AlreadyExists', `${why}${resource} "${name}" already exists`),
      );
    }
    const metadata = {
      ...object.metadata,
      namespace: this.namespace,
      uid: `uid-${name}`,
      creationTimestamp: new Date().toISOString(),
    };
    const status = resource === 'pods' ? { status: this.initialPodStatus } : {};
    answer(201, this.store.write(resource, 'ADDED', { ...object, metadata, ...status }));
  }

  /** Secret values must never appear in clear elsewhere; a pod must name Secrets that exist. */
  private checkSecrets(kind: string, body: unknown): void {
    if (kind === 'Secret') return;
    const values = [...this.store.collection('secrets').values()].flatMap(secretValues);
    for (const leak of leakedSecrets(body, values)) this.unexpected.push(`${kind}: ${leak}`);
    if (kind === 'Job')
      for (const leak of jobLeaks(body, values)) this.unexpected.push(`Job ${leak}`);
    for (const ref of secretRefsOf(body)) {
      if (!this.store.collection('secrets').has(ref))
        this.unexpected.push(`${kind} refers to missing Secret ${ref}`);
    }
  }

  read(resource: string, name: string, answer: Answer): void {
    const object = this.store.collection(resource).get(name);
    if (!object) return answer(404, kubeStatus(404, 'NotFound', `${resource} "${name}" not found`));
    answer(200, object);
  }

  /** Deletes at once, except pods while `terminationRequests` keeps them Terminating. */
  remove(resource: string, name: string, answer: Answer): void {
    const object = this.store.collection(resource).get(name);
    if (!object) return answer(404, kubeStatus(404, 'NotFound', `${resource} "${name}" not found`));
    if (resource !== 'pods' || this.terminationRequests === 0) {
      return answer(200, this.store.write(resource, 'DELETED', object));
    }
    if (object.metadata.deletionTimestamp) return answer(200, object);
    this.terminating.set(name, this.terminationRequests);
    const metadata = {
      ...object.metadata,
      deletionTimestamp: new Date().toISOString(),
      deletionGracePeriodSeconds: 30,
    };
    answer(200, this.store.write('pods', 'MODIFIED', { ...object, metadata }));
  }

  /** Counts one request against every Terminating pod; those whose count runs out go away. */
  advanceTermination(): void {
    for (const [name, left] of this.terminating) {
      if (left > 1) {
        this.terminating.set(name, left - 1);
        continue;
      }
      this.terminating.delete(name);
      const pod = this.store.collection('pods').get(name);
      if (pod) this.store.write('pods', 'DELETED', pod);
    }
  }

  list(resource: string, query: URLSearchParams, answer: Answer): void {
    const selector = query.get('labelSelector') ?? '';
    const items = [...this.store.collection(resource).values()].filter((o) =>
      matchesSelector(o.metadata.labels, selector),
    );
    answer(200, {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: this.store.resourceVersion },
      items,
    });
  }
}
