import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ConversationInfo,
  ConversationInfoSchema,
  type Event,
  EventPageSchema,
  type ExecutionStatus,
} from '@agentrt/contracts';
import { WebSocket } from 'ws';
import { AppProcess } from '../support/app-process';
import { FakeOpenAiServer, waitFor } from '@agentrt/testing';

export const SESSION_KEY = 'session-key-for-agent-run-e2e';
export const LLM_KEY = 'sk-fake-llm-key-for-agent-run';
/** The model the conversations ask for, and what the fake expects after the prefix is removed. */
export const MODEL = 'litellm_proxy/fake-model';

/** A booted agent server with its own workspace, talking to its own fake LLM. */
export class AgentRunFixture {
  private constructor(
    readonly server: AppProcess,
    readonly llm: FakeOpenAiServer,
    readonly workspace: string,
  ) {}

  /** `env` adds to the server's environment (what its tools and their processes inherit). */
  static async start(options: {
    stream: boolean;
    tools: readonly string[];
    env?: Record<string, string>;
  }) {
    const workspace = await mkdtemp(join(tmpdir(), 'agentrt-agent-run-'));
    const llm = await FakeOpenAiServer.start({
      model: 'fake-model',
      apiKey: LLM_KEY,
      tools: options.tools,
      stream: options.stream,
    });
    const server = await AppProcess.start('agent-server', {
      WORKSPACE_DIR: workspace,
      SESSION_API_KEY: SESSION_KEY,
      LLM_RETRY_MIN_WAIT_SECONDS: '0',
      LLM_NUM_RETRIES: '1',
      ...options.env,
    });
    const fixture = new AgentRunFixture(server, llm, workspace);
    try {
      await server.listening();
    } catch (error) {
      await fixture.stop();
      throw error;
    }
    return fixture;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.llm.close();
    await rm(this.workspace, { recursive: true, force: true });
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-session-api-key': SESSION_KEY },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** Starts a conversation whose agent uses the fake LLM; extra fields go into the request. */
  async createConversation(
    request: Record<string, unknown> & {
      stream?: boolean;
      tools: string[];
      /** `agent.condenser`, e.g. `{kind: 'LLMSummarizingCondenser', max_size: 6}`. */
      condenser?: Record<string, unknown>;
    },
  ): Promise<ConversationInfo> {
    const { stream, tools, condenser, ...rest } = request;
    const llm = { model: MODEL, api_key: LLM_KEY, base_url: this.llm.baseUrl, stream };
    const response = await this.call('POST', '/api/conversations', {
      agent: { kind: 'Agent', llm, tools: tools.map((name) => ({ name })), condenser },
      workspace: { kind: 'LocalWorkspace', working_dir: join(this.workspace, 'project') },
      ...rest,
    });
    if (response.status !== 201)
      throw new Error(`create: ${response.status} ${JSON.stringify(response.body)}`);
    return ConversationInfoSchema.parse(response.body);
  }

  async info(id: string): Promise<ConversationInfo> {
    return ConversationInfoSchema.parse((await this.call('GET', `/api/conversations/${id}`)).body);
  }

  /** Every event of the conversation, oldest first, paging as a client does. */
  async events(id: string): Promise<Event[]> {
    const events: Event[] = [];
    let pageId: string | null | undefined;
    for (let page = 0; page < 50; page += 1) {
      const query = `limit=100&sort_order=TIMESTAMP${pageId ? `&page_id=${pageId}` : ''}`;
      const response = await this.call('GET', `/api/conversations/${id}/events/search?${query}`);
      const parsed = EventPageSchema.parse(response.body);
      events.push(...parsed.items);
      pageId = parsed.next_page_id;
      if (!pageId) return events;
    }
    throw new Error('more than 50 pages of events');
  }

  /**
   * Waits until the run settles, as a client following the events sees it: the last status
   * update is one other than running. Fails at once if it settled in another status.
   */
  async waitForStatus(id: string, status: ExecutionStatus, timeoutMs = 30_000): Promise<Event[]> {
    const settled = await waitFor(
      async () => {
        const events = await this.events(id);
        const current = statusUpdates(events).at(-1);
        return current !== undefined && current !== 'running' && { current, events };
      },
      { timeoutMs, description: `conversation ${id} to stop running` },
    );
    if (settled.current !== status)
      throw new Error(
        `conversation ${id} is ${String(settled.current)}, expected ${status}; ` +
          `fake LLM violations: ${JSON.stringify(this.llm.violations)}`,
      );
    return settled.events;
  }
}

/** `ConversationStateUpdateEvent`s that set `execution_status`, in order. */
export function statusUpdates(events: readonly Event[]): unknown[] {
  return events
    .filter(
      (event) => event.kind === 'ConversationStateUpdateEvent' && event.key === 'execution_status',
    )
    .map((event) => (event as { value: unknown }).value);
}

/** Resolves when `release` is called: holds a scripted LLM reply back. */
export function gate(): { promise: Promise<void>; release: () => void } {
  let release = () => undefined as void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

export function userMessage(text: string, run = true) {
  return { role: 'user', content: [{ type: 'text', text }], run };
}

/** An event socket's frames as they arrive, for waiting on one and checking the order. */
export class EventSocket {
  readonly frames: Record<string, unknown>[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString('utf8'))));
  }

  static async open(fixture: AgentRunFixture, conversationId: string): Promise<EventSocket> {
    const url = `${fixture.server.url.replace('http', 'ws')}/sockets/events/${conversationId}`;
    const socket = new WebSocket(`${url}?session_api_key=${SESSION_KEY}`);
    const events = new EventSocket(socket);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return events;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Resolves with the index of the first frame matching `predicate`. */
  waitFor(predicate: (frame: Record<string, unknown>) => boolean, description: string) {
    return waitFor(
      () => {
        const index = this.frames.findIndex(predicate);
        return Promise.resolve(index >= 0 ? index : undefined);
      },
      { description },
    );
  }

  close(): void {
    this.socket.close();
  }
}
