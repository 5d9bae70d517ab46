import type { Event } from '@agentrt/contracts';
import { ConversationStore } from '../store/conversation-store';
import type { LineAppender } from '../store/event-appender';
import type { LoadedEvents } from '../store/event-file';
import type { StoredConversation } from '../store/stored-conversation';

/**
 * A ConversationStore in memory for tests: metadata kept as the JSON the file store would
 * write, event lines as appended. Unknown ids fail as a missing file would, and appending
 * through a closed appender fails, so tests notice writes after unload or delete.
 */
export class MemoryConversationStore extends ConversationStore {
  readonly metas = new Map<string, string>();
  readonly lines = new Map<string, string[]>();
  openAppenders = 0;

  override ids(): Promise<string[]> {
    return Promise.resolve([...this.metas.keys()]);
  }

  override readMeta(id: string): Promise<StoredConversation> {
    const meta = this.metas.get(id);
    if (meta === undefined) return Promise.reject(new Error(`ENOENT: no meta for ${id}`));
    return Promise.resolve(JSON.parse(meta) as StoredConversation);
  }

  override create(id: string, stored: StoredConversation): Promise<void> {
    this.lines.set(id, []);
    return this.writeMeta(id, stored);
  }

  override writeMeta(id: string, stored: StoredConversation): Promise<void> {
    this.metas.set(id, JSON.stringify(stored));
    return Promise.resolve();
  }

  override loadEvents(id: string): Promise<LoadedEvents> {
    const lines = this.lines.get(id) ?? [];
    return Promise.resolve({
      events: lines.map((line) => ({ event: JSON.parse(line) as Event, line })),
      problems: [],
    });
  }

  override openAppender(id: string): LineAppender {
    const lines = this.lines.get(id);
    if (!lines) throw new Error(`no event file for ${id}`);
    this.openAppenders += 1;
    let open = true;
    return {
      append: (line) => {
        if (!open) throw new Error('append after close');
        lines.push(line);
      },
      close: () => {
        if (open) this.openAppenders -= 1;
        open = false;
        return Promise.resolve();
      },
    };
  }

  override remove(id: string): Promise<void> {
    this.metas.delete(id);
    this.lines.delete(id);
    return Promise.resolve();
  }

  /** The stored events of `id`, parsed. */
  events(id: string): Event[] {
    return (this.lines.get(id) ?? []).map((line) => JSON.parse(line) as Event);
  }

  /** The stored metadata of `id`, parsed. */
  stored(id: string): StoredConversation | undefined {
    const meta = this.metas.get(id);
    return meta === undefined ? undefined : (JSON.parse(meta) as StoredConversation);
  }
}
