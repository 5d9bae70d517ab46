import { existsSync } from 'node:fs';
import Dockerode from 'dockerode';
import { LABELS, MANAGED_BY } from '../labels';
import type {
  ExecResult,
  OwnedRuntime,
  RuntimeBackend,
  RuntimeHandle,
  RuntimeInspection,
  RuntimeSpec,
} from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { notFoundInspection, toOwnedRuntime } from './owned-runtime';
import { logsTail, prepareWorkspace, removeRuntime } from './runtime-resources';
import { buildCreateOptions } from './create-options';
import { execInContainer } from './docker-exec';
import {
  alreadyExists,
  isConflict,
  isNotFound,
  operationError,
  toBackendError,
} from './docker-errors';
import {
  resolveOptions,
  type DockerBackendOptions,
  type ResolvedDockerOptions,
} from './docker-options';
import { endpointsOf } from './endpoints';
import { ensureImage } from './image-puller';
import { toInspection } from './inspection';
import { attachArgv, containerName } from './names';
import { setPaused } from './set-paused';
import { startReady } from './start-ready';

const DEFAULT_EXEC_TIMEOUT_MS = 60_000;

/**
 * Runs each runtime as one labelled container (`agentrt-<runtimeId>`) with its own workspace on a
 * Docker engine. State lives only on the engine, so a fresh instance finds runtimes by labels.
 */
export class DockerBackend implements RuntimeBackend {
  readonly name = 'docker' as const;
  private readonly docker: Dockerode;
  private readonly options: ResolvedDockerOptions;
  private engineCpus: number | undefined;

  constructor(options: DockerBackendOptions) {
    this.docker =
      typeof options.docker === 'string'
        ? new Dockerode({ socketPath: options.docker })
        : options.docker;
    this.options = resolveOptions(options);
  }

  async start(spec: RuntimeSpec): Promise<RuntimeHandle> {
    await ensureImage(this.docker, spec).catch((error: unknown) => {
      throw toBackendError(error, 'start_failed', `checking image ${spec.image}`);
    });
    try {
      await prepareWorkspace(this.docker, this.options, spec.runtimeId);
      return await startReady(this.docker, this.options, spec, await this.createOptions(spec));
    } catch (error) {
      // A name conflict means another start owns these resources: leave them alone.
      if (isConflict(error)) throw alreadyExists(spec.runtimeId);
      await removeRuntime(this.docker, this.options, spec.runtimeId);
      throw toBackendError(error, 'start_failed', `starting runtime ${spec.runtimeId}`);
    }
  }

  async stop(handle: RuntimeHandle): Promise<void> {
    await removeRuntime(this.docker, this.options, handle.runtimeId).catch((error: unknown) => {
      throw toBackendError(error, 'start_failed', `stopping runtime ${handle.runtimeId}`);
    });
  }

  async pause(handle: RuntimeHandle): Promise<void> {
    await setPaused(this.container(handle), true, `pausing runtime ${handle.runtimeId}`);
  }

  async resume(handle: RuntimeHandle): Promise<RuntimeHandle> {
    const container = this.container(handle);
    await setPaused(container, false, `resuming runtime ${handle.runtimeId}`);
    return { ...handle, endpoints: endpointsOf(await container.inspect(), this.options) };
  }

  async inspect(handle: RuntimeHandle): Promise<RuntimeInspection> {
    try {
      const info = await this.container(handle).inspect();
      return toInspection(info, await logsTail(this.docker, handle.runtimeId));
    } catch (error) {
      if (isNotFound(error)) return notFoundInspection();
      throw toBackendError(error, 'not_found', `inspecting runtime ${handle.runtimeId}`);
    }
  }

  async list(): Promise<OwnedRuntime[]> {
    const containers = await this.docker
      .listContainers({ all: true, filters: { label: this.ownerFilter() } })
      .catch((error: unknown) => {
        throw toBackendError(error, 'backend_unavailable', 'listing containers');
      });
    return containers.map((c) => toOwnedRuntime(c, this.options));
  }

  async exec(
    handle: RuntimeHandle,
    argv: readonly string[],
    options?: { timeoutMs?: number },
  ): Promise<ExecResult> {
    try {
      return await execInContainer(
        this.container(handle),
        argv,
        options?.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS,
      );
    } catch (error) {
      throw operationError(error, `exec in runtime ${handle.runtimeId}`, 'exec_failed');
    }
  }

  attachCommand(handle: RuntimeHandle, tmuxSession: string): string[] {
    return attachArgv(containerName(handle.runtimeId), tmuxSession);
  }

  async ping(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (error) {
      throw new RuntimeBackendError(
        'backend_unavailable',
        `Docker engine does not answer: ${String(error)}`,
      );
    }
  }

  private container(handle: RuntimeHandle): Dockerode.Container {
    return this.docker.getContainer(containerName(handle.runtimeId));
  }

  private async createOptions(spec: RuntimeSpec): Promise<Dockerode.ContainerCreateOptions> {
    this.engineCpus ??= ((await this.docker.info()) as { NCPU: number }).NCPU;
    return buildCreateOptions(spec, this.options, {
      engineCpus: this.engineCpus,
      pathExists: existsSync,
      createdAt: new Date(),
    });
  }

  private ownerFilter(): string[] {
    return [`${LABELS.managedBy}=${MANAGED_BY}`, `${LABELS.owner}=${this.options.owner}`];
  }
}
