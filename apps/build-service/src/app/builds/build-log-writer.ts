import type { BuildLogStore } from '@agentrt/blob-store';
import type { Logger } from '@nestjs/common';

/**
 * Appends a build's log lines in order from a synchronous sink (the builder's onLog). A log
 * that cannot be written must not fail the build: the first failure is reported once.
 */
export class BuildLogWriter {
  private chain: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly logs: BuildLogStore,
    private readonly buildId: string,
    private readonly logger: Logger,
  ) {}

  readonly line = (text: string): void => {
    this.chain = this.chain.then(() => this.logs.append(this.buildId, text)).catch(this.warn);
  };

  /** Every line written so far has reached the store. */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Writes what is pending and marks the log complete, so followers end. */
  async close(): Promise<void> {
    await this.chain;
    await this.logs.close(this.buildId).catch(this.warn);
  }

  private readonly warn = (error: unknown): void => {
    if (this.warned) return;
    this.warned = true;
    const err = error instanceof Error ? error.message : String(error);
    this.logger.warn({ build_id: this.buildId, err }, 'cannot write the build log');
  };
}
