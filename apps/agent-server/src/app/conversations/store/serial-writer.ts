/**
 * Runs `write` one at a time and coalesces bursts: calls made while a write is running share
 * the single write that starts after it. `write` reads the state when it runs, so the last
 * state always lands on disk without writing every intermediate one.
 */
export class SerialWriter {
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(private readonly write: () => Promise<void>) {}

  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.chain.then(() => {
      this.queued = undefined;
      return this.write();
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write asked for so far has finished (successfully or not). */
  idle(): Promise<void> {
    return this.chain;
  }
}
