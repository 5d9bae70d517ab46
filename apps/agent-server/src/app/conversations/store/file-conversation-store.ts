import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../config/agent-server.config';
import { writeFileAtomic } from './atomic-file';
import { ConversationStore } from './conversation-store';
import { EventAppender, type LineAppender } from './event-appender';
import { type LoadedEvents, loadEventFile } from './event-file';
import { type StoredConversation, StoredConversationSchema } from './stored-conversation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conversations on disk: `<AGENT_STATE_DIR>/conversations/<id>/meta.json` (replaced atomically)
 * and `events.jsonl` (appended). The only code that knows this layout.
 */
@Injectable()
export class FileConversationStore extends ConversationStore {
  private readonly root: string;

  constructor(@Inject(AGENT_SERVER_CONFIG) config: AgentServerConfig) {
    super();
    this.root = join(config.AGENT_STATE_DIR, 'conversations');
  }

  /** Ids of every stored conversation (directories named by a UUID). */
  override async ids(): Promise<string[]> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const entries = await readdir(this.root, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && UUID.test(entry.name))
      .map((e) => e.name);
  }

  override async readMeta(id: string): Promise<StoredConversation> {
    const text = await readFile(this.metaPath(id), 'utf8');
    return StoredConversationSchema.parse(JSON.parse(text));
  }

  /** Creates the conversation's directory and writes its first metadata. */
  override async create(id: string, stored: StoredConversation): Promise<void> {
    await mkdir(this.dir(id), { recursive: true, mode: 0o700 });
    await this.writeMeta(id, stored);
  }

  override writeMeta(id: string, stored: StoredConversation): Promise<void> {
    return writeFileAtomic(this.metaPath(id), `${JSON.stringify(stored)}\n`);
  }

  override loadEvents(id: string): Promise<LoadedEvents> {
    return loadEventFile(this.eventsPath(id));
  }

  override openAppender(id: string): LineAppender {
    return new EventAppender(this.eventsPath(id));
  }

  override async remove(id: string): Promise<void> {
    await rm(this.dir(id), { recursive: true, force: true });
  }

  private dir(id: string): string {
    return join(this.root, id);
  }

  private metaPath(id: string): string {
    return join(this.dir(id), 'meta.json');
  }

  private eventsPath(id: string): string {
    return join(this.dir(id), 'events.jsonl');
  }
}
