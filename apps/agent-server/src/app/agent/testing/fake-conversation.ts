import { randomUUID } from 'node:crypto';
import {
  type ConversationInfo,
  type Event,
  EventSchema,
  type ExecutionStatus,
} from '@agentrt/contracts';
import type { ConversationHandle, NewEvent } from '../agent-runner';

/**
 * A strict in-memory ConversationHandle for tests: every emitted event must be a valid wire
 * event, nothing may be emitted after the run's final status, and `onEmit` lets a test act at a
 * precise moment (e.g. request a pause once an observation is out).
 */
export class FakeConversation implements ConversationHandle {
  readonly id = randomUUID();
  readonly events: Event[] = [];
  readonly statuses: ExecutionStatus[] = [];
  readonly violations: string[] = [];
  pauseRequested = false;
  private ended = false;
  onEmit: (event: Event) => void = () => undefined;
  private readonly controller = new AbortController();
  private conversation: ConversationInfo;

  constructor(
    info: Partial<ConversationInfo> = {},
    private secretValues: Record<string, string> = {},
  ) {
    const now = new Date().toISOString();
    this.conversation = {
      id: this.id,
      agent: { llm: { model: 'test-model', api_key: 'sk-test-api-key' }, tools: [] },
      workspace: { working_dir: 'project' },
      execution_status: 'running',
      confirmation_policy: { kind: 'NeverConfirm' },
      max_iterations: 50,
      title: null,
      created_at: now,
      updated_at: now,
      ...info,
    };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  info(): ConversationInfo {
    return this.conversation;
  }

  history(): readonly Event[] {
    return this.events;
  }

  secrets(): Readonly<Record<string, string>> {
    return this.secretValues;
  }

  emit(event: NewEvent): Promise<Event> {
    if (this.ended) this.violations.push(`${event.kind} emitted after the final status`);
    const stored = EventSchema.parse({
      ...event,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
    });
    this.events.push(stored);
    // As the conversations module does: the loop reports usage through `stats` updates.
    if (stored.kind === 'ConversationStateUpdateEvent' && stored.key === 'stats')
      this.conversation = { ...this.conversation, stats: stored.value as Record<string, unknown> };
    this.onEmit(stored);
    return Promise.resolve(stored);
  }

  async setStatus(status: ExecutionStatus): Promise<void> {
    this.statuses.push(status);
    this.conversation = { ...this.conversation, execution_status: status };
    await this.emit({
      kind: 'ConversationStateUpdateEvent',
      source: 'environment',
      key: 'execution_status',
      value: status,
    });
    this.ended = true;
  }

  /** What the conversations module does before calling `run` again. */
  resume(): void {
    this.ended = false;
    this.conversation = { ...this.conversation, execution_status: 'running' };
  }

  /** Appends an event the way the conversations module would (a user message, a rejection). */
  add(event: NewEvent): Event {
    const stored = EventSchema.parse({
      ...event,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
    });
    this.events.push(stored);
    return stored;
  }

  update(info: Partial<ConversationInfo>): void {
    this.conversation = { ...this.conversation, ...info };
  }

  setSecrets(secrets: Record<string, string>): void {
    this.secretValues = secrets;
  }

  abort(): void {
    this.controller.abort();
  }

  kinds(): string[] {
    return this.events.map((event) => event.kind);
  }
}
