import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BashEvent, Event } from '@agentrt/contracts';
import { AppConfigModule, loadConfig, MetricsModule } from '@agentrt/platform';
import { scrapeMetrics, waitFor } from '@agentrt/testing';
import { type INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import WebSocket from 'ws';
import { AGENT_RUNNER } from '../agent/agent-runner';
import type { BashEventSource } from '../bash/bash-event-source';
import { BASH_EVENT_SOURCE } from '../bash/bash-event-source';
import { AGENT_SERVER_CONFIG, AgentServerConfigSchema } from '../config/agent-server.config';
import { ConversationCommandsService } from '../conversations/conversation-commands.service';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationRegistry } from '../conversations/registry/conversation-registry';
import { ConversationStore } from '../conversations/store/conversation-store';
import { MemoryConversationStore } from '../conversations/testing/memory-store';
import { startRequest, userMessage } from '../conversations/testing/conversation-fixture';
import { answerAndFinish, ScriptedRunner } from '../conversations/testing/scripted-runner';
import { ActivityTracker } from '../health/activity-tracker';
import { ServerModule } from '../server.module';
import { SOCKET_LIMITS, type SocketLimits } from './socket-limits';
import { SocketsModule, useSocketAdapter } from './sockets.module';

const KEY = 'int-session-key';
const LIMITS: SocketLimits = {
  authTimeoutMs: 300,
  maxBufferedBytes: 256 * 1024,
  replayHighWaterBytes: 64 * 1024,
  heartbeatMs: 60_000,
};

