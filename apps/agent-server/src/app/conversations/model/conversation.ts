import {
  type ConversationInfo,
  type Event,
  type ExecutionStatus,
  type Secrets,
} from '@agentrt/contracts';
import type { NewEvent } from '../../agent/agent-runner';
import type { StoredConversation } from '../store/stored-conversation';
import type { ConversationContext } from './conversation-context';
import { ConversationGoneError } from './conversation-gone.error';
import { ConversationRecord } from './conversation-record';
import { ConversationSecrets } from './conversation-secrets';
import { ConversationStream } from './conversation-stream';
import type { EventHub, FrameSink } from './event-hub';
import type { EventLog } from './event-log';
import { maskInfo } from './masking';
import { isoFromMicros } from './timestamps';

/**
 * Info fields the agent loop may update by emitting a state update with that key (usage stats
 * as they accrue; a status emitted directly rather than through `setStatus`).
 */
const MIRRORED_KEYS = new Set(['stats', 'metrics', 'execution_status']);

/**
 * One conversation: its metadata (always in memory), its events (in memory while in use), and
 * its run state. Metadata changes are saved before they are announced as events.
 */
export class Conversation {
  readonly record: ConversationRecord;
  readonly secrets: ConversationSecrets;
  /** Aborted when the conversation is deleted or the server shuts down. */
  readonly abort = new AbortController();
  /** The run in progress; set synchronously when a run starts, so two never overlap. */
  activeRun: Promise<void> | undefined;
  pauseRequested = false;
  /** A message asked for a run while one was going; checked when that run ends. */
  followUpRequested = false;
  /** When it was last used (clock ms); the idle sweep unloads it after a while. */
  lastUsed: number;
  private readonly stream: ConversationStream;
  private gone = false;

  constructor(
    stored: StoredConversation,
    private readonly context: ConversationContext,
  ) {
    const id = stored.info.id;
    const now = () => isoFromMicros(context.clock() * 1000);
    this.record = new ConversationRecord(stored, (next) => context.store.writeMeta(id, next), now);
    this.secrets = new ConversationSecrets(stored.secrets, stored.info.agent.llm.api_key);
    this.stream = new ConversationStream(id, context, this.secrets);
    this.lastUsed = context.clock();
  }

  get id(): string {
    return this.record.info.id;
  }

  get status(): ExecutionStatus {
    return this.record.info.execution_status;
  }

  get deleted(): boolean {
    return this.gone;
  }

  get hub(): EventHub {
    return this.stream.hub;
  }

  /** Running, subscribed to, or loading: such a conversation is never unloaded. */
  get inUse(): boolean {
    return this.activeRun !== undefined || this.hub.size > 0 || this.stream.isLoading;
  }

  /** The info as clients may see it. */
  maskedInfo(): ConversationInfo {
    return maskInfo(this.record.info);
  }

  /** Adds or replaces secrets by name; their values are never shown again. */
  async updateSecrets(secrets: Secrets): Promise<void> {
    this.assertPresent();
    await this.record.mergeSecrets(secrets);
    this.secrets.add(secrets);
  }

  /** The events, loaded from disk if they were unloaded. */
  events(): Promise<EventLog> {
    this.markUsed();
    return this.stream.log();
  }

  /** Restarts the idle countdown (after a run or a subscription ends, too). */
  markUsed(): void {
    this.lastUsed = this.context.clock();
  }

  /** Adds a subscriber; the returned function removes it. */
  subscribe(sink: FrameSink): () => void {
    const remove = this.hub.add(sink);
    return () => {
      remove();
      this.markUsed();
    };
  }

  async emit(event: NewEvent): Promise<Event> {
    const log = await this.events();
    this.assertPresent();
    const stamped = this.stream.append(log, event);
    this.mirror(stamped);
    this.record.touch();
    return stamped;
  }

  setStatus(status: ExecutionStatus): Promise<void> {
    return this.change('execution_status', status);
  }

  /** Saves a new value for an info field, then tells subscribers with a state update. */
  async change<K extends keyof ConversationInfo & string>(
    key: K,
    value: ConversationInfo[K],
  ): Promise<void> {
    this.assertPresent();
    await this.record.update((info) => {
      info[key] = value;
    });
    await this.emit({ kind: 'ConversationStateUpdateEvent', source: 'environment', key, value });
  }

  /** Drops the events from memory; false (and nothing done) while in use or not loaded. */
  async unload(): Promise<boolean> {
    if (this.inUse || !this.stream.loaded) return false;
    await this.close();
    return true;
  }

  /**
   * Refuses every later change, aborts a run and persists `deleting`, so a crash before the
   * files are gone finishes the deletion at boot. The caller then closes and removes it.
   */
  async markDeleted(): Promise<void> {
    this.assertPresent();
    this.gone = true;
    this.abort.abort(new ConversationGoneError(this.id));
    await this.record.update((info) => {
      info.execution_status = 'deleting';
    });
  }

  /** Saves pending metadata and closes the event file. */
  async close(): Promise<void> {
    await Promise.all([this.stream.release(), this.record.flush()]);
  }

  private mirror(event: Event): void {
    if (event.kind !== 'ConversationStateUpdateEvent' || !MIRRORED_KEYS.has(event.key)) return;
    (this.record.info as Record<string, unknown>)[event.key] = event.value;
  }

  private assertPresent(): void {
    if (this.gone) throw new ConversationGoneError(this.id);
  }
}
