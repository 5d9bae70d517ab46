import { AgentLoop, AgentLoopManager, startRuntime } from '@agentrt/client';
import type { Event } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { LoopStack, shapeOf } from './loop-stack';

/** The same task for every loop: one terminal command, then finish. */
function scriptTask(stack: LoopStack, gate?: Promise<void>): void {
  stack.llm.newConversation().enqueue(
    { toolCalls: [{ name: 'terminal', arguments: { command: 'echo first-step' } }] },
    {
      reply: { toolCalls: [{ name: 'terminal', arguments: { command: 'echo second-step' } }] },
      ...(gate ? { gate } : {}),
    },
    { toolCalls: [{ name: 'finish', arguments: { message: 'both steps done' } }] },
  );
}

/** Runs the task on a loop and returns what its listener saw, once the history has it all. */
async function runTask(loop: AgentLoop): Promise<Event[]> {
  await loop.sendMessage('Run the two steps');
  expect(await loop.waitUntilSettled(30_000)).toBe('finished');
  const history = await loop.getAllEvents();
  await waitFor(() => Promise.resolve(loop.receivedEvents.length >= history.length), {
    description: 'every event of the history delivered to the listener',
  });
  return history;
}

describe('AgentLoop and AgentLoopManager (SDK) against real agent servers', () => {
  let stack: LoopStack;

  beforeAll(async () => {
    stack = await LoopStack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.tearDown();
  });

  afterEach(() => {
    expect(stack.llm.violations).toEqual([]);
  });

  it('gives the same event sequence on a local and on a remote runtime', async () => {
    const manager = new AgentLoopManager(stack.config(false), { cleanupOnExit: false });
    const remoteManager = new AgentLoopManager(stack.config(true), { cleanupOnExit: false });
    const key = { userId: 'u1', appId: 'app', conversationId: 'c1' };
    try {
      scriptTask(stack);
      const local = await manager.getOrCreate(key);
      const localHistory = await runTask(local);
      scriptTask(stack);
      const remote = await remoteManager.getOrCreate(key);
      const remoteHistory = await runTask(remote);

      expect((await local.getAgentStatus()).runtime_type).toBe('local');
      expect(await remote.getAgentStatus()).toMatchObject({
        runtime_type: 'remote',
        execution_status: 'finished',
        runtime_state: 'running',
      });
      expect(remoteHistory.map(shapeOf)).toEqual(localHistory.map(shapeOf));
      expect(localHistory.map(shapeOf)).toEqual(
        expect.arrayContaining(['ActionEvent:agent:terminal', 'ActionEvent:agent:finish']),
      );
      // What the listeners saw is the history, each event once and in order.
      for (const loop of [local, remote]) {
        const history = loop === local ? localHistory : remoteHistory;
        expect(loop.receivedEvents.map((event) => event.id)).toEqual(history.map((e) => e.id));
      }
      expect(await manager.get(key)).toBe(local);
    } finally {
      await manager.cleanupAll();
      await remoteManager.cleanupAll();
    }
    expect(await stack.liveRuntimes()).toEqual([]);
  }, 120_000);

  it.each([
    ['local', false],
    ['remote', true],
  ] as const)(
    'pauses and resumes a %s runtime, keeping the conversation',
    async (type, remote) => {
      const manager = new AgentLoopManager(stack.config(remote), { cleanupOnExit: false });
      try {
        scriptTask(stack);
        const loop = await manager.getOrCreate({
          userId: 'u',
          appId: 'pause',
          conversationId: type,
        });
        await runTask(loop);
        await loop.pause();
        expect(await loop.getAgentStatus()).toMatchObject({
          runtime_type: type,
          runtime_state: 'paused',
        });
        if (remote) {
          const response = await stack.runtimeApi.client.call('GET', `/runtime/${loop.runtime.id}`);
          expect(await response.json()).toMatchObject({ status: 'paused' });
        }
        await loop.resume();
        stack.llm.enqueue({ toolCalls: [{ name: 'finish', arguments: { message: 'again' } }] });
        await loop.sendMessage('Once more');
        expect(await loop.waitUntilSettled(30_000)).toBe('finished');
        const history = await loop.getAllEvents();
        expect(
          history.filter((e) => e.kind === 'MessageEvent' && e.source === 'user'),
        ).toHaveLength(2);
      } finally {
        await manager.cleanupAll();
      }
    },
    90_000,
  );

  it('loses and duplicates no event when the server drops the WebSocket mid-run', async () => {
    const { runtime } = await startRuntime(stack.config(true));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const asked = stack.llm.requests.length;
    scriptTask(stack, gate);
    const log: string[] = [];
    const loop = await AgentLoop.create({
      runtime,
      llm: stack.config(true).llm ?? { model: '' },
      websocket: true,
      debug: (line) => log.push(line),
    });
    try {
      await loop.sendMessage('Run the two steps');
      // The agent waits for the LLM's second answer: the first step's events are delivered.
      await stack.llm.waitForRequests(asked + 2);
      await waitFor(
        () => Promise.resolve(loop.receivedEvents.some((e) => e.kind === 'ObservationEvent')),
        { description: 'the first observation delivered' },
      );
      // runtime-api, whose runtime proxy carries the socket, dies: the socket is cut.
      const api = stack.runtimeApi.api;
      api.kill('SIGKILL');
      await api.exited;
      release(); // the run goes on while nobody listens
      await stack.runtimeApi.restart(api);
      const history = await settleAndCatchUp(loop);
      const ids = loop.receivedEvents.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(history.map((event) => event.id));
      expect(history.map(shapeOf)).toContain('ActionEvent:agent:finish');
      expect(loop.eventError).toBeUndefined();
      // It really was cut and reopened: one subscription before the kill, one after.
      expect(log.filter((line) => line.startsWith('events: socket lost'))).not.toEqual([]);
      expect(log.filter((line) => line === 'events: live').length).toBeGreaterThanOrEqual(2);
    } finally {
      release();
      await loop.cleanup();
    }
  }, 120_000);

  it('falls back to a local runtime when the remote one cannot start, and says so', async () => {
    const manager = new AgentLoopManager(
      stack.config(true, {
        RUNTIME_API_URL: 'http://127.0.0.1:9', // nothing listens on the discard port
        AGENTRT_REMOTE_START_ATTEMPTS: '2',
        AGENTRT_FALLBACK_TO_LOCAL: 'true',
      }),
      { cleanupOnExit: false },
    );
    try {
      scriptTask(stack);
      const loop = await manager.getOrCreate({ userId: 'u', appId: 'a', conversationId: 'c' });
      const status = await loop.getAgentStatus();
      expect(status.runtime_type).toBe('local');
      expect(status.fallback).toMatchObject({ from: 'remote' });
      expect(status.fallback?.reason).toMatch(/127\.0\.0\.1:9/);
      await runTask(loop);
    } finally {
      await manager.cleanupAll();
    }
  }, 90_000);
});

/** After the restart: waits for the end through the (new) proxy, then for the catch-up. */
async function settleAndCatchUp(loop: AgentLoop): Promise<Event[]> {
  expect(await loop.waitUntilSettled(30_000)).toBe('finished');
  const history = await loop.getAllEvents();
  await waitFor(() => Promise.resolve(loop.receivedEvents.length >= history.length), {
    timeoutMs: 20_000,
    description: 'the events produced while disconnected caught up',
  });
  return history;
}
