/**
 * Runs the operations on one name one after another: a start, restart and delete of the same CLI
 * agent must not interleave (two starts would both see the name free).
 */
export class PerNameQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(name: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const next = previous.then(operation);
    const tail = next.catch(() => undefined);
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    return next;
  }
}
