import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * `/ready` answers 503 until the app has booted and every registered start-up task (loading
 * persisted conversations, ...) has finished.
 */
@Injectable()
export class Readiness implements OnApplicationBootstrap {
  private booted = false;
  private readonly pending = new Set<Promise<unknown>>();
  private failure: Error | undefined;

  /** Holds readiness until `task` settles; a failed task keeps the server not-ready. */
  gate(task: Promise<unknown>): void {
    this.pending.add(task);
    task.then(
      () => this.pending.delete(task),
      (error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
      },
    );
  }

  onApplicationBootstrap(): void {
    this.booted = true;
  }

  get ready(): boolean {
    return this.booted && this.pending.size === 0 && !this.failure;
  }

  get reason(): string {
    if (this.failure) return `start-up failed: ${this.failure.message}`;
    return this.booted ? 'still loading state' : 'starting';
  }
}
