import { ApiException } from '@agentrt/platform';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../config/agent-server.config';
import { type Clock, CLOCK } from '../../health/activity-tracker';
import { Readiness } from '../../health/readiness';
import { Conversation } from '../model/conversation';
import type { ConversationContext } from '../model/conversation-context';
import { AgentRunnerRef } from '../runs/agent-runner-ref';
import { ConversationStore } from '../store/conversation-store';
import type { StoredConversation } from '../store/stored-conversation';
import { loadIndex } from './load-index';

/** How long shutdown waits for aborted runs to record their final status. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * Every conversation of this server by id. Metadata stays in memory; events are loaded on
 * demand and unloaded by a periodic sweep once a conversation has been idle for
 * `CONVERSATION_IDLE_TTL_SECONDS`. `/ready` waits for the index to be read at boot.
 */
@Injectable()
export class ConversationRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ConversationRegistry.name);
  private readonly conversations = new Map<string, Conversation>();
  private readonly context: ConversationContext;
  private indexed: Promise<void> = Promise.resolve();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ConversationStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
    private readonly readiness: Readiness,
    private readonly runners: AgentRunnerRef,
  ) {
    this.context = { store, clock, logger: this.logger };
  }

  onModuleInit(): void {
    this.indexed = loadIndex(this.store, this.context, this.conversations, this.logger);
    this.readiness.gate(this.indexed);
    const ttlMs = this.config.CONVERSATION_IDLE_TTL_SECONDS * 1000;
    const every = Math.max(1000, Math.min(60_000, ttlMs / 2));
    this.sweepTimer = setInterval(() => void this.sweep(), every).unref();
  }

  /** Resolves once the stored conversations are indexed (at boot). */
  ready(): Promise<void> {
    return this.indexed;
  }

  async all(): Promise<Conversation[]> {
    await this.indexed;
    return [...this.conversations.values()];
  }

  async find(id: string): Promise<Conversation | undefined> {
    await this.indexed;
    const conversation = this.conversations.get(id);
    return conversation?.deleted ? undefined : conversation;
  }

  /** The conversation, or a 404 naming it. */
  async require(id: string): Promise<Conversation> {
    const conversation = await this.find(id);
    if (!conversation) throw new ApiException(404, `Conversation ${id} not found`, 'not_found');
    return conversation;
  }

  /** Persists a new conversation and indexes it. */
  async create(stored: StoredConversation): Promise<Conversation> {
    await this.store.create(stored.info.id, stored);
    const conversation = new Conversation(stored, this.context);
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Removes a (closed) conversation's files and forgets it. */
  async remove(id: string): Promise<void> {
    await this.store.remove(id);
    this.conversations.delete(id);
  }

  /** Unloads the events of conversations idle for longer than the TTL. */
  async sweep(): Promise<number> {
    const cutoff = this.clock() - this.config.CONVERSATION_IDLE_TTL_SECONDS * 1000;
    const idle = [...this.conversations.values()].filter((c) => c.lastUsed <= cutoff);
    const unloaded = await Promise.all(idle.map((c) => this.unload(c)));
    return unloaded.filter(Boolean).length;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    const conversations = [...this.conversations.values()];
    conversations.forEach((c) => c.abort.abort(new Error('the agent server is shutting down')));
    const runs = conversations.flatMap((c) => (c.activeRun ? [c.activeRun] : []));
    await Promise.race([
      Promise.all(runs),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
    ]);
    await Promise.all(conversations.map((c) => c.close()));
  }

  private async unload(conversation: Conversation): Promise<boolean> {
    try {
      if (!(await conversation.unload())) return false;
      await this.runners.get()?.release(conversation.id);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, conversation_id: conversation.id }, 'unloading failed');
      return false;
    }
  }
}
