import type Dockerode from 'dockerode';

/** A host file or directory mounted read-only into every runtime (e.g. `~/.gitconfig`). */
export interface CredentialMount {
  hostPath: string;
  containerPath: string;
}

/** Where a runtime's workspace lives: a named volume per runtime, or a directory under a host root. */
export type WorkspaceMode = { kind: 'volume' } | { kind: 'bind'; root: string };

/** Configuration of {@link DockerBackend}; everything but `docker` and `owner` has a default. */
export interface DockerBackendOptions {
  /** A Dockerode client, or the path of the engine's socket. */
  docker: Dockerode | string;
  /** Ownership label value: which deployment (or test run) owns the containers. */
  owner: string;
  /** A named bridge network, or 'host'. Default 'bridge'. */
  network?: string;
  /** Address ports are published on. Default '127.0.0.1'. */
  publishHost?: string;
  /** CPUs per resource-factor unit. Default 1. */
  cpusPerUnit?: number;
  /** Memory bytes per resource-factor unit. Default 2 GiB. */
  memoryBytesPerUnit?: number;
  /** Mounted only when the host path exists, so one config fits machines with and without them. */
  credentialMounts?: readonly CredentialMount[];
  /** Default a named volume `agentrt-ws-<runtimeId>`. */
  workspace?: WorkspaceMode;
  /** Where the workspace is mounted in the container. Default '/workspace'. */
  workspacePath?: string;
  /** Injected so tests can drive readiness waits without real time. */
  clock?: Clock;
}

/** Time as the backend sees it. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Options with defaults applied. */
export type ResolvedDockerOptions = Required<Omit<DockerBackendOptions, 'docker'>>;

export function resolveOptions(options: DockerBackendOptions): ResolvedDockerOptions {
  return {
    owner: options.owner,
    network: options.network ?? 'bridge',
    publishHost: options.publishHost ?? '127.0.0.1',
    cpusPerUnit: options.cpusPerUnit ?? 1,
    memoryBytesPerUnit: options.memoryBytesPerUnit ?? 2 * 1024 ** 3,
    credentialMounts: options.credentialMounts ?? [],
    workspace: options.workspace ?? { kind: 'volume' },
    workspacePath: options.workspacePath ?? '/workspace',
    clock: options.clock ?? systemClock,
  };
}
