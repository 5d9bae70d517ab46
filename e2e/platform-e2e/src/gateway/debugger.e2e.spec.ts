import type { AgentDefinition, DebugRunState, Runtime } from '@agentrt/contracts';
import { lastToolResult, type RecordedRequest, sees, waitFor } from '@agentrt/testing';
import { GatewayStack } from './gateway-stack';
import { readSse, type SseMessage } from './sse-reader';

/** A command the scripted LLM asks the terminal to run. */
const shell = (command: string) => ({ toolCalls: [{ name: 'terminal', arguments: { command } }] });

/** A ScriptStep check: the LLM was NOT shown `needle` in the last tool result. */
const doesNotSee =
  (needle: string) =>
  (request: RecordedRequest): string[] =>
    lastToolResult(request).includes(needle) ? [`the LLM saw "${needle}"`] : [];

/**
 * The debugger end to end, on TWO gateway replicas sharing Redis: every request of a debug run
 * goes to the other replica than the one before. A FAKE scripted LLM asks for terminal commands
 * whose effect (files in the workspace) the agent's own `ls` shows.
 */
describe('gateway debugger: stepping an agent through two replicas', () => {
  let stack: GatewayStack;
  let agent: AgentDefinition;
  let turn = 0;

  beforeAll(async () => {
    stack = await GatewayStack.start({ replicas: 2 });
    agent = await stack.createAgent();
  }, 180_000);
  afterAll(async () => stack?.tearDown());
  afterEach(() => expect(stack.llm.violations).toEqual([]));

  /** Alternates replicas on every call, so no step can rely on the replica of the one before. */
  const next = () => stack.replicas[(turn += 1) % stack.replicas.length]?.url ?? '';

  const debug = async (
    header: string,
    value: string,
    body?: unknown,
  ): Promise<{ status: number; state: DebugRunState; routedTo: string | null }> => {
    const response = await stack.call('POST', `${next()}/api/runs`, {
      key: stack.keys.debug,
      headers: { [header]: value, 'X-AGENT-ID': agent.id },
      body,
    });
    return {
      status: response.status,
      state: (await response.json()) as DebugRunState,
      routedTo: response.headers.get('x-routed-to'),
    };
  };

  const commandOf = (state: DebugRunState) => state.pending_action?.action?.['command'];

  const runtimeOf = async (runtimeId: string): Promise<Runtime> => {
    const response = await stack.runtimeApi.client.call('GET', `/runtime/${runtimeId}`);
    return (await response.json()) as Runtime;
  };

  it('starts, steps, skips, injects a message and new input, and stops, watched by a monitor', async () => {
    let releaseStep: () => void = () => undefined;
    const stepGate = new Promise<void>((resolve) => (releaseStep = resolve));
    stack.llm.enqueue(
      shell('touch stepped.txt'),
      { reply: shell('touch skipped.txt'), gate: stepGate },
      { reply: shell('echo original'), check: sees('rejected') },
      {
        reply: shell('touch never.txt'),
        check: (request) => [
          ...sees('stepped.txt')(request),
          ...doesNotSee('skipped.txt')(request),
          ...(JSON.stringify(request.body.messages).includes('Please list the files')
            ? []
            : ['the injected message is missing']),
        ],
      },
    );

    const started = await debug('X-DEBUG-RUN', 'new', { input: 'Make some files' });
    expect(started.routedTo).toBe('debugger');
    expect(started.status).toBe(201);
    expect(started.state).toMatchObject({ agent_id: agent.id, status: 'paused', steps: 0 });
    expect(commandOf(started.state)).toBe('touch stepped.txt');
    const runId = started.state.run_id;

    const monitorResponse = await stack.call('GET', `${next()}/api/monitor`, {
      key: stack.keys.debug,
      headers: { 'X-MONITOR-ID': runId },
    });
    const monitored = readSse(monitorResponse, (m) => m.event === 'end', 120_000);

    // Two steps at once, on both replicas: exactly one accepts the pending action.
    const racing = Promise.all([debug('X-DEBUG-RUN', runId), debug('X-DEBUG-RUN', runId)]);
    await stack.llm.waitForRequests(2);
    releaseStep();
    const raced = await racing;
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    const stepped = raced.find((r) => r.status === 200)?.state;
    expect(stepped).toMatchObject({ status: 'paused', steps: 1 });
    expect(stepped?.last_observation).toMatchObject({ kind: 'ObservationEvent' });
    expect(stepped && commandOf(stepped)).toBe('touch skipped.txt');

    const skipped = await debug('X-DEBUG-SKIP', runId);
    expect(skipped.status).toBe(200);
    expect(skipped.state).toMatchObject({ status: 'paused', steps: 2 });
    expect(skipped.state.last_observation).toMatchObject({ kind: 'UserRejectObservation' });
    expect(commandOf(skipped.state)).toBe('echo original');

    const told = await debug('X-DEBUG-INJ', runId, { message: 'Please list the files' });
    expect(told.status).toBe(200);
    expect(told.state).toMatchObject({ status: 'paused', steps: 2 });
    expect(commandOf(told.state)).toBe('echo original');
    expect(JSON.stringify(told.state.history)).toContain('Please list the files');

    const replaced = await debug('X-DEBUG-INJ', runId, { action_input: { command: 'ls' } });
    expect(replaced.status).toBe(200);
    expect(replaced.state).toMatchObject({ status: 'paused', steps: 3 });
    const listing = JSON.stringify(replaced.state.last_observation);
    expect(listing).toContain('stepped.txt');
    expect(listing).not.toContain('skipped.txt');
    expect(commandOf(replaced.state)).toBe('touch never.txt');

    const read = await debug('X-DEBUG-READ', runId);
    expect(read.state).toMatchObject({ status: 'paused', steps: 3 });
    expect(read.state.pending_action?.id).toBe(replaced.state.pending_action?.id);

    const stopped = await debug('X-DEBUG-STOP', runId);
    expect(stopped.status).toBe(200);
    expect(stopped.state).toMatchObject({ status: 'stopped', pending_action: null, steps: 3 });
    expect((await debug('X-DEBUG-RUN', runId)).status).toBe(409);
    expect((await debug('X-DEBUG-READ', runId)).state.status).toBe('stopped');
    await waitFor(async () => (await runtimeOf(stopped.state.runtime_id)).status === 'stopped', {
      timeoutMs: 20_000,
      description: 'the debug run runtime to be stopped',
    });

    const kinds = (await monitored)
      .filter((m: SseMessage) => m.event === 'event')
      .map((m) => (JSON.parse(m.data) as { run_id: string; event: { kind: string } }).event.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['ActionEvent', 'ObservationEvent', 'UserRejectObservation']),
    );
    expect(stack.llm.remaining).toBe(0);
  });

  it('answers the finished state when the agent ends without an action to confirm', async () => {
    stack.llm.enqueue({
      reply: { toolCalls: [{ name: 'finish', arguments: { message: 'Nothing to do.' } }] },
      // A new conversation: the first run's tool calls are rightly not in it.
      allow: { forgottenCalls: true },
    });
    const started = await debug('X-DEBUG-RUN', '', { input: 'Do nothing' });
    expect(started.status).toBe(201);
    expect(started.state).toMatchObject({ status: 'finished', pending_action: null, steps: 0 });
    expect((await debug('X-DEBUG-SKIP', started.state.run_id)).status).toBe(409);
    // Another debugger cannot read or act on this run: it does not exist for them.
    const otherKey = await stack.createKey(['run', 'debug']);
    for (const header of ['X-DEBUG-READ', 'X-DEBUG-STOP', 'X-MONITOR-ID']) {
      const response = await stack.call('POST', `${next()}/api/runs`, {
        key: otherKey,
        headers: { [header]: started.state.run_id, 'X-AGENT-ID': agent.id },
      });
      expect(response.status).toBe(404);
    }
  });

  it('refuses debugging without the debug scope, forced to the agent-runner, or unclear (403/400/404)', async () => {
    const call = (key: string, headers: Record<string, string>) =>
      stack.call('GET', `${next()}/api/runs`, {
        key,
        headers: { 'X-AGENT-ID': agent.id, ...headers },
      });
    expect((await call(stack.keys.run, { 'X-DEBUG-READ': 'dbg-x' })).status).toBe(403);
    expect((await call(stack.keys.run, { 'X-MONITOR-ID': 'dbg-x' })).status).toBe(403);
    expect((await call(stack.keys.run, { 'X-FORCE-DEBUGGER': '1' })).status).toBe(403);
    const forced = await call(stack.keys.debug, { 'X-FORCE-AGENT-RUNNER': '1', 'X-DEBUG-RUN': '' });
    expect(forced.status).toBe(403);
    const several = await call(stack.keys.debug, {
      'X-DEBUG-READ': 'dbg-x',
      'X-DEBUG-STOP': 'dbg-x',
    });
    expect(several.status).toBe(400);
    expect(((await several.json()) as { detail: string }).detail).toMatch(/one debug header/);
    expect((await call(stack.keys.debug, { 'X-DEBUG-READ': 'dbg-unknown' })).status).toBe(404);
    expect((await call(stack.keys.debug, { 'X-MONITOR-ID': 'dbg-unknown' })).status).toBe(404);
  });
});
