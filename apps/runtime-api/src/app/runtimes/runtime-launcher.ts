import type { RuntimeSpec } from '@agentrt/runtime-backends';
import { RuntimeManager } from '@agentrt/runtime-backends';
import { type RuntimeRecord, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { diagnosticsOf } from './runtime-failure';

/**
 * Boots a recorded runtime on the backend and records the outcome. Runs in the background of a
 * `/start`; a stop that arrives meanwhile wins: the booted runtime is then removed again.
 */
@Injectable()
export class RuntimeLauncher implements OnApplicationShutdown {
  private readonly logger = new Logger(RuntimeLauncher.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly booting = new Set<string>();

  constructor(
    private readonly store: RuntimeStore,
    private readonly manager: RuntimeManager,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  /** Starts the boot and returns its promise; it never rejects (failures land on the record). */
  launch(record: RuntimeRecord, spec: RuntimeSpec): Promise<RuntimeRecord | undefined> {
    const boot = this.boot(record, spec);
    this.inFlight.add(boot);
    this.booting.add(record.runtimeId);
    void boot.finally(() => {
      this.inFlight.delete(boot);
      this.booting.delete(record.runtimeId);
    });
    return boot;
  }

  /** True while this replica is booting the runtime. */
  isBooting(runtimeId: string): boolean {
    return this.booting.has(runtimeId);
  }

  /** Lets boots in progress record their outcome before the process exits. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async boot(record: RuntimeRecord, spec: RuntimeSpec): Promise<RuntimeRecord | undefined> {
    const startedAt = Date.now();
    let handle;
    try {
      handle = await this.manager.start(this.config.RUNTIME_BACKEND, spec);
    } catch (error) {
      return await this.recordFailure(record.runtimeId, error);
    }
    const now = new Date().toISOString();
    const stored = await this.store.update(record.runtimeId, (current) =>
      current.status === 'starting'
        ? { ...current, handle, status: 'running', podStatus: 'ready', activeSince: now }
        : undefined,
    );
    if (stored) {
      this.logger.log(
        { runtime_id: record.runtimeId, boot_ms: Date.now() - startedAt, pool: record.pool?.key },
        'runtime ready',
      );
      return stored;
    }
    // Stopped (or failed) while booting: remove what just came up so nothing leaks.
    await this.manager
      .stop(handle)
      .catch((error: unknown) =>
        this.logger.warn({ runtime_id: record.runtimeId, err: error }, 'cleanup after stop failed'),
      );
    return await this.store.get(record.runtimeId);
  }

  private async recordFailure(
    runtimeId: string,
    error: unknown,
  ): Promise<RuntimeRecord | undefined> {
    const diagnostics = diagnosticsOf(error);
    this.logger.warn(
      { runtime_id: runtimeId, reason: diagnostics.reason, err: diagnostics.message },
      'runtime failed to start',
    );
    return await this.store.update(runtimeId, (current) =>
      current.status === 'starting'
        ? {
            ...current,
            status: 'error',
            podStatus: diagnostics.podStatus,
            failure: { reason: diagnostics.reason, message: diagnostics.message },
            podLogs: diagnostics.podLogs,
            events: diagnostics.events,
          }
        : undefined,
    );
  }
}
