/** Earlier versions kept per file (as OpenHands' editor). */
const MAX_VERSIONS = 10;

/** Per conversation and file, the contents before each edit, for `undo_edit`. */
export class FileHistory {
  private readonly versions = new Map<string, Map<string, string[]>>();

  push(conversationId: string, path: string, before: string): void {
    let files = this.versions.get(conversationId);
    if (!files) this.versions.set(conversationId, (files = new Map()));
    const stack = files.get(path) ?? [];
    stack.push(before);
    if (stack.length > MAX_VERSIONS) stack.shift();
    files.set(path, stack);
  }

  /** The content before the last edit, removed from the history; undefined when none. */
  pop(conversationId: string, path: string): string | undefined {
    return this.versions.get(conversationId)?.get(path)?.pop();
  }

  forget(conversationId: string): void {
    this.versions.delete(conversationId);
  }
}
