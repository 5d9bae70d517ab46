import { ApiException } from '@agentrt/platform';
import { MASK } from './model/masking';
import {
  type ConversationFixture,
  conversationFixture,
  startRequest,
  userMessage,
} from './testing/conversation-fixture';
import { answerAndFinish, heldRun, ScriptedRunner } from './testing/scripted-runner';

const statusOf = async (error: Promise<unknown>) =>
  error.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ApiException ? e.getStatus() : e),
  );

describe('ConversationsService', () => {
  let runner: ScriptedRunner;
  let fx: ConversationFixture;

  beforeEach(async () => {
    runner = new ScriptedRunner();
    fx = conversationFixture({ runner });
    await fx.start();
  });

  afterEach(async () => {
    await fx.stop();
    expect(runner.unexpected).toEqual([]);
    expect(runner.pending).toBe(0);
  });

  describe('create', () => {
    it('creates an idle conversation with the defaults and masks the LLM key', async () => {
      const { info, created } = await fx.conversations.create(startRequest());
      expect(created).toBe(true);
      expect(info).toMatchObject({
        execution_status: 'idle',
        confirmation_policy: { kind: 'NeverConfirm' },
        max_iterations: 500,
        title: null,
        workspace: { working_dir: '/workspace/project' },
        agent: { llm: { model: 'openai/gpt-4o', api_key: MASK } },
      });
      expect(fx.store.stored(info.id)?.info.agent.llm.api_key).toBe('sk-live-123456');
    });

    it('returns the existing conversation for a known conversation_id, unchanged', async () => {
      const first = await fx.conversations.create(startRequest());
      const again = await fx.conversations.create(
        startRequest({ conversation_id: first.info.id, max_iterations: 3 }),
      );
      expect(again).toEqual({ info: first.info, created: false });
    });

    it('creates with the id the client chose', async () => {
      const id = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
      const { info, created } = await fx.conversations.create(
        startRequest({ conversation_id: id }),
      );
      expect({ id: info.id, created }).toEqual({ id, created: true });
    });

    it('emits the initial message as a user MessageEvent without running', async () => {
      const { info } = await fx.conversations.create(
        startRequest({ initial_message: userMessage('hello') }),
      );
      expect(fx.store.events(info.id)).toEqual([
        expect.objectContaining({
          kind: 'MessageEvent',
          source: 'user',
          llm_message: { role: 'user', content: [{ type: 'text', text: 'hello' }] },
        }),
      ]);
      expect(info.execution_status).toBe('idle');
    });

    it('starts a run when the initial message asks for one', async () => {
      runner.then(answerAndFinish('hi there'));
      const { info } = await fx.conversations.create(
        startRequest({ initial_message: userMessage('hello', true) }),
      );
      expect(info.execution_status).toBe('running');
      await (
        await fx.registry.require(info.id)
      ).activeRun;
      expect((await fx.conversations.get(info.id)).execution_status).toBe('finished');
    });

    it('refuses a run without a runner (503) before writing anything', async () => {
      const bare = conversationFixture();
      await bare.start();
      const request = startRequest({ initial_message: userMessage('hello', true) });
      expect(await statusOf(bare.conversations.create(request))).toBe(503);
      expect(bare.store.metas.size).toBe(0);
      await bare.stop();
    });

    it('refuses an initial message without content (400) before writing anything', async () => {
      const request = startRequest({ initial_message: { content: [] } });
      expect(await statusOf(fx.conversations.create(request))).toBe(400);
      expect(fx.store.metas.size).toBe(0);
    });
  });

  describe('get, batch, search and count', () => {
    it('answers 404 for an unknown conversation and null in a batch', async () => {
      const { info } = await fx.conversations.create(startRequest());
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await statusOf(fx.conversations.get(unknown))).toBe(404);
      expect(await fx.conversations.batchGet([unknown, info.id])).toEqual([null, info]);
    });

    it('pages newest first by default and filters by status', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        fx.clock.advance(1000);
        ids.push((await fx.conversations.create(startRequest())).info.id);
      }
      const first = await fx.conversations.search({ limit: 2, sort_order: 'CREATED_AT_DESC' });
      expect(first.items.map((item) => item.id)).toEqual([ids[4], ids[3]]);
      const second = await fx.conversations.search({
        limit: 2,
        sort_order: 'CREATED_AT_DESC',
        page_id: first.next_page_id ?? undefined,
      });
      expect(second.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
      expect(second.items[0]?.agent.llm.api_key).toBe(MASK);
      expect(await fx.conversations.count({})).toBe(5);
      expect(await fx.conversations.count({ status: 'running' })).toBe(0);
    });
  });

  describe('rename', () => {
    it('saves the title and tells subscribers', async () => {
      const { info } = await fx.conversations.create(startRequest());
      await fx.conversations.rename(info.id, 'Fix the tests');
      expect((await fx.conversations.get(info.id)).title).toBe('Fix the tests');
      expect(fx.store.stored(info.id)?.info.title).toBe('Fix the tests');
      expect(fx.store.events(info.id)).toEqual([
        expect.objectContaining({ kind: 'ConversationStateUpdateEvent', key: 'title' }),
      ]);
    });
  });

  describe('delete', () => {
    it('aborts a run, releases the runner, removes the files and forgets it', async () => {
      const held = heldRun();
      runner.then(held.script);
      const { info } = await fx.conversations.create(
        startRequest({ initial_message: userMessage('work', true) }),
      );
      await fx.conversations.delete(info.id);
      expect(runner.handles[0]?.signal.aborted).toBe(true);
      expect(runner.released).toEqual([info.id]);
      expect(fx.store.metas.has(info.id)).toBe(false);
      expect(fx.store.openAppenders).toBe(0);
      expect(await statusOf(fx.conversations.get(info.id))).toBe(404);
      expect(await statusOf(fx.conversations.delete(info.id))).toBe(404);
    });
  });
});