/** A test client: every frame it got (parsed), and how the socket closed. */
class Client {
  readonly frames: Record<string, unknown>[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  readonly ws: WebSocket;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString())));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`HTTP ${res.statusCode}`)),
      );
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Ids of the stored events received (not the full_state frame). */
  get eventIds(): string[] {
    return this.frames.filter((f) => f['key'] !== 'full_state').map((f) => String(f['id']));
  }

  async until(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < count) {
      if (Date.now() > deadline) throw new Error(`got ${this.frames.length}/${count} frames`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

class FakeBashSource implements BashEventSource {
  readonly events: BashEvent[] = [];
  private readonly listeners = new Set<(event: BashEvent) => void>();
  subscribe(listener: (event: BashEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  history() {
    return this.events;
  }
  push(command: string): BashEvent {
    const event: BashEvent = {
      kind: 'BashCommand',
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      command,
      timeout: 300,
    };
    this.events.push(event);
    this.listeners.forEach((listener) => listener(event));
    return event;
  }
  get subscribers() {
    return this.listeners.size;
  }
}

describe('event sockets (in-process app, real WebSockets)', () => {
  let app: INestApplication;
  let base: string;
  let workspace: string;
  let runner: ScriptedRunner;
  let bash: FakeBashSource;
  let conversations: ConversationsService;
  let commands: ConversationCommandsService;
  let registry: ConversationRegistry;

  const url = (path: string, query = `session_api_key=${KEY}`) => `${base}${path}?${query}`;
  const create = async () =>
    (await conversations.create(startRequest({ workspace: { working_dir: workspace } }))).info.id;
  const history = async (id: string) => (await (await registry.require(id)).events()).events;

  beforeEach(async () => {
    Logger.overrideLogger(false);
    workspace = await mkdtemp(join(tmpdir(), 'agentrt-sockets-'));
    runner = new ScriptedRunner();
    bash = new FakeBashSource();
    const config = loadConfig('agent-server', AgentServerConfigSchema, {
      SESSION_API_KEY: KEY,
      WORKSPACE_DIR: workspace,
      MAX_SUBSCRIBERS_PER_CONVERSATION: '3',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(AGENT_SERVER_CONFIG, config),
        MetricsModule.forRoot({ app: 'agent-server', enabled: true }),
        ServerModule,
        SocketsModule,
      ],
      providers: [
        { provide: AGENT_RUNNER, useValue: runner },
        { provide: BASH_EVENT_SOURCE, useValue: bash },
      ],
    })
      .overrideProvider(ConversationStore)
      .useValue(new MemoryConversationStore())
      .overrideProvider(SOCKET_LIMITS)
      .useValue(LIMITS)
      .compile();
    app = moduleRef.createNestApplication();
    useSocketAdapter(app);
    await app.listen(0, '127.0.0.1');
    base = `ws://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    conversations = app.get(ConversationsService);
    commands = app.get(ConversationCommandsService);
    registry = app.get(ConversationRegistry);
  });

  afterEach(async () => {
    await app.close();
    await rm(workspace, { recursive: true, force: true });
    expect(runner.unexpected).toEqual([]);
  });

  describe('auth', () => {
    it.each([
      ['query', (id: string) => new Client(url(`/sockets/events/${id}`))],
      [
        'header',
        (id: string) => new Client(url(`/sockets/events/${id}`, ''), { 'X-Session-API-Key': KEY }),
      ],
    ])('accepts the key by %s and sends the full state first', async (_how, connect) => {
      const id = await create();
      const client = connect(id);
      await client.until(1);
      expect(client.frames[0]).toMatchObject({
        kind: 'ConversationStateUpdateEvent',
        key: 'full_state',
        value: { id, execution_status: 'idle', agent: { llm: { api_key: '**********' } } },
      });
      client.ws.close();
    });

    it('accepts an auth first frame', async () => {
      const id = await create();
      const client = new Client(url(`/sockets/events/${id}`, ''));
      await client.opened;
      client.ws.send(JSON.stringify({ type: 'auth', session_api_key: KEY }));
      await client.until(1);
      expect(client.frames[0]).toMatchObject({ key: 'full_state' });
      client.ws.close();
    });

    it.each([
      ['a wrong key', 'session_api_key=nope', undefined],
      ['a wrong auth frame', '', '{"type":"auth","session_api_key":"no"}'],
      ['no key in time', '', undefined],
    ])('closes with 4001 on %s', async (_case, query, frame) => {
      const client = new Client(url('/sockets/events/x', query));
      await client.opened;
      if (frame) client.ws.send(frame);
      expect((await client.closed).code).toBe(4001);
      expect(client.frames).toEqual([]);
    });
  });

  it('closes with 4004 for an unknown conversation', async () => {
    const client = new Client(url('/sockets/events/00000000-0000-4000-8000-000000000000'));
    expect(await client.closed).toEqual({ code: 4004, reason: 'Conversation not found' });
  });

  it('refuses an unknown socket path at the upgrade', async () => {
    const client = new Client(url('/sockets/nothing-here'));
    await expect(client.opened).rejects.toThrow('HTTP 404');
  });

  it('closes with 1013 past MAX_SUBSCRIBERS_PER_CONVERSATION, and counts each open subscriber as activity', async () => {
    const id = await create();
    const open = [1, 2, 3].map(() => new Client(url(`/sockets/events/${id}`)));
    await Promise.all(open.map((client) => client.until(1)));
    const fourth = new Client(url(`/sockets/events/${id}`));
    expect(await fourth.closed).toEqual({
      code: 1013,
      reason: 'Too many subscribers; try again later',
    });
    expect(app.get(ActivityTracker).idleSeconds()).toBe(0);
    open.forEach((client) => client.ws.close());
  });

  it('reports open subscribers per socket in /metrics, without conversation ids', async () => {
    const http = base.replace('ws://', 'http://');
    const subscribers = async (socket: string) =>
      (await scrapeMetrics(http)).value('agentrt_websocket_subscribers', { socket });
    expect(await subscribers('events')).toBe(0);
    const id = await create();
    const open = [1, 2].map(() => new Client(url(`/sockets/events/${id}`)));
    const shell = new Client(url('/sockets/bash-events'));
    await Promise.all(open.map((client) => client.until(1)));
    expect(await subscribers('events')).toBe(2);
    // The bash socket sends nothing without history: its subscription shows in the gauge.
    await waitFor(async () => (await subscribers('bash_events')) === 1, {
      description: 'the bash events subscriber counted',
    });
    expect((await scrapeMetrics(http)).text).not.toContain(id);
    [...open, shell].forEach((client) => client.ws.close());
    await waitFor(async () => (await subscribers('events')) === 0, {
      description: 'the closed event subscribers uncounted',
    });
    expect(await subscribers('bash_events')).toBe(0);
  });

  it('replays all history, or what came after a timestamp, then streams live', async () => {
    const id = await create();
    for (const text of ['one', 'two', 'three']) await commands.sendMessage(id, userMessage(text));
    const stored = await history(id);
    const all = new Client(url(`/sockets/events/${id}`, `session_api_key=${KEY}&resend_mode=all`));
    const after = encodeURIComponent(stored[0]?.timestamp ?? '');
    const since = new Client(
      url(
        `/sockets/events/${id}`,
        `session_api_key=${KEY}&resend_mode=since&after_timestamp=${after}`,
      ),
    );
    const none = new Client(
      url(`/sockets/events/${id}`, `session_api_key=${KEY}&resend_all=false`),
    );
    await Promise.all([all.until(4), since.until(3), none.until(1)]);
    await commands.sendMessage(id, userMessage('four'));
    await Promise.all([all.until(5), since.until(4), none.until(2)]);
    const ids = (await history(id)).map((e: Event) => e.id);
    expect(all.eventIds).toEqual(ids);
    expect(since.eventIds).toEqual(ids.slice(1));
    expect(none.eventIds).toEqual(ids.slice(3));
    [all, since, none].forEach((client) => client.ws.close());
  });

  it('loses and repeats nothing when subscribers join during a burst of events', async () => {
    const id = await create();
    const conversation = await registry.require(id);
    const clients: Client[] = [];
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    // Emits 3000 events; at 1000 and 2000 a subscriber joins and the burst goes on only once
    // it is subscribed, so each joins in the middle with events before and after it.
    runner.then(async (handle) => {
      for (let emitted = 0; emitted < 3000; emitted += 1) {
        if (emitted === 1000 || emitted === 2000) {
          clients.push(
            new Client(url(`/sockets/events/${id}`, `session_api_key=${KEY}&resend_mode=all`)),
          );
          for (let i = 0; i < 1000 && conversation.hub.size < clients.length; i += 1) await tick();
        }
        await handle.emit({ kind: 'PauseEvent', source: 'agent' });
      }
      await handle.setStatus('finished');
      return 'finished';
    });
    await commands.sendMessage(id, userMessage('burst', true));
    await conversation.activeRun;
    const ids = (await history(id)).map((e) => e.id);
    expect(clients).toHaveLength(2);
    await Promise.all(clients.map((client) => client.until(ids.length + 1, 10_000)));
    for (const client of clients) expect(client.eventIds).toEqual(ids);
    clients.forEach((client) => client.ws.close());
  });

  it('treats a client frame holding a message as send-message with run', async () => {
    const id = await create();
    runner.then(answerAndFinish('hello back'));
    const client = new Client(url(`/sockets/events/${id}`));
    await client.until(1);
    client.ws.send(JSON.stringify({ role: 'user', content: [{ type: 'text', text: 'hi' }] }));
    await client.until(5);
    expect(
      client.frames
        .slice(1)
        .map((f) => (f['kind'] === 'ConversationStateUpdateEvent' ? f['value'] : f['source'])),
    ).toEqual(['user', 'running', 'agent', 'finished']);
    client.ws.close();
  });

  it('closes a subscriber that stops reading with 1013 instead of buffering without end', async () => {
    const id = await create();
    const client = new Client(url(`/sockets/events/${id}`));
    await client.until(1);
    client.ws.pause();
    const conversation = await registry.require(id);
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 400 && conversation.hub.size > 0; i += 1) {
      await commands.sendMessage(id, userMessage(big));
    }
    client.ws.resume();
    expect((await client.closed).code).toBe(1013);
  });

  it('ends subscriptions when the conversation is deleted', async () => {
    const id = await create();
    const client = new Client(url(`/sockets/events/${id}`));
    await client.until(1);
    await conversations.delete(id);
    expect((await client.closed).code).toBe(1000);
  });

  it('streams bash events after their history, sharing one subscription to the source', async () => {
    const before = bash.push('ls');
    const first = new Client(url('/sockets/bash-events', `session_api_key=${KEY}&resend_mode=all`));
    const second = new Client(url('/sockets/bash-events'));
    await first.until(1);
    await second.opened;
    const live = bash.push('pwd');
    await Promise.all([first.until(2), second.until(1)]);
    expect(first.frames.map((f) => f['id'])).toEqual([before.id, live.id]);
    expect(second.frames.map((f) => f['id'])).toEqual([live.id]);
    expect(bash.subscribers).toBe(1);
    first.ws.close();
    second.ws.close();
    await Promise.all([first.closed, second.closed]);
    for (let i = 0; i < 100 && bash.subscribers > 0; i += 1)
      await new Promise((r) => setTimeout(r, 5));
    expect(bash.subscribers).toBe(0);
  });
});
