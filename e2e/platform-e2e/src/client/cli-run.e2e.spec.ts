import type { Event, Runtime } from '@agentrt/contracts';
import { RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { agentrt, jsonLinesOf, jsonOf } from './cli-process';
import { LoopStack } from './loop-stack';

/** One terminal command, then finish: what every run below is scripted to do. */
function scriptTask(stack: LoopStack, marker: string): void {
  stack.llm
    .newConversation()
    .enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: `echo ${marker}-$((40+2))` } }] },
      { toolCalls: [{ name: 'finish', arguments: { message: `done with ${marker}` } }] },
    );
}

/**
 * `agentrt run "task"` on the SDK's AgentLoop: on an existing runtime of runtime-api, and on a
 * runtime of its own (the agent server bundled next to the CLI). FAKE scripted LLM.
 */
describe('agentrt run (built CLI, AgentLoop on real agent servers)', () => {
  let stack: LoopStack;

  beforeAll(async () => {
    stack = await LoopStack.start();
  }, 60_000);
  afterAll(async () => stack?.tearDown(), 60_000);
  afterEach(() => expect(stack.llm.violations).toEqual([]));

  /** The LLM and Runtime API settings; no AGENTRT_AGENT_SERVER_COMMAND: the CLI's own is used. */
  const env = () => {
    const settings: Record<string, string> = stack.env(false);
    delete settings['AGENTRT_AGENT_SERVER_COMMAND'];
    return settings;
  };

  it('runs a task on an existing runtime, streaming readable events, and leaves it running', async () => {
    const runtime = jsonOf<Runtime>(
      await agentrt(['runtime', 'start', '--image', RUNTIME_IMAGE, '--json'], env()),
    );
    try {
      scriptTask(stack, 'on-runtime');
      const run = await agentrt(['run', 'Add 40 and 2', '--runtime', runtime.runtime_id], env());
      expect(run.stderr).toContain(`on runtime ${runtime.runtime_id}`);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines).toContain('user: Add 40 and 2');
      expect(lines).toContain('$ echo on-runtime-$((40+2))');
      expect(lines).toContain('  on-runtime-42');
      expect(lines).toContain('finish: done with on-runtime');
      expect(lines).toContain('[status] finished');
      expect(run.stderr).toContain('agent finished');
      const after = jsonOf<Runtime>(
        await agentrt(['runtime', 'get', runtime.runtime_id, '--json'], env()),
      );
      expect(after.status).toBe('running');
    } finally {
      await agentrt(['runtime', 'stop', runtime.runtime_id], env());
    }
  }, 90_000);

  it('runs a task on a local agent server of its own with --json: one event per line, each once', async () => {
    scriptTask(stack, 'local');
    const run = await agentrt(['run', 'Add 40 and 2', '--json'], env());
    expect(run.code).toBe(0);
    const events = jsonLinesOf<Event>(run);
    const ids = events.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['MessageEvent', 'ActionEvent', 'ObservationEvent']),
    );
    const finish = events.find(
      (event) => event.kind === 'ActionEvent' && event.tool_name === 'finish',
    );
    expect(finish).toBeDefined();
    // The local runtime was the run's own: nothing of it is left on runtime-api either.
    expect(await stack.liveRuntimes()).toEqual([]);
  }, 90_000);

  it('exits 1 when the agent ends in error', async () => {
    stack.llm.newConversation().enqueue({ httpError: 400, message: 'model refuses' });
    const run = await agentrt(['run', 'Do something'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the agent ended (error|stuck)/);
    expect(run.stdout).toMatch(/^error: .*model refuses/m);
  }, 90_000);
});
