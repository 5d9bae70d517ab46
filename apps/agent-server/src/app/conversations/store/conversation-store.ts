import type { LineAppender } from './event-appender';
import type { LoadedEvents } from './event-file';
import type { StoredConversation } from './stored-conversation';

/**
 * Where conversations persist: their metadata, replaced whole, and their events, appended.
 * The DI token is this class; {@link FileConversationStore} is the implementation.
 */
export abstract class ConversationStore {
  /** Ids of every stored conversation. */
  abstract ids(): Promise<string[]>;
  abstract readMeta(id: string): Promise<StoredConversation>;
  /** Creates the conversation's storage with its first metadata. */
  abstract create(id: string, stored: StoredConversation): Promise<void>;
  /** Replaces the metadata; a crash leaves the old or the new, never a mix. */
  abstract writeMeta(id: string, stored: StoredConversation): Promise<void>;
  abstract loadEvents(id: string): Promise<LoadedEvents>;
  abstract openAppender(id: string): LineAppender;
  abstract remove(id: string): Promise<void>;
}
