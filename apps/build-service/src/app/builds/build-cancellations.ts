import { BuildStore } from '@agentrt/build-state';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';

/**
 * Running builds by id, each with the controller that stops it. Cancel requests arrive on the
 * store's cancel channel from any runtime-api replica; a build not running here is ignored.
 */
@Injectable()
export class BuildCancellations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BuildCancellations.name);
  private readonly running = new Map<string, AbortController>();
  private unsubscribe?: () => Promise<void>;

  constructor(private readonly store: BuildStore) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.store.subscribeCancels((id) => this.cancel(id));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** A controller for a build that is starting here; release it when the build ends. */
  register(id: string): AbortController {
    const controller = new AbortController();
    this.running.set(id, controller);
    return controller;
  }

  release(id: string): void {
    this.running.delete(id);
  }

  private cancel(id: string): void {
    const controller = this.running.get(id);
    if (!controller) return;
    this.logger.log({ build_id: id }, 'cancelling build on request');
    controller.abort();
  }
}
