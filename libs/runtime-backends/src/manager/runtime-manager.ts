import type {
  BackendName,
  ExecResult,
  OwnedRuntime,
  RuntimeBackend,
  RuntimeHandle,
  RuntimeInspection,
  RuntimeSpec,
} from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';

/** What `reconcile` found for the runtime ids the caller holds records for. */
export interface ReconcileResult {
  /** Alive on some backend and recorded: the caller keeps managing them. */
  adopted: OwnedRuntime[];
  /** Recorded but no longer running anywhere: the caller marks them stopped. */
  vanished: string[];
}

/**
 * Registers backends by name and routes every handle to the backend that made it
 * (`handle.backend`), so callers never pick a backend after `start`.
 */
export class RuntimeManager {
  private readonly backends = new Map<BackendName, RuntimeBackend>();

  constructor(backends: readonly RuntimeBackend[] = []) {
    for (const backend of backends) this.register(backend);
  }

  /** Adds a backend; two backends with one name would make routing ambiguous. */
  register(backend: RuntimeBackend): void {
    if (this.backends.has(backend.name)) {
      throw new Error(`runtime backend '${backend.name}' is already registered`);
    }
    this.backends.set(backend.name, backend);
  }

  /** The backend registered under `name`; RuntimeBackendError `backend_unavailable` otherwise. */
  backend(name: BackendName): RuntimeBackend {
    const backend = this.backends.get(name);
    if (!backend) {
      throw new RuntimeBackendError(
        'backend_unavailable',
        `no runtime backend '${name}' is configured`,
      );
    }
    return backend;
  }

  /** Names of the registered backends, in registration order. */
  names(): BackendName[] {
    return [...this.backends.keys()];
  }

  // The routing methods are async so an unknown backend rejects like any other failure.
  async start(backendName: BackendName, spec: RuntimeSpec): Promise<RuntimeHandle> {
    return await this.backend(backendName).start(spec);
  }

  async stop(handle: RuntimeHandle): Promise<void> {
    return await this.backend(handle.backend).stop(handle);
  }

  async pause(handle: RuntimeHandle): Promise<void> {
    return await this.backend(handle.backend).pause(handle);
  }

  async resume(handle: RuntimeHandle): Promise<RuntimeHandle> {
    return await this.backend(handle.backend).resume(handle);
  }

  async inspect(handle: RuntimeHandle): Promise<RuntimeInspection> {
    return await this.backend(handle.backend).inspect(handle);
  }

  async exec(
    handle: RuntimeHandle,
    argv: readonly string[],
    options?: { timeoutMs?: number },
  ): Promise<ExecResult> {
    return await this.backend(handle.backend).exec(handle, argv, options);
  }

  attachCommand(handle: RuntimeHandle, tmuxSession: string): string[] {
    return this.backend(handle.backend).attachCommand(handle, tmuxSession);
  }

  /** Owned runtimes on every backend; rejects when one backend cannot list (no partial truth). */
  async listAll(): Promise<OwnedRuntime[]> {
    const lists = await Promise.all([...this.backends.values()].map((backend) => backend.list()));
    return lists.flat();
  }

  /**
   * Leak safety: stops every owned runtime whose id has no live record and returns what it
   * removed. Tries every one before failing, so one stuck runtime does not shield the rest.
   */
  async sweep(liveRuntimeIds: ReadonlySet<string>): Promise<OwnedRuntime[]> {
    const orphans = (await this.listAll()).filter((r) => !liveRuntimeIds.has(r.handle.runtimeId));
    const results = await Promise.allSettled(orphans.map((orphan) => this.stop(orphan.handle)));
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length > 0)
      throw new AggregateError(errors, `sweep: ${errors.length} stop(s) failed`);
    return orphans;
  }

  /** Splits the recorded runtime ids into live runtimes to adopt and ids whose runtime is gone. */
  async reconcile(recordedRuntimeIds: Iterable<string>): Promise<ReconcileResult> {
    const alive = new Map(
      (await this.listAll())
        .filter((runtime) => runtime.status !== 'stopped')
        .map((runtime) => [runtime.handle.runtimeId, runtime]),
    );
    const adopted: OwnedRuntime[] = [];
    const vanished: string[] = [];
    for (const id of new Set(recordedRuntimeIds)) {
      const runtime = alive.get(id);
      if (runtime) adopted.push(runtime);
      else vanished.push(id);
    }
    return { adopted, vanished };
  }
}
