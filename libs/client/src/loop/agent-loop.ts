import type { Event, ExecutionStatus } from '@agentrt/contracts';
import { AgentServerClient } from '../agent-server';
import type { AgentRuntime, DebugLog, RuntimeFallback, RuntimeType } from './agent-runtime';
import { type EventFeed, pollEvents } from './event-feed';
import { streamEvents } from './stream-feed';

export interface LlmSettings {
  /** As the agent server reads it, e.g. `openai/gpt-4o` or `litellm_proxy/my-model`. */
  model: string;
  apiKey?: string;
  baseUrl?: string;
}

export interface AgentLoopOptions {
  runtime: AgentRuntime;
  /** Why `runtime` is local when a remote one was asked for. */
  fallback?: RuntimeFallback;
  llm: LlmSettings;
  tools?: string[];
  /** Appended to the agent's system prompt. */
  systemMessageSuffix?: string;
  /** WebSocket events (default) or polling `events/search`. */
  websocket?: boolean;
  debug?: DebugLog;
}

/** `get_agent_status`: the conversation's state and where it runs. */
export interface AgentStatus {
  conversation_id: string;
  execution_status: ExecutionStatus;
  runtime_type: RuntimeType;
  runtime_id: string;
  runtime_state: 'running' | 'paused' | 'stopped';
  /** Present when the loop runs locally because the remote runtime could not start. */
  fallback?: RuntimeFallback;
  events_received: number;
}

export const DEFAULT_TOOLS = ['terminal', 'file_editor', 'task_tracker'];

/** States in which the agent does nothing more until someone acts. */
const SETTLED: ReadonlySet<ExecutionStatus> = new Set<ExecutionStatus>([
  'idle',
  'paused',
  'waiting_for_confirmation',
  'finished',
  'error',
  'stuck',
]);

type Listener = (event: Event) => void;

/**
 * One agent conversation on one runtime, the same whether the runtime is local or remote:
 * send messages, follow the events as they happen, read the status, pause, resume, clean up.
 */
export class AgentLoop {
  private readonly listeners = new Set<Listener>();
  private readonly received: Event[] = [];
  private feed: EventFeed | undefined;
  private state: AgentStatus['runtime_state'] = 'running';
  private resumeRun = false;
  private feedError: Error | undefined;

  private constructor(
    private readonly options: AgentLoopOptions,
    private readonly client: AgentServerClient,
    readonly conversationId: string,
  ) {}

  /** Creates the conversation on the runtime and starts following its events. */
  static async create(options: AgentLoopOptions): Promise<AgentLoop> {
    const { runtime, llm } = options;
    const client = new AgentServerClient({
      baseUrl: runtime.url,
      sessionApiKey: runtime.sessionApiKey,
    });
    const conversation = await client.createConversation({
      agent: {
        llm: {
          model: llm.model,
          ...(llm.apiKey === undefined ? {} : { api_key: llm.apiKey }),
          ...(llm.baseUrl === undefined ? {} : { base_url: llm.baseUrl }),
        },
        tools: (options.tools ?? DEFAULT_TOOLS).map((name) => ({ name })),
        ...(options.systemMessageSuffix
          ? { agent_context: { system_message_suffix: options.systemMessageSuffix } }
          : {}),
      },
      ...(runtime.workingDir === undefined
        ? {}
        : { workspace: { working_dir: runtime.workingDir } }),
      confirmation_policy: { kind: 'NeverConfirm' },
    });
    const loop = new AgentLoop(options, client, conversation.id);
    options.debug?.(`conversation ${conversation.id} on ${runtime.type} runtime ${runtime.id}`);
    await loop.follow();
    return loop;
  }

  get runtime(): AgentRuntime {
    return this.options.runtime;
  }

  /** Every event as it happens, each once and in order; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `send_message`: a user message; the agent starts working on it at once. */
  async sendMessage(text: string): Promise<void> {
    this.assertUsable();
    await this.client.sendMessage(this.conversationId, text, true);
  }

  /**
   * Resolves with the execution status once the agent has settled (finished, error, stuck,
   * paused, waiting for a confirmation or idle); rejects after `timeoutMs`.
   */
  async waitUntilSettled(timeoutMs: number, pollMs = 200): Promise<ExecutionStatus> {
    const deadline = Date.now() + timeoutMs;
    // Bounded by the deadline.
    for (;;) {
      const { execution_status: status } = await this.client.conversation(this.conversationId);
      if (SETTLED.has(status)) return status;
      if (Date.now() >= deadline) {
        throw new Error(`the agent was still ${status} after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /** `get_all_events`: the conversation's whole history, as the agent server keeps it. */
  getAllEvents(): Promise<Event[]> {
    return this.client.allEvents(this.conversationId, { sort_order: 'TIMESTAMP' });
  }

  /** The events this loop has delivered to its listeners so far. */
  get receivedEvents(): readonly Event[] {
    return this.received;
  }

  /** `get_agent_status`. */
  async getAgentStatus(): Promise<AgentStatus> {
    const execution: ExecutionStatus =
      this.state === 'running'
        ? (await this.client.conversation(this.conversationId)).execution_status
        : 'paused';
    return {
      conversation_id: this.conversationId,
      execution_status: execution,
      runtime_type: this.options.runtime.type,
      runtime_id: this.options.runtime.id,
      runtime_state: this.state,
      ...(this.options.fallback ? { fallback: this.options.fallback } : {}),
      events_received: this.received.length,
    };
  }

  /** Pauses the agent (between steps), then the runtime, which keeps its workspace. */
  async pause(): Promise<void> {
    this.assertUsable();
    if (this.state === 'paused') return;
    const { execution_status: status } = await this.client.conversation(this.conversationId);
    this.resumeRun = status === 'running';
    if (this.resumeRun) await this.client.pause(this.conversationId);
    await this.options.runtime.pause();
    this.state = 'paused';
  }

  /** Resumes the runtime and, when the agent was working at the pause, the agent too. */
  async resume(): Promise<void> {
    this.assertUsable();
    if (this.state === 'running') return;
    await this.options.runtime.resume();
    this.state = 'running';
    if (this.resumeRun) await this.client.run(this.conversationId);
    this.resumeRun = false;
  }

  /** Stops following events and stops the runtime; safe to call more than once. */
  async cleanup(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.feed?.close();
    await this.options.runtime.stop();
  }

  /** Why the event feed failed for good (an auth or unknown-conversation close), if it did. */
  get eventError(): Error | undefined {
    return this.feedError;
  }

  private async follow(): Promise<void> {
    const feedOptions = {
      client: this.client,
      conversationId: this.conversationId,
      onEvent: (event: Event) => this.deliver(event),
      onError: (error: Error, fatal: boolean) => {
        if (fatal) this.feedError = error;
        this.options.debug?.(`event feed${fatal ? ' stopped' : ''}: ${error.message}`);
      },
    };
    this.feed =
      this.options.websocket === false
        ? pollEvents(feedOptions)
        : await streamEvents({
            ...feedOptions,
            runtime: this.options.runtime,
            debug: this.options.debug,
          });
  }

  private deliver(event: Event): void {
    this.received.push(event);
    for (const listener of this.listeners) listener(event);
  }

  private assertUsable(): void {
    if (this.state === 'stopped') throw new Error('this AgentLoop was cleaned up');
  }
}
