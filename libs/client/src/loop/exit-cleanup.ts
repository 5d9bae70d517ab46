import type { AgentRuntime } from './agent-runtime';

const SIGNAL_EXIT_CODES: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = {
  SIGINT: 130,
  SIGTERM: 143,
  SIGHUP: 129,
};
const SIGNAL_CLEANUP_MS = 15_000;

/**
 * Runtimes that must not outlive this process. On SIGINT/SIGTERM/SIGHUP they are stopped
 * (asynchronously, bounded) before the process exits with the signal's code; at any other exit
 * (`process.exit`, the end of the program, an uncaught error) each is stopped synchronously.
 */
export class ExitCleanup {
  private readonly runtimes = new Set<AgentRuntime>();
  private installed = false;
  private stopping: Promise<void> | undefined;

  add(runtime: AgentRuntime): void {
    this.install();
    this.runtimes.add(runtime);
  }

  delete(runtime: AgentRuntime): void {
    this.runtimes.delete(runtime);
  }

  get size(): number {
    return this.runtimes.size;
  }

  private install(): void {
    if (this.installed) return;
    this.installed = true;
    process.once('exit', () => {
      for (const runtime of this.runtimes) runtime.stopSync();
    });
    for (const signal of Object.keys(SIGNAL_EXIT_CODES) as (keyof typeof SIGNAL_EXIT_CODES)[]) {
      process.once(signal, () => void this.onSignal(signal));
    }
  }

  private async onSignal(signal: keyof typeof SIGNAL_EXIT_CODES): Promise<void> {
    this.stopping ??= this.stopAll();
    await this.stopping;
    // Another handler of this signal decides when the process ends; otherwise we end it, as
    // the signal's default action would have.
    if (process.listenerCount(signal) === 0) process.exit(SIGNAL_EXIT_CODES[signal]);
  }

  private async stopAll(): Promise<void> {
    const limit = new Promise((resolve) => setTimeout(resolve, SIGNAL_CLEANUP_MS).unref());
    const stops = [...this.runtimes].map(async (runtime) => {
      await runtime.stop().catch(() => runtime.stopSync());
      this.runtimes.delete(runtime);
    });
    await Promise.race([Promise.allSettled(stops), limit]);
  }
}

/** One per process: exit handlers are process-wide. */
export const exitCleanup = new ExitCleanup();
