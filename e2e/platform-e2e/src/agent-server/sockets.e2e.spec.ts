import { EventPageSchema, ServerInfoSchema } from '@agentrt/contracts';
import { ConversationServer, EventSocket, SESSION_KEY } from './conversations.helpers';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MAX_SUBSCRIBERS = 60;

describe('agent-server: event WebSockets', () => {
  let server: ConversationServer;
  let id: string;

  const socket = (query = `session_api_key=${SESSION_KEY}`, conversation = id) =>
    new EventSocket(`${server.socketBase}/sockets/events/${conversation}?${query}`);
  const storedIds = async (conversation = id) => {
    const reply = await server.call(
      'GET',
      `/api/conversations/${conversation}/events/search?limit=100`,
    );
    return EventPageSchema.parse(reply.body).items.map((event) => event.id);
  };

  beforeAll(async () => {
    server = await ConversationServer.start({
      MAX_SUBSCRIBERS_PER_CONVERSATION: String(MAX_SUBSCRIBERS),
    });
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    id = await server.create();
  });

  describe('auth', () => {
    it('accepts the key as ?session_api_key=, sending the masked full state first', async () => {
      const client = socket();
      await client.until(1);
      expect(client.frames[0]).toMatchObject({
        kind: 'ConversationStateUpdateEvent',
        source: 'environment',
        key: 'full_state',
        value: { id, execution_status: 'idle', agent: { llm: { api_key: '**********' } } },
      });
      await client.close();
    });

    it('accepts the key as the X-Session-API-Key header', async () => {
      const client = new EventSocket(`${server.socketBase}/sockets/events/${id}`, {
        'X-Session-API-Key': SESSION_KEY,
      });
      await client.until(1);
      await client.close();
    });

    it('accepts the key as a first auth frame', async () => {
      const client = socket('');
      await client.opened;
      client.ws.send(JSON.stringify({ type: 'auth', session_api_key: SESSION_KEY }));
      await client.until(1);
      expect(client.frames[0]).toMatchObject({ key: 'full_state' });
      await client.close();
    });

    it('closes with 4001 on a wrong key, a wrong auth frame, or no auth frame in time', async () => {
      const wrongKey = socket('session_api_key=wrong');
      const wrongFrame = socket('');
      await wrongFrame.opened;
      wrongFrame.ws.send(JSON.stringify({ type: 'auth', session_api_key: 'wrong' }));
      const silent = socket('');
      const closes = await Promise.all([wrongKey.closed, wrongFrame.closed, silent.closed]);
      expect(closes.map((close) => close.code)).toEqual([4001, 4001, 4001]);
      expect([wrongKey, wrongFrame, silent].flatMap((client) => client.frames)).toEqual([]);
    }, 20_000);
  });

  it('closes with 4004 for an unknown conversation', async () => {
    expect((await socket(`session_api_key=${SESSION_KEY}`, UNKNOWN).closed).code).toBe(4004);
  });

  it('closes with 1013 once the conversation has MAX_SUBSCRIBERS_PER_CONVERSATION subscribers', async () => {
    const open = Array.from({ length: MAX_SUBSCRIBERS }, () => socket());
    await Promise.all(open.map((client) => client.until(1)));
    expect((await socket().closed).code).toBe(1013);
    await Promise.all(open.map((client) => client.close()));
  });

  it('replays history (resend_mode=all, resend_all=true, since) before live events', async () => {
    for (const text of ['one', 'two', 'three']) await server.say(id, text);
    const ids = await storedIds();
    const first = (await server.call('GET', `/api/conversations/${id}/events/${ids[0]}`)).body as {
      timestamp: string;
    };
    const all = socket(`session_api_key=${SESSION_KEY}&resend_mode=all`);
    const older = socket(`session_api_key=${SESSION_KEY}&resend_all=true`);
    const since = socket(
      `session_api_key=${SESSION_KEY}&resend_mode=since&after_timestamp=${encodeURIComponent(first.timestamp)}`,
    );
    const live = socket();
    await Promise.all([all.until(4), older.until(4), since.until(3), live.until(1)]);
    await server.say(id, 'four');
    await Promise.all([all.until(5), older.until(5), since.until(4), live.until(2)]);
    const now = await storedIds();
    expect(all.events.map((e) => e['id'])).toEqual(now);
    expect(older.events.map((e) => e['id'])).toEqual(now);
    expect(since.events.map((e) => e['id'])).toEqual(now.slice(1));
    expect(live.events.map((e) => e['id'])).toEqual(now.slice(3));
    await Promise.all([all, older, since, live].map((client) => client.close()));
  });

  it('refuses resend_mode=since without after_timestamp (1008)', async () => {
    const client = socket(`session_api_key=${SESSION_KEY}&resend_mode=since`);
    const close = await client.closed;
    expect(close.code).toBe(1008);
    expect(close.reason).toContain('after_timestamp');
  });

  it('delivers every event, in order, to each of 50 subscribers', async () => {
    const clients = Array.from({ length: 50 }, () => socket());
    await Promise.all(clients.map((client) => client.until(1)));
    for (let i = 0; i < 60; i += 1) await server.say(id, `message ${i}`);
    const ids = await storedIds();
    await Promise.all(clients.map((client) => client.until(ids.length + 1)));
    for (const client of clients) expect(client.events.map((e) => e['id'])).toEqual(ids);
    await Promise.all(clients.map((client) => client.close()));
  });

  it('takes a client frame holding a message as a user message sent with run', async () => {
    const client = socket();
    await client.until(1);
    client.ws.send(
      JSON.stringify({ role: 'user', content: [{ type: 'text', text: 'from the socket' }] }),
    );
    await client.until(2);
    expect(client.frames[1]).toMatchObject({
      kind: 'MessageEvent',
      source: 'user',
      llm_message: { role: 'user', content: [{ type: 'text', text: 'from the socket' }] },
    });
    expect(await storedIds()).toContain(client.frames[1]?.['id']);
    await client.close();
  });

  it('counts an open subscriber as activity in idle_time', async () => {
    const client = socket();
    await client.until(1);
    // Time must pass for idle_time to grow; nothing to wait on but the clock.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const info = ServerInfoSchema.parse(await (await fetch(`${server.url}/server_info`)).json());
    expect(info.idle_time).toBe(0);
    await client.close();
  });

  it('replays the whole history after a restart', async () => {
    await server.say(id, 'before');
    const before = await storedIds();
    await server.restart();
    const client = socket(`session_api_key=${SESSION_KEY}&resend_mode=all`);
    await client.until(before.length + 1);
    expect(client.events.map((e) => e['id'])).toEqual(before);
    await client.close();
  });

  it('streams bash events on /sockets/bash-events', async () => {
    const client = new EventSocket(
      `${server.socketBase}/sockets/bash-events?session_api_key=${SESSION_KEY}`,
    );
    await client.opened;
    const started = await server.call('POST', '/api/bash/start_bash_command', {
      command: 'echo from-bash',
    });
    expect(started.status).toBe(200);
    await client.until(2);
    expect(client.frames[0]).toMatchObject({ kind: 'BashCommand', command: 'echo from-bash' });
    expect(JSON.stringify(client.frames)).toContain('from-bash');
    await client.close();
  });
});
