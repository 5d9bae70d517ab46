import { waitFor, type FakeKubeApiServer } from '@agentrt/testing';
import type { PublishRequest, StoredContext } from '../publisher';
import { KubernetesJobPublisher } from './kubernetes-job-publisher';
import type { KubernetesJobPublisherOptions } from './kubernetes-publisher-options';

/** Shared setup of the KubernetesJobPublisher specs (test-only). */
export const NS = 'agentrt-builds';
export const CONTEXT_DIGEST = `sha256:${'ab12cd34'.repeat(8)}`;
export const IMAGE_DIGEST = `sha256:${'c0ffee00'.repeat(8)}`;
/** The API token; it must never show up in what the publisher sends as a Job. */
export const API_TOKEN = 'kube-token-5d1e9a7c3b';

export function publisherFor(
  fake: { url: string },
  overrides: Partial<KubernetesJobPublisherOptions> = {},
): KubernetesJobPublisher {
  return new KubernetesJobPublisher({
    cluster: { server: fake.url, token: API_TOKEN, skipTlsVerify: true },
    namespace: NS,
    contextVolume: { claimName: 'agentrt-blobs', mountPath: '/blobs' },
    contextPath: (digest) => `contexts/${digest.replace(':', '/')}.tar.gz`,
    insecureRegistries: ['127.0.0.1:5000'],
    pollIntervalMs: 10,
    ...overrides,
  });
}

/**
 * A stored context that refuses to be read: on Kubernetes the builder reads the tar.gz from
 * the shared volume, so the worker must never stream it itself.
 */
export function sharedContext(): StoredContext & { opened: number } {
  const context = {
    digest: CONTEXT_DIGEST,
    opened: 0,
    open: () => {
      context.opened += 1;
      return Promise.reject(new Error('the Kubernetes publisher must not read the context'));
    },
  };
  return context;
}

/** A request whose log lines land in `lines`. */
export function publishRequest(
  lines: string[],
  overrides: Partial<PublishRequest> = {},
): PublishRequest {
  return {
    context: sharedContext(),
    tags: ['127.0.0.1:5000/agentrt/app:v1'],
    timeoutMs: 600_000,
    onLog: (line) => lines.push(line),
    ...overrides,
  };
}

/** The name of the one build Job, once the publisher created it. */
export function createdJob(fake: FakeKubeApiServer): Promise<string> {
  const name = (): string | undefined => [...fake.collection('jobs').keys()][0];
  return waitFor(() => Promise.resolve(name()), { description: 'a build Job' });
}

/** Waits until a synchronous condition holds (waitFor takes an async one). */
export function until(condition: () => boolean, description: string): Promise<boolean> {
  return waitFor(() => Promise.resolve(condition()), { description });
}

/** What the fake still holds: nothing, once a build ended however it ended. */
export function leftovers(fake: FakeKubeApiServer): string[] {
  return ['jobs', 'pods'].flatMap((kind) => [...fake.collection(kind).keys()]);
}
