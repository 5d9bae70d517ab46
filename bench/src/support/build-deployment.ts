import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildClient } from './build-client';
import { token } from './build-context';
import { removeNamespace } from './build-registry';
import { BenchBuildService } from './build-service-process';
import { BenchRuntimeApi } from './runtime-api-process';

export interface BuildDeploymentOptions {
  distDir: string;
  redisUrl: string;
  /** `host:port` of the local registry (deletes enabled). */
  registry: string;
  workers: number;
  /** WORKER_CONCURRENCY of each worker. */
  concurrency: number;
  /** Repositories (under the namespace) the bench pushes to; close() empties them. */
  repos: readonly string[];
  /** Extra runtime-api variables. */
  apiEnv?: Record<string, string>;
}

/**
 * runtime-api plus build-service workers sharing its Redis prefix, queue prefix and a build data
 * dir of their own, pushing under a registry namespace of their own. close() stops the workers
 * and runtime-api, deletes their Redis keys and data dir, the pushed manifests and local images.
 */
export class BenchBuildDeployment {
  readonly workers: BenchBuildService[] = [];

  private constructor(
    readonly api: BenchRuntimeApi,
    readonly client: BuildClient,
    readonly namespace: string,
    private readonly dataDir: string,
    private readonly options: BuildDeploymentOptions,
  ) {}

  static async start(options: BuildDeploymentOptions): Promise<BenchBuildDeployment> {
    const namespace = `agentrt-bench-${token()}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'agentrt-bench-builds-'));
    const api = await BenchRuntimeApi.start({
      distDir: options.distDir,
      redisUrl: options.redisUrl,
      backend: 'local',
      env: {
        REGISTRY_PREFIX: `${options.registry}/${namespace}`,
        BUILD_DATA_DIR: dataDir,
        ...options.apiEnv,
      },
    }).catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
    const client = new BuildClient(api.client);
    const deployment = new BenchBuildDeployment(api, client, namespace, dataDir, options);
    try {
      for (let i = 1; i <= options.workers; i += 1) await deployment.addWorker(`w${i}`);
    } catch (error) {
      await deployment.close();
      throw error;
    }
    return deployment;
  }

  /** Full reference of `repo:tag` under this deployment's namespace. */
  ref(repo: string, tag: string): string {
    return `${this.options.registry}/${this.namespace}/${repo}:${tag}`;
  }

  async close(): Promise<void> {
    try {
      await Promise.all(this.workers.map((worker) => worker.stop()));
      await this.api.close();
    } finally {
      await rm(this.dataDir, { recursive: true, force: true });
      await removeNamespace(this.options.registry, this.namespace, this.options.repos);
    }
  }

  private async addWorker(name: string): Promise<void> {
    const worker = await BenchBuildService.start({
      distDir: this.options.distDir,
      env: {
        REDIS_URL: this.options.redisUrl,
        REDIS_KEY_PREFIX: this.api.owner,
        QUEUE_PREFIX: this.api.owner,
        BUILD_DATA_DIR: this.dataDir,
        WORKER_ID: `${this.api.owner}-${name}`,
        WORKER_CONCURRENCY: String(this.options.concurrency),
      },
    });
    this.workers.push(worker);
  }
}
