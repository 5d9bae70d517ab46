import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConversationBatchResponseSchema,
  ConversationInfoSchema,
  ConversationPageSchema,
  ErrorBodySchema,
  EventPageSchema,
  EventSchema,
} from '@agentrt/contracts';
import { FakeOpenAiServer, waitFor } from '@agentrt/testing';
import { ConversationServer, LLM_KEY, NO_LLM } from './conversations.helpers';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('agent-server: conversations and their events over REST', () => {
  let server: ConversationServer;

  beforeAll(async () => {
    server = await ConversationServer.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  const call = (method: string, path: string, body?: unknown) => server.call(method, path, body);
  const info = async (id: string) =>
    ConversationInfoSchema.parse((await call('GET', `/api/conversations/${id}`)).body);
  const events = async (id: string, query = '') =>
    EventPageSchema.parse(
      (await call('GET', `/api/conversations/${id}/events/search?${query}`)).body,
    );

  describe('create', () => {
    it('creates (201) with the defaults, and returns the same conversation for its id (200)', async () => {
      const id = await server.create();
      const created = await info(id);
      expect(created).toMatchObject({
        id,
        execution_status: 'idle',
        confirmation_policy: { kind: 'NeverConfirm' },
        max_iterations: 500,
        title: null,
        agent: { llm: { model: 'openai/gpt-4o', api_key: '**********' } },
      });
      const again = await call('POST', '/api/conversations', {
        agent: { llm: { model: 'other', base_url: NO_LLM } },
        workspace: { working_dir: '/elsewhere' },
        conversation_id: id,
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(created);
    });

    it('never lets the LLM key or a secret leave the server', async () => {
      const id = await server.create({
        secrets: { DEPLOY_TOKEN: 'deploy-token-1234' },
        initial_message: {
          content: [{ type: 'text', text: `key ${LLM_KEY} and deploy-token-1234` }],
        },
      });
      await call('POST', `/api/conversations/${id}/secrets`, {
        secrets: { OTHER: 'other-secret-99' },
      });
      await server.say(id, 'also other-secret-99');
      const everything = JSON.stringify([
        (await call('GET', `/api/conversations/${id}`)).body,
        (await call('GET', '/api/conversations/search')).body,
        (await events(id)).items,
      ]);
      expect(everything).not.toMatch(new RegExp(`${LLM_KEY}|deploy-token-1234|other-secret-99`));
      expect(everything).toContain('key ********** and **********');
      expect(server.server.output.join('\n')).not.toMatch(/deploy-token-1234|other-secret-99/);
    });

    it('refuses a bad body with 400 naming the field, and a missing key with 401', async () => {
      const bad = await call('POST', '/api/conversations', { agent: { llm: {} } });
      expect(bad.status).toBe(400);
      expect(ErrorBodySchema.parse(bad.body).detail).toContain('agent.llm.model');
      const unauthorized = await server.call('GET', '/api/conversations/count', undefined, 'wrong');
      expect(unauthorized.status).toBe(401);
    });
  });

  describe('find', () => {
    const ids: string[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 3; i += 1) ids.push(await server.create());
      await call('PATCH', `/api/conversations/${ids[1]}`, { title: 'the middle one' });
    });

    it('gets one (404 when unknown) and a batch (null for unknown ids)', async () => {
      expect((await call('GET', `/api/conversations/${UNKNOWN}`)).status).toBe(404);
      const batch = await call('GET', `/api/conversations?ids=${ids[0]},${UNKNOWN}&ids=${ids[1]}`);
      expect(ConversationBatchResponseSchema.parse(batch.body).map((c) => c?.id ?? null)).toEqual([
        ids[0],
        null,
        ids[1],
      ]);
    });

    it('pages through every conversation exactly once, in a stable order', async () => {
      const seen: string[] = [];
      let page: string | null = null;
      for (let guard = 0; guard < 50; guard += 1) {
        const query = `limit=2&sort_order=CREATED_AT${page ? `&page_id=${page}` : ''}`;
        const body = ConversationPageSchema.parse(
          (await call('GET', `/api/conversations/search?${query}`)).body,
        );
        seen.push(...body.items.map((item) => item.id));
        page = body.next_page_id;
        if (!page) break;
      }
      const total = (await call('GET', '/api/conversations/count')).body;
      expect(typeof total).toBe('number');
      expect(seen).toHaveLength(total as number);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.slice(-3)).toEqual(ids);
    });

    it('filters by status, sorts by update time, and rejects a bad limit', async () => {
      const idle = ConversationPageSchema.parse(
        (await call('GET', '/api/conversations/search?status=idle')).body,
      );
      expect(idle.items.every((item) => item.execution_status === 'idle')).toBe(true);
      expect((await call('GET', '/api/conversations/count?status=finished')).body).toBe(0);
      const updated = ConversationPageSchema.parse(
        (await call('GET', '/api/conversations/search?sort_order=UPDATED_AT_DESC&limit=1')).body,
      );
      expect(updated.items[0]?.id).toBe(ids[1]);
      expect((await call('GET', '/api/conversations/search?limit=101')).status).toBe(400);
      expect((await call('GET', '/api/conversations/search?page_id=bogus')).status).toBe(400);
    });
  });

  it('renames (PATCH), refusing an empty title and an unknown conversation', async () => {
    const id = await server.create();
    expect((await call('PATCH', `/api/conversations/${id}`, { title: 'Fix CI' })).body).toEqual({
      success: true,
    });
    expect((await info(id)).title).toBe('Fix CI');
    expect((await call('PATCH', `/api/conversations/${id}`, { title: '' })).status).toBe(400);
    expect((await call('PATCH', `/api/conversations/${UNKNOWN}`, { title: 'x' })).status).toBe(404);
  });

  it('deletes a conversation and its files', async () => {
    const id = await server.create();
    await server.say(id, 'bye');
    expect((await call('DELETE', `/api/conversations/${id}`)).body).toEqual({ success: true });
    expect((await call('GET', `/api/conversations/${id}`)).status).toBe(404);
    expect((await call('GET', `/api/conversations/${id}/events/search`)).status).toBe(404);
    expect((await call('DELETE', `/api/conversations/${id}`)).status).toBe(404);
    await expect(
      readFile(join(server.workspace, '.agentrt/conversations', id, 'meta.json')),
    ).rejects.toThrow(/ENOENT/);
  });

  it('sets the confirmation policy; pause on an idle conversation changes nothing', async () => {
    const id = await server.create();
    const set = await call('POST', `/api/conversations/${id}/confirmation_policy`, {
      policy: { kind: 'AlwaysConfirm' },
    });
    expect(set.body).toEqual({ success: true });
    expect((await info(id)).confirmation_policy).toEqual({ kind: 'AlwaysConfirm' });
    expect((await call('POST', `/api/conversations/${id}/pause`)).body).toEqual({ success: true });
    expect((await info(id)).execution_status).toBe('idle');
    const respond = await call('POST', `/api/conversations/${id}/events/respond_to_confirmation`, {
      accept: true,
    });
    expect(respond.status).toBe(409);
    expect(ErrorBodySchema.parse(respond.body).detail).toContain('not waiting for confirmation');
  });

  it('runs in the background, answering 409 to a second run while the first goes on', async () => {
    // What a run does is the agent loop's to test; this checks what conversations own: the run
    // starts in the background as `running`, and a second one meanwhile is refused. The fake LLM
    // holds its answer back, so the run is certainly still going at the second call.
    let answer: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const llm = await FakeOpenAiServer.start({ model: 'fake-model', apiKey: LLM_KEY });
    llm.enqueue({ reply: { text: 'Hello!' }, gate });
    try {
      const id = await server.create({
        agent: {
          llm: { model: 'litellm_proxy/fake-model', api_key: LLM_KEY, base_url: llm.baseUrl },
        },
        initial_message: { content: [{ type: 'text', text: 'hi' }] },
      });
      const first = await call('POST', `/api/conversations/${id}/run`);
      expect(first.body).toEqual({ success: true });
      await llm.waitForRequests(1);
      expect((await info(id)).execution_status).toBe('running');
      const second = await call('POST', `/api/conversations/${id}/run`);
      expect(second.status).toBe(409);
      expect(ErrorBodySchema.parse(second.body).detail).toContain('already running');
      answer();
      await waitFor(async () => (await info(id)).execution_status !== 'running', {
        description: 'the run to end',
      });
      expect(llm.violations).toEqual([]);
    } finally {
      answer();
      await llm.close();
    }
  });

  describe('events', () => {
    let id: string;

    beforeAll(async () => {
      id = await server.create();
      for (const text of ['one', 'two', 'three', 'four']) await server.say(id, text);
      await call('PATCH', `/api/conversations/${id}`, { title: 'with events' });
    });

    it('searches by kind, newest first, and pages with next_page_id', async () => {
      const first = await events(id, 'kind=MessageEvent&sort_order=TIMESTAMP_DESC&limit=3');
      const texts = (page: typeof first) =>
        page.items.map((e) => (e.kind === 'MessageEvent' ? e.llm_message.content[0] : undefined));
      expect(texts(first)).toEqual(
        ['four', 'three', 'two'].map((text) => ({ type: 'text', text })),
      );
      const rest = await events(
        id,
        `kind=MessageEvent&sort_order=TIMESTAMP_DESC&limit=3&page_id=${first.next_page_id}`,
      );
      expect(texts(rest)).toEqual([{ type: 'text', text: 'one' }]);
      expect(rest.next_page_id).toBeNull();
    });

    it('filters by time (from inclusive, until exclusive) and counts with the same filters', async () => {
      const all = (await events(id)).items;
      expect(all.map((e) => e.kind)).toEqual([
        ...Array(4).fill('MessageEvent'),
        'ConversationStateUpdateEvent',
      ]);
      const from = encodeURIComponent(all[1]?.timestamp ?? '');
      const until = encodeURIComponent(all[3]?.timestamp ?? '');
      const range = await events(id, `timestamp__gte=${from}&timestamp__lt=${until}`);
      expect(range.items.map((e) => e.id)).toEqual([all[1]?.id, all[2]?.id]);
      const count = await call(
        'GET',
        `/api/conversations/${id}/events/count?timestamp__gte=${from}&timestamp__lt=${until}`,
      );
      expect(count.body).toBe(2);
      expect(
        (await call('GET', `/api/conversations/${id}/events/count?kind=PauseEvent`)).body,
      ).toBe(0);
    });

    it('gets one event by id (404 when unknown)', async () => {
      const [first] = (await events(id, 'limit=1')).items;
      const one = await call('GET', `/api/conversations/${id}/events/${first?.id}`);
      expect(EventSchema.parse(one.body)).toEqual(first);
      expect((await call('GET', `/api/conversations/${id}/events/${UNKNOWN}`)).status).toBe(404);
    });

    it('refuses a message without content (400)', async () => {
      const reply = await call('POST', `/api/conversations/${id}/events`, {
        role: 'user',
        content: [],
      });
      expect(reply.status).toBe(400);
    });
  });

  describe('after a restart', () => {
    it('still has every conversation and event, searchable', async () => {
      const id = await server.create();
      await server.say(id, 'before the restart');
      await call('PATCH', `/api/conversations/${id}`, { title: 'survivor' });
      const before = await events(id);
      const count = (await call('GET', '/api/conversations/count')).body;
      await server.restart();
      expect((await call('GET', '/api/conversations/count')).body).toBe(count);
      expect(await info(id)).toMatchObject({ id, title: 'survivor' });
      expect(await events(id)).toEqual(before);
      await server.say(id, 'after the restart');
      expect(
        (await call('GET', `/api/conversations/${id}/events/count?kind=MessageEvent`)).body,
      ).toBe(2);
    });

    it('reports a run the server died in as error, and skips a torn last line', async () => {
      const id = await server.create();
      await server.say(id, 'kept');
      await server.server.stop();
      const dir = join(server.workspace, '.agentrt/conversations', id);
      // What a crash leaves: status still running, half an event at the end of the log.
      const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as {
        info: { execution_status: string };
      };
      meta.info.execution_status = 'running';
      await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
      await appendFile(join(dir, 'events.jsonl'), '{"kind":"MessageEvent","sour');
      await server.restart();
      expect((await info(id)).execution_status).toBe('error');
      const kinds = (await events(id)).items.map((e) =>
        e.kind === 'ConversationStateUpdateEvent' ? `${e.key}=${String(e.value)}` : e.kind,
      );
      expect(kinds).toEqual(['MessageEvent', 'ConversationErrorEvent', 'execution_status=error']);
      expect((await events(id, 'kind=ConversationErrorEvent')).items[0]).toMatchObject({
        code: 'AgentServerRestarted',
      });
      expect(server.server.logs().some((line) => String(line['msg']).includes('damaged'))).toBe(
        true,
      );
    });
  });
});
