import type { PodStatus, RuntimeStatus } from '@agentrt/contracts';

/** The backends agentrt can run runtimes on. */
export type BackendName = 'local' | 'docker' | 'kubernetes';

/** How to tell that a started runtime is ready: an HTTP GET on one of its ports answering 2xx. */
export interface ReadinessProbe {
  port: number;
  path: string;
  timeoutMs: number;
}

/** Everything needed to start one runtime; our own type, independent of any SDK. */
export interface RuntimeSpec {
  /** Our id; used in resource names and labels. Lowercase letters, digits and '-'. */
  runtimeId: string;
  sessionId: string;
  /** Image reference (ignored by the local backend, which runs the agent server directly). */
  image: string;
  /** argv; empty means the image's default command. */
  command: readonly string[];
  workingDir?: string;
  environment: Readonly<Record<string, string>>;
  /** Ports the runtime listens on; the first is the agent server's. */
  ports: readonly number[];
  /** CPU and memory are a base unit times this factor. */
  resourceFactor: 1 | 2 | 4 | 8;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** Kubernetes runtimeClassName hint; other backends ignore it. */
  runtimeClass?: string;
  /** Extra labels; the backend adds the ownership labels itself. */
  labels: Readonly<Record<string, string>>;
  readiness?: ReadinessProbe;
}

/** A started runtime as its backend knows it; serialisable, so it can live in Redis. */
export interface RuntimeHandle {
  backend: BackendName;
  runtimeId: string;
  /** Backend-specific reference: a process group id, a container id, a pod name. */
  ref: string;
  /** Container port -> base URL the platform (the proxy) uses to reach it. Internal only. */
  endpoints: Record<number, string>;
}

/** A backend-side event worth showing a user whose start hangs (pulls, crashes, OOM kills). */
export interface RuntimeEventRecord {
  at: string;
  reason: string;
  message: string;
}

export interface RuntimeInspection {
  status: RuntimeStatus;
  podStatus: PodStatus;
  restartCount: number;
  restartReasons: string[];
  /** The last lines of the runtime's output. */
  logsTail: string;
  events: RuntimeEventRecord[];
  createdAt: string;
  labels: Record<string, string>;
}

/** A runtime found on the backend carrying our ownership labels. */
export interface OwnedRuntime {
  handle: RuntimeHandle;
  sessionId: string;
  status: RuntimeStatus;
  createdAt: string;
  labels: Record<string, string>;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * One place runtimes run. Modelled on tmux-agents' `AgentRuntime`. Every method returns our own
 * types; implementations are the only code that touches dockerode, the Kubernetes client or
 * child processes for runtimes. Every resource they create carries the ownership labels
 * (see labels.ts) so `list` finds it after a restart and the sweep can remove leftovers.
 */
export interface RuntimeBackend {
  readonly name: BackendName;
  /** Starts and, when `spec.readiness` is set, waits until ready (RuntimeBackendError `not_ready` with the last log lines otherwise). */
  start(spec: RuntimeSpec): Promise<RuntimeHandle>;
  /** Removes everything the runtime held. Idempotent: stopping a gone runtime succeeds. */
  stop(handle: RuntimeHandle): Promise<void>;
  /** Freezes the runtime; its workspace survives. */
  pause(handle: RuntimeHandle): Promise<void>;
  /** Unfreezes it; endpoints may change (the returned handle is authoritative). */
  resume(handle: RuntimeHandle): Promise<RuntimeHandle>;
  /** Status and diagnostics; `podStatus: 'not found'` when the runtime is gone. */
  inspect(handle: RuntimeHandle): Promise<RuntimeInspection>;
  /** Every runtime on this backend carrying this deployment's ownership labels. */
  list(): Promise<OwnedRuntime[]>;
  /** Runs argv inside the runtime and waits for it. */
  exec(
    handle: RuntimeHandle,
    argv: readonly string[],
    options?: { timeoutMs?: number },
  ): Promise<ExecResult>;
  /** argv a person runs to attach to a tmux session inside the runtime. */
  attachCommand(handle: RuntimeHandle, tmuxSession: string): string[];
  /** Resolves when the backend itself (engine, API server) answers; RuntimeBackendError `backend_unavailable` otherwise. */
  ping(): Promise<void>;
}

/** Injection token for the configured backends (an array of RuntimeBackend). */
export const RUNTIME_BACKENDS = Symbol('RUNTIME_BACKENDS');
