import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { AppProcess } from '../support/app-process';
import { waitFor } from '@agentrt/testing';

export const SESSION_KEY = 'session-key-for-conversations-e2e';
export const LLM_KEY = 'sk-conversations-e2e-llm-key';
/**
 * Where these conversations' LLM lives: a loopback port nothing listens on. These tests do not
 * need a model, but a message frame may start a run, and a run must never leave loopback.
 */
export const NO_LLM = 'http://127.0.0.1:9/v1';

export interface Reply {
  status: number;
  body: unknown;
}

/** A booted agent server in its own temp workspace, restartable on the same workspace. */
export class ConversationServer {
  private constructor(
    public server: AppProcess,
    readonly workspace: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ConversationServer> {
    const workspace = await mkdtemp(join(tmpdir(), 'agentrt-conversations-e2e-'));
    const all = {
      WORKSPACE_DIR: workspace,
      SESSION_API_KEY: SESSION_KEY,
      // A run that reaches for NO_LLM fails at once instead of retrying for minutes.
      LLM_NUM_RETRIES: '0',
      LLM_RETRY_MIN_WAIT_SECONDS: '0',
      ...env,
    };
    return new ConversationServer(await boot(all), workspace, all);
  }

  /** Stops the process (SIGTERM) and starts a new one on the same workspace. */
  async restart(): Promise<void> {
    await this.server.stop();
    this.server = await boot(this.env);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await rm(this.workspace, { recursive: true, force: true });
  }

  get url(): string {
    return this.server.url;
  }

  get socketBase(): string {
    return this.server.url.replace('http', 'ws');
  }

  async call(method: string, path: string, body?: unknown, key = SESSION_KEY): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-session-api-key': key },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** Creates a conversation (201) and returns its id. */
  async create(extra: Record<string, unknown> = {}): Promise<string> {
    const reply = await this.call('POST', '/api/conversations', {
      agent: {
        kind: 'Agent',
        llm: { model: 'openai/gpt-4o', api_key: LLM_KEY, base_url: NO_LLM },
        tools: [],
      },
      workspace: { kind: 'LocalWorkspace', working_dir: join(this.workspace, 'project') },
      ...extra,
    });
    if (reply.status !== 201)
      throw new Error(`create: ${reply.status} ${JSON.stringify(reply.body)}`);
    return (reply.body as { id: string }).id;
  }

  /** Posts a user message (without running the agent). */
  async say(id: string, text: string): Promise<void> {
    const reply = await this.call('POST', `/api/conversations/${id}/events`, {
      role: 'user',
      content: [{ type: 'text', text }],
      run: false,
    });
    if (reply.status !== 200)
      throw new Error(`send: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

async function boot(env: Record<string, string>): Promise<AppProcess> {
  const server = await (await AppProcess.start('agent-server', env)).listening();
  await waitFor(async () => (await fetch(`${server.url}/ready`)).ok, {
    description: 'agent-server to be ready',
  });
  return server;
}

/** A WebSocket client that keeps every frame (parsed) and how the socket closed. */
export class EventSocket {
  readonly frames: Record<string, unknown>[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly ws: WebSocket;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Frames after the first (the full_state), i.e. the conversation's events. */
  get events(): Record<string, unknown>[] {
    return this.frames.slice(1);
  }

  async until(count: number, timeoutMs = 10_000): Promise<void> {
    await waitFor(() => Promise.resolve(this.frames.length >= count), {
      timeoutMs,
      intervalMs: 10,
      description: `${count} frames on the event socket`,
    });
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.closed;
  }
}
