import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess } from '../support/app-process';
import { Deployment } from '../runtime-api/deployment';

export const REGISTRY = '127.0.0.1:5000';
export const BASE_IMAGE = 'agentrt-local/node-base:bookworm';

/**
 * runtime-api plus build-service workers sharing one Redis prefix, one queue prefix and one
 * build data dir, pushing under a registry namespace of their own. tearDown removes the
 * replicas, workers, data dir, Redis keys, pushed manifests and local images.
 */
export class BuildDeployment {
  readonly workers: AppProcess[] = [];

  private constructor(
    readonly runtimeApi: Deployment,
    readonly dataDir: string,
    readonly namespace: string,
    private readonly workerEnv: Record<string, string>,
  ) {}

  static async start(
    options: { api?: Record<string, string>; worker?: Record<string, string> } = {},
  ): Promise<BuildDeployment> {
    const dataDir = await mkdtemp(join(tmpdir(), 'agentrt-builds-'));
    const namespace = `agentrt-e2e-${Math.random().toString(16).slice(2, 10)}`;
    const shared = { BUILD_DATA_DIR: dataDir };
    const runtimeApi = await Deployment.start({
      ...shared,
      REGISTRY_PREFIX: `${REGISTRY}/${namespace}`,
      ...options.api,
    });
    const workerEnv = {
      REDIS_URL: runtimeApi.env['REDIS_URL'] ?? '',
      REDIS_KEY_PREFIX: runtimeApi.prefix,
      QUEUE_PREFIX: runtimeApi.env['QUEUE_PREFIX'] ?? '',
      ...shared,
      BUILD_RECONCILE_INTERVAL_SECONDS: '2',
      ...options.worker,
    };
    const deployment = new BuildDeployment(runtimeApi, dataDir, namespace, workerEnv);
    try {
      await deployment.worker();
    } catch (error) {
      await deployment.tearDown();
      throw error;
    }
    return deployment;
  }

  get url(): string {
    return this.runtimeApi.api.url;
  }

  get apiKey(): string {
    return this.runtimeApi.apiKey;
  }

  /** Starts another build-service worker (`overrides` on top of the shared env). */
  async worker(overrides: Record<string, string> = {}): Promise<AppProcess> {
    const worker = await AppProcess.start('build-service', { ...this.workerEnv, ...overrides });
    this.workers.push(worker);
    return await worker.listening();
  }

  async tearDown(): Promise<void> {
    try {
      await Promise.all(this.workers.map((worker) => worker.stop()));
      await this.runtimeApi.tearDown();
    } finally {
      await rm(this.dataDir, { recursive: true, force: true });
      await removeNamespace(this.namespace);
    }
  }
}

/** Deletes every manifest pushed under the namespace, and the engine's copies of the images. */
async function removeNamespace(namespace: string): Promise<void> {
  const catalog = (await (await fetch(`http://${REGISTRY}/v2/_catalog?n=1000`)).json()) as {
    repositories?: string[];
  };
  for (const repo of catalog.repositories ?? []) {
    if (!repo.startsWith(`${namespace}/`)) continue;
    const tags = (await (await fetch(`http://${REGISTRY}/v2/${repo}/tags/list`)).json()) as {
      tags?: string[] | null;
    };
    for (const tag of tags.tags ?? []) {
      const digest = await manifestDigest(repo, tag);
      if (digest)
        await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, { method: 'DELETE' });
    }
  }
  // By id: a tag moved by a rebuild leaves an untagged `<none>` image under the same name.
  const ids = execFileSync('docker', [
    'images',
    '-q',
    '--no-trunc',
    '--filter',
    `reference=${REGISTRY}/${namespace}/*`,
  ])
    .toString()
    .split('\n')
    .filter(Boolean);
  if (ids.length > 0) execFileSync('docker', ['rmi', '-f', ...new Set(ids)], { stdio: 'ignore' });
}

export async function manifestDigest(repo: string, tag: string): Promise<string | undefined> {
  const response = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      Accept: [
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.oci.image.manifest.v1+json',
      ].join(', '),
    },
  });
  return response.ok ? (response.headers.get('docker-content-digest') ?? undefined) : undefined;
}
