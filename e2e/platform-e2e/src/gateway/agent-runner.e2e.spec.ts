import type { AgentDefinition, AgentRunResponse, Runtime } from '@agentrt/contracts';
import { lastToolResult, sees, waitFor } from '@agentrt/testing';
import { GatewayStack } from './gateway-stack';
import { readSse } from './sse-reader';

/**
 * The agent-runner end to end: a real gateway, runtime-api (local backend) and agent servers,
 * with a FAKE scripted LLM. Runs are sync, async + followed by SSE, cancelled, and carry files.
 */
describe('gateway agent-runner: runs through runtime-api and a real agent server', () => {
  let stack: GatewayStack;
  let agent: AgentDefinition;

  beforeAll(async () => {
    stack = await GatewayStack.start();
    agent = await stack.createAgent({ system_prompt: 'You are the e2e agent.' });
  }, 120_000);
  afterAll(async () => stack?.tearDown());
  beforeEach(() => stack.llm.newConversation());
  afterEach(() => expect(stack.llm.violations).toEqual([]));

  const runtimeOf = async (runtimeId: string): Promise<Runtime> => {
    const response = await stack.runtimeApi.client.call('GET', `/runtime/${runtimeId}`);
    return (await response.json()) as Runtime;
  };

  it('runs an agent synchronously: tool call, answer, runtime stopped afterwards', async () => {
    stack.llm.enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: 'echo sum=$((40+2))' } }] },
      {
        reply: { toolCalls: [{ name: 'finish', arguments: { message: 'The sum is 42.' } }] },
        check: sees('sum=42'),
      },
    );
    const response = await stack.call('POST', '/api/runs', {
      headers: { 'X-AGENT-ID': agent.id },
      body: { input: 'Add 40 and 2 in the shell' },
    });
    expect(response.headers.get('x-routed-to')).toBe('agent-runner');
    const run = (await response.json()) as AgentRunResponse;
    expect(response.status).toBe(200);
    expect(run).toMatchObject({
      agent_id: agent.id,
      agent_version: '1.0',
      status: 'succeeded',
      output: 'The sum is 42.',
    });
    expect(JSON.stringify(run)).not.toContain('session_api_key');
    const [first] = stack.llm.requests;
    expect(JSON.stringify(first?.body.messages?.[0])).toContain('You are the e2e agent.');
    await waitFor(async () => (await runtimeOf(run.runtime_id ?? '')).status === 'stopped', {
      timeoutMs: 20_000,
      description: 'the run runtime to be stopped',
    });
  });

  it('runs asynchronously by path and version, followed as Server-Sent Events to the end', async () => {
    stack.llm.enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: 'echo streamed' } }] },
      { text: 'Streamed and done.' },
    );
    const started = await stack.call('POST', `/v1.0/api/agents/${agent.id}/runs`, {
      body: { input: 'Say streamed', mode: 'async' },
    });
    expect(started.status).toBe(202);
    const run = (await started.json()) as AgentRunResponse;
    expect(started.headers.get('location')).toBe(`/api/runs/${run.run_id}`);
    const messages = await readSse(
      await stack.call('GET', `/api/runs/${run.run_id}/events`),
      (message) => message.event === 'end',
    );
    const kinds = messages
      .filter((m) => m.event === 'event')
      .map((m) => (JSON.parse(m.data) as { kind: string }).kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['MessageEvent', 'ActionEvent', 'ObservationEvent']),
    );
    const ids = messages.filter((m) => m.event === 'event').map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const statuses = messages
      .filter((m) => m.event === 'status')
      .map((m) => (JSON.parse(m.data) as AgentRunResponse).status);
    expect(statuses.at(-1)).toBe('succeeded');
    const finished = (await (
      await stack.call('GET', `/api/runs/${run.run_id}`)
    ).json()) as AgentRunResponse;
    expect(finished).toMatchObject({ status: 'succeeded', output: 'Streamed and done.' });
    const list = (await (await stack.call('GET', '/api/runs?limit=100')).json()) as {
      runs: AgentRunResponse[];
    };
    expect(list.runs.map((r) => r.run_id)).toContain(run.run_id);
    // Followed again after the end (runtime gone): the saved events, then the end.
    const replay = await readSse(
      await stack.call('GET', `/api/runs/${run.run_id}/events`),
      (message) => message.event === 'end',
    );
    expect(replay.filter((m) => m.event === 'event').map((m) => m.id)).toEqual(ids);
  });

  it('cancels a run while the agent waits for its LLM, and refuses a second cancel', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    stack.llm.enqueue({ reply: { text: 'too late' }, gate });
    const asked = stack.llm.requests.length;
    const started = await stack.call('POST', '/api/runs', {
      headers: { 'X-AGENT-ID': agent.id },
      body: { input: 'Think for a long time', mode: 'async' },
    });
    const { run_id } = (await started.json()) as AgentRunResponse;
    await waitFor(() => Promise.resolve(stack.llm.requests.length > asked), {
      timeoutMs: 30_000,
      description: 'the agent to call its LLM',
    });
    const cancelled = await stack.call('POST', `/api/runs/${run_id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as AgentRunResponse).status).toBe('cancelled');
    release();
    const again = await stack.call('POST', `/api/runs/${run_id}/cancel`);
    expect(again.status).toBe(409);
    const run = (await (await stack.call('GET', `/api/runs/${run_id}`)).json()) as AgentRunResponse;
    expect(run.status).toBe('cancelled');
    await waitFor(async () => (await runtimeOf(run.runtime_id ?? '')).status === 'stopped', {
      timeoutMs: 20_000,
      description: 'the cancelled run runtime to be stopped',
    });
  });

  it('places multipart attachments in the working directory before the agent starts', async () => {
    stack.llm.enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: 'cat notes.txt' } }] },
      {
        reply: { toolCalls: [{ name: 'finish', arguments: { message: 'read it' } }] },
        check: sees('attached-content-7'),
      },
    );
    const form = new FormData();
    form.append('input', 'Read notes.txt');
    form.append('timeout_seconds', '120');
    form.append('files', new Blob(['attached-content-7\n']), 'notes.txt');
    const response = await stack.call('POST', '/api/runs', {
      headers: { 'X-AGENT-ID': agent.id },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'succeeded', output: 'read it' });
    expect(lastToolResult(stack.llm.requests.at(-1) ?? ({} as never))).toContain(
      'attached-content-7',
    );
  });

  it('refuses bad runs clearly and keeps runs private to their caller', async () => {
    const expectError = async (response: Response, status: number, detail: RegExp) => {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { detail: string; code: string; request_id: string };
      expect(body.detail).toMatch(detail);
      expect(body.request_id).toEqual(expect.any(String));
    };
    await expectError(
      await stack.call('POST', '/api/runs', { body: { input: 'x' } }),
      400,
      /Name the agent/,
    );
    await expectError(
      await stack.call('POST', '/api/runs', {
        headers: { 'X-AGENT-ID': 'nobody' },
        body: { input: 'x' },
      }),
      404,
      /Agent nobody not found/,
    );
    await expectError(
      await stack.call('POST', '/v9.9/api/runs', {
        headers: { 'X-AGENT-ID': agent.id },
        body: { input: 'x' },
      }),
      404,
      /has no version 9.9/,
    );
    await expectError(
      await stack.call('POST', '/api/runs', {
        headers: { 'X-AGENT-ID': agent.id },
        body: { input: '  ' },
      }),
      400,
      /input/,
    );
    const form = new FormData();
    form.append('input', 'x');
    form.append('files', new Blob(['x']), '../escape.txt');
    await expectError(
      await stack.call('POST', '/api/runs', { headers: { 'X-AGENT-ID': agent.id }, body: form }),
      400,
      /plain file name/,
    );
    const mine = (await (await stack.call('GET', '/api/runs')).json()) as {
      runs: AgentRunResponse[];
    };
    const [someRun] = mine.runs;
    expect(someRun).toBeDefined();
    await expectError(
      await stack.call('GET', `/api/runs/${someRun?.run_id}`, { key: stack.keys.debug }),
      404,
      /not found/,
    );
    await expectError(await stack.call('GET', '/_routed/agent-runner/api/runs'), 404, /Cannot GET/);
  });
});
