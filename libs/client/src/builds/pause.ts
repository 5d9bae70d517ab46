/** A pause between polls that one `wake()` cuts short, even when it comes before the pause. */
export class Pause {
  private pending = false;
  private cut: (() => void) | undefined;

  wake(): void {
    if (this.cut) this.cut();
    else this.pending = true;
  }

  for(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.pending || signal?.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.cut = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.cut = done;
    });
  }
}
