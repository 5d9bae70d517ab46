import type { Event } from '@agentrt/contracts';
import { MemoryConversationStore } from '../testing/memory-store';
import {
  conversationFixture,
  ManualClock,
  startRequest,
  userMessage,
} from '../testing/conversation-fixture';
import { aborted, ScriptedRunner } from '../testing/scripted-runner';
import type { StoredConversation } from '../store/stored-conversation';
import { newConversation } from '../model/new-conversation';
import { INTERRUPTED_RUN_CODE } from '../runs/interrupted-run';

const TTL_SECONDS = 60;

function stored(id: string, status: StoredConversation['info']['execution_status']) {
  const conversation = newConversation(startRequest(), id, '/workspace', '2025-06-01T11:00:00Z');
  conversation.info.execution_status = status;
  return conversation;
}

describe('ConversationRegistry', () => {
  const env = { CONVERSATION_IDLE_TTL_SECONDS: String(TTL_SECONDS) };

  describe('at boot', () => {
    const running = '11111111-1111-4111-8111-111111111111';
    const deleting = '22222222-2222-4222-8222-222222222222';
    const idle = '33333333-3333-4333-8333-333333333333';
    let store: MemoryConversationStore;

    beforeEach(async () => {
      store = new MemoryConversationStore();
      await store.create(running, stored(running, 'running'));
      await store.create(deleting, stored(deleting, 'deleting'));
      await store.create(idle, stored(idle, 'idle'));
      store.metas.set('44444444-4444-4444-8444-444444444444', '{"not": "a conversation"');
    });

    it('indexes what is stored and holds readiness until it is done', async () => {
      const fx = conversationFixture({ store, env });
      fx.registry.onModuleInit();
      fx.readiness.onApplicationBootstrap();
      expect(fx.readiness.ready).toBe(false);
      await fx.registry.ready();
      expect(fx.readiness.ready).toBe(true);
      expect(await fx.conversations.count({})).toBe(2);
      await fx.stop();
    });

    it('turns a run the server stopped in the middle of into error, saying why', async () => {
      const fx = conversationFixture({ store, env });
      await fx.start();
      expect((await fx.conversations.get(running)).execution_status).toBe('error');
      expect(store.events(running)).toEqual([
        expect.objectContaining({ kind: 'ConversationErrorEvent', code: INTERRUPTED_RUN_CODE }),
        expect.objectContaining({ key: 'execution_status', value: 'error' }),
      ]);
      expect(store.stored(running)?.info.execution_status).toBe('error');
      await fx.stop();
    });

    it('finishes a deletion a crash interrupted', async () => {
      const fx = conversationFixture({ store, env });
      await fx.start();
      expect(store.metas.has(deleting)).toBe(false);
      expect(await fx.registry.find(deleting)).toBeUndefined();
      await fx.stop();
    });
  });

  describe('at shutdown', () => {
    it('aborts runs and records one the runner abandoned as error, saying why', async () => {
      const runner = new ScriptedRunner(async (handle) => {
        await aborted(handle.signal);
        return handle.info().execution_status; // as a cancelled run leaves it: running
      });
      const fx = conversationFixture({ runner, env });
      await fx.start();
      const { info } = await fx.conversations.create(
        startRequest({ initial_message: userMessage('work', true) }),
      );
      await fx.stop();
      expect(fx.store.stored(info.id)?.info.execution_status).toBe('error');
      expect(fx.store.events(info.id).at(-2)).toMatchObject({
        kind: 'ConversationErrorEvent',
        code: INTERRUPTED_RUN_CODE,
      });
      expect(fx.store.openAppenders).toBe(0);
    });
  });

  describe('idle unloading', () => {
    const clock = new ManualClock();
    let runner: ScriptedRunner;
    let fx: ReturnType<typeof conversationFixture>;
    let id: string;

    beforeEach(async () => {
      runner = new ScriptedRunner();
      fx = conversationFixture({ runner, clock, env });
      await fx.start();
      id = (await fx.conversations.create(startRequest())).info.id;
      await fx.commands.sendMessage(id, userMessage('remember me'));
    });

    afterEach(async () => {
      await fx.stop();
      expect(runner.unexpected).toEqual([]);
    });

    it('unloads events after the TTL, releases the runner, and loads them again on demand', async () => {
      clock.advance(TTL_SECONDS * 1000 - 1);
      expect(await fx.registry.sweep()).toBe(0);
      clock.advance(1);
      expect(await fx.registry.sweep()).toBe(1);
      expect(fx.store.openAppenders).toBe(0);
      expect(runner.released).toEqual([id]);
      const page = await fx.events.search(id, { limit: 10, sort_order: 'TIMESTAMP' });
      expect(page.items.map((e: Event) => e.kind)).toEqual(['MessageEvent']);
      expect(fx.store.openAppenders).toBe(1);
    });

    it('keeps a conversation someone subscribes to', async () => {
      const conversation = await fx.registry.require(id);
      const detach = conversation.hub.add({ deliver: () => undefined, end: () => undefined });
      clock.advance(TTL_SECONDS * 1000);
      expect(await fx.registry.sweep()).toBe(0);
      detach();
      expect(await fx.registry.sweep()).toBe(1);
    });

    it('saves updated_at on unload even if the debounced save has not run yet', async () => {
      const before = fx.store.stored(id)?.info.updated_at;
      clock.advance(5_000);
      await fx.commands.sendMessage(id, userMessage('later'));
      clock.advance(TTL_SECONDS * 1000);
      await fx.registry.sweep();
      expect(fx.store.stored(id)?.info.updated_at).not.toBe(before);
    });
  });
});
