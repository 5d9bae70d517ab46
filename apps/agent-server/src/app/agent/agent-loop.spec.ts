import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationInfo, Event } from '@agentrt/contracts';
import type { AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker } from '../health/activity-tracker';
import { AgentLoop } from './agent-loop';
import { LlmError } from './llm/llm-error';
import { pendingActions, REPLACED_INPUT_KEY } from './pending-actions';
import { FakeConversation } from './testing/fake-conversation';
import { type FakeAnswer, FakeLlm, textAnswer, toolAnswer } from './testing/fake-llm';
import { EchoTool, FinishTool, UnrequestedTool } from './testing/fake-tools';

let workspace: string;
beforeEach(async () => (workspace = await mkdtemp(join(tmpdir(), 'agent-loop-'))));
afterEach(async () => rm(workspace, { recursive: true, force: true }));

function setup(answers: FakeAnswer[], info: Partial<ConversationInfo> = {}, secrets = {}) {
  const config = {
    WORKSPACE_DIR: workspace,
    CHILD_ENV: { PATH: '/usr/bin' },
    CONDENSER_MAX_SIZE: 120,
    CONDENSER_KEEP_FIRST: 4,
  } as unknown as AgentServerConfig;
  let now = 0;
  const activity = new ActivityTracker(() => now);
  const echo = new EchoTool();
  const llm = new FakeLlm(...answers);
  const tools = [echo, new FinishTool(), new UnrequestedTool()];
  const factory = { create: () => Promise.resolve(llm) };
  const loop = new AgentLoop(tools, factory, config, new RuntimeEnvironment(config), activity);
  const agent = {
    llm: { model: 'test-model', api_key: 'sk-test-api-key' },
    tools: [{ name: 'EchoTool' }],
  };
  const conversation = new FakeConversation({ agent, ...info }, secrets);
  conversation.add(userMessage('hello'));
  return { loop, llm, echo, conversation, activity, advance: (ms: number) => (now += ms) };
}

function userMessage(text: string) {
  return {
    kind: 'MessageEvent' as const,
    source: 'user' as const,
    llm_message: { role: 'user' as const, content: [{ type: 'text' as const, text }] },
  };
}

/** The run's last event is its final status, and nothing came after it. */
function expectFinalStatus(conversation: FakeConversation, status: string) {
  expect(conversation.events.at(-1)).toMatchObject({
    kind: 'ConversationStateUpdateEvent',
    key: 'execution_status',
    value: status,
  });
  expect(conversation.violations).toEqual([]);
}

const ofKind = <K extends Event['kind']>(events: readonly Event[], kind: K) =>
  events.filter((event): event is Extract<Event, { kind: K }> => event.kind === kind);

describe('AgentLoop', () => {
  it('answers with a message and finishes, after the system prompt with the chosen tools', async () => {
    const { loop, llm, conversation } = setup([textAnswer('Hello! Nothing to do.')]);
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(conversation.kinds()).toEqual([
      'MessageEvent',
      'SystemPromptEvent',
      'ConversationStateUpdateEvent',
      'MessageEvent',
      'ConversationStateUpdateEvent',
    ]);
    expect(conversation.events[2]).toMatchObject({ key: 'stats' });
    const [prompt] = ofKind(conversation.events, 'SystemPromptEvent');
    expect(prompt?.tools.map((tool) => (tool['function'] as { name: string }).name)).toEqual([
      'echo',
      'finish',
    ]);
    expect(conversation.events[3]).toMatchObject({
      source: 'agent',
      llm_message: {
        role: 'assistant',
        content: [{ type: 'text', text: 'Hello! Nothing to do.' }],
      },
    });
    const [request] = llm.requests;
    expect(request?.system).toContain(`The working directory is ${workspace}/project.`);
    expect(request?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hello' }] },
    ]);
    expect(request?.tools.find((tool) => tool.name === 'echo')?.parameters).toMatchObject({
      type: 'object',
      properties: { text: { type: 'string' }, loud: { type: 'boolean', default: false } },
      required: ['text'],
    });
    expectFinalStatus(conversation, 'finished');
  });

  it("appends the agent's agent_context suffix to the system prompt it records and sends", async () => {
    const agent = {
      llm: { model: 'test-model', api_key: 'sk-test-api-key' },
      tools: [{ name: 'EchoTool' }],
      agent_context: { system_message_suffix: 'You answer support tickets politely.' },
    };
    const { loop, llm, conversation } = setup([textAnswer('Hello.')], { agent });
    await expect(loop.run(conversation)).resolves.toBe('finished');
    const [prompt] = ofKind(conversation.events, 'SystemPromptEvent');
    expect(prompt?.system_prompt.text).toMatch(/\n\nYou answer support tickets politely\.$/);
    expect(llm.requests[0]?.system).toContain('You answer support tickets politely.');
  });

  it('runs tool calls, shows the LLM their results, and ends on finish', async () => {
    const { loop, llm, echo, conversation } = setup(
      [
        toolAnswer([{ name: 'echo', args: { text: 'hi', loud: true }, id: 'c1' }], 'I will echo.'),
        toolAnswer([{ name: 'finish', args: { message: 'All done' }, id: 'c2' }]),
      ],
      {},
      { TOKEN: 'tok-value-1' },
    );
    await expect(loop.run(conversation)).resolves.toBe('finished');
    const [action] = ofKind(conversation.events, 'ActionEvent');
    expect(action).toMatchObject({
      source: 'agent',
      tool_name: 'echo',
      tool_call_id: 'c1',
      thought: [{ type: 'text', text: 'I will echo.' }],
      action: { kind: 'EchoAction', text: 'hi', loud: true },
      tool_call: { id: 'c1', name: 'echo', arguments: '{"text":"hi","loud":true}' },
      security_risk: 'LOW',
    });
    expect(action?.llm_response_id).toBeTruthy();
    const [observation] = ofKind(conversation.events, 'ObservationEvent');
    expect(observation).toMatchObject({
      source: 'environment',
      action_id: action?.id,
      tool_call_id: 'c1',
      observation: { kind: 'EchoObservation', echoed: 'HI', is_error: false },
    });
    expect(echo.calls[0]?.context).toMatchObject({
      conversationId: conversation.id,
      workingDir: `${workspace}/project`,
      env: { PATH: '/usr/bin', TOKEN: 'tok-value-1' },
    });
    expect(llm.requests[1]?.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        text: 'I will echo.',
        toolCalls: [{ id: 'c1', name: 'echo', argumentsJson: '{"text":"hi","loud":true}' }],
      },
      { role: 'tool', toolCallId: 'c1', toolName: 'echo', text: 'echo: HI', isError: false },
    ]);
    expect(conversation.info().stats).toMatchObject({
      usage_to_metrics: {
        agent: {
          model_name: 'test-model',
          accumulated_token_usage: { prompt_tokens: 2, completion_tokens: 2, per_turn_token: 2 },
        },
      },
    });
    expect(ofKind(conversation.events, 'ObservationEvent')[1]?.observation).toMatchObject({
      kind: 'FinishObservation',
      message: 'All done',
    });
    expectFinalStatus(conversation, 'finished');
  });

  it('pauses between steps once a pause is requested', async () => {
    const { loop, llm, conversation } = setup([
      toolAnswer([{ name: 'echo', args: { text: 'a' } }]),
    ]);
    conversation.onEmit = (event) => {
      if (event.kind === 'ObservationEvent') conversation.pauseRequested = true;
    };
    await expect(loop.run(conversation)).resolves.toBe('paused');
    expect(conversation.kinds().slice(-4)).toEqual([
      'ActionEvent',
      'ObservationEvent',
      'PauseEvent',
      'ConversationStateUpdateEvent',
    ]);
    expect(llm.requests).toHaveLength(1);
    expectFinalStatus(conversation, 'paused');
  });

  it('under AlwaysConfirm stops with the actions pending, and runs them when resumed', async () => {
    const { loop, llm, echo, conversation } = setup(
      [
        toolAnswer([
          { name: 'echo', args: { text: 'one' } },
          { name: 'echo', args: { text: 'two' } },
        ]),
        textAnswer('Both echoed.'),
      ],
      { confirmation_policy: { kind: 'AlwaysConfirm' } },
    );
    await expect(loop.run(conversation)).resolves.toBe('waiting_for_confirmation');
    expect(echo.calls).toHaveLength(0);
    expect(pendingActions(conversation.history()).map((a) => a.action?.['text'])).toEqual([
      'one',
      'two',
    ]);
    expectFinalStatus(conversation, 'waiting_for_confirmation');

    conversation.resume();
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls.map((call) => call.args.text)).toEqual(['one', 'two']);
    expect(pendingActions(conversation.history())).toEqual([]);
    expect(llm.requests[1]?.messages.filter((m) => m.role === 'tool')).toHaveLength(2);
    expectFinalStatus(conversation, 'finished');
  });

  it('runs an accepted action with the input recorded to replace its arguments', async () => {
    const { loop, llm, echo, conversation } = setup(
      [toolAnswer([{ name: 'echo', args: { text: 'original' } }]), textAnswer('Echoed.')],
      { confirmation_policy: { kind: 'AlwaysConfirm' } },
    );
    await loop.run(conversation);
    const [action] = pendingActions(conversation.history());
    if (!action) throw new Error('no pending action');
    expect(loop.checkActionInput(action, { text: 42 })).toMatch(/Invalid arguments/);
    expect(loop.checkActionInput(action, { text: 'replaced' })).toBeUndefined();
    conversation.add({
      kind: 'ConversationStateUpdateEvent',
      source: 'user',
      key: REPLACED_INPUT_KEY,
      value: { action_id: action.id, input: { text: 'replaced' } },
    });
    conversation.resume();
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls.map((call) => call.args.text)).toEqual(['replaced']);
    expect(ofKind(conversation.events, 'ObservationEvent')[0]?.action_id).toBe(action.id);
    expect(llm.requests).toHaveLength(2);
  });

  it('shows the LLM a rejected action as rejected, and does not run it', async () => {
    const { loop, llm, echo, conversation } = setup(
      [
        toolAnswer([{ name: 'echo', args: { text: 'rm -rf' }, id: 'c1' }]),
        textAnswer('OK, I will not.'),
      ],
      { confirmation_policy: { kind: 'AlwaysConfirm' } },
    );
    await loop.run(conversation);
    const [action] = pendingActions(conversation.history());
    conversation.add({
      kind: 'UserRejectObservation',
      source: 'user',
      tool_name: 'echo',
      tool_call_id: 'c1',
      action_id: action?.id ?? '',
      rejection_reason: 'too dangerous',
    });
    conversation.resume();
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls).toHaveLength(0);
    expect(llm.requests[1]?.messages.at(-1)).toEqual({
      role: 'tool',
      toolCallId: 'c1',
      toolName: 'echo',
      text: 'The user rejected this action: too dangerous',
      isError: true,
    });
  });

  it('does not ask to confirm finish', async () => {
    const { loop, conversation } = setup(
      [toolAnswer([{ name: 'finish', args: { message: 'done' } }])],
      {
        confirmation_policy: { kind: 'AlwaysConfirm' },
      },
    );
    await expect(loop.run(conversation)).resolves.toBe('finished');
  });

  it('reports unknown tools, bad JSON and invalid arguments to the LLM as errors', async () => {
    const { loop, llm, echo, conversation } = setup([
      toolAnswer([
        { name: 'nope', args: {}, id: 'c1' },
        { name: 'echo', args: '{"text": ', id: 'c2' },
        { name: 'echo', args: { text: 42 }, id: 'c3' },
        { name: 'browser', args: {}, id: 'c4' },
      ]),
      textAnswer('Sorry.'),
    ]);
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(echo.calls).toHaveLength(0);
    const actions = ofKind(conversation.events, 'ActionEvent');
    expect(actions.map((action) => action.action)).toEqual([null, null, null, null]);
    const errors = ofKind(conversation.events, 'AgentErrorEvent');
    expect(errors.map((error) => error.tool_call_id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(errors[0]?.error).toContain('Tool "nope" does not exist. Available tools: echo, finish');
    expect(errors[1]?.error).toContain('not valid JSON');
    expect(errors[2]?.error).toMatch(/Invalid arguments for tool "echo":[\s\S]*text/);
    const results = llm.requests[1]?.messages.filter((m) => m.role === 'tool');
    expect(results?.map((m) => m.role === 'tool' && m.isError)).toEqual([true, true, true, true]);
  });

  it('turns a tool that throws into an error the LLM sees, and goes on', async () => {
    const { loop, llm, conversation } = setup([
      toolAnswer([{ name: 'echo', args: { text: 'explode' }, id: 'c1' }]),
      textAnswer('It broke.'),
    ]);
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(ofKind(conversation.events, 'AgentErrorEvent')[0]?.error).toBe(
      'Tool "echo" failed: echo exploded',
    );
    expect(llm.requests).toHaveLength(2);
  });

  it('ends with a ConversationErrorEvent and status error when the LLM fails', async () => {
    const { loop, conversation } = setup([
      new LlmError('LLMAuthenticationError', 'HTTP 401: bad key'),
    ]);
    await expect(loop.run(conversation)).resolves.toBe('error');
    expect(conversation.events.at(-2)).toMatchObject({
      kind: 'ConversationErrorEvent',
      source: 'environment',
      code: 'LLMAuthenticationError',
      detail: 'HTTP 401: bad key',
    });
    expectFinalStatus(conversation, 'error');
  });

  it('reports a model it cannot map as an LLM configuration error', async () => {
    const { conversation } = setup([]);
    const config = { WORKSPACE_DIR: workspace, CHILD_ENV: {} } as unknown as AgentServerConfig;
    const unmappable = {
      create: () =>
        Promise.reject(new LlmError('LLMConfigurationError', 'Cannot tell the provider')),
    };
    const loop = new AgentLoop(
      [new EchoTool()],
      unmappable,
      config,
      new RuntimeEnvironment(config),
      new ActivityTracker(() => 0),
    );
    await expect(loop.run(conversation)).resolves.toBe('error');
    expect(conversation.events.at(-2)).toMatchObject({ code: 'LLMConfigurationError' });
    expectFinalStatus(conversation, 'error');
  });

  it('turns an unexpected failure into InternalError instead of throwing', async () => {
    const { loop, conversation } = setup([new Error('boom')]);
    await expect(loop.run(conversation)).resolves.toBe('error');
    expect(conversation.events.at(-2)).toMatchObject({ code: 'InternalError', detail: 'boom' });
    expectFinalStatus(conversation, 'error');
  });

  it('stops at max_iterations with MaxIterationsReached and status error', async () => {
    const step = (text: string) => toolAnswer([{ name: 'echo', args: { text } }]);
    const { loop, llm, conversation } = setup([step('1'), step('2'), step('3')], {
      max_iterations: 2,
    });
    await expect(loop.run(conversation)).resolves.toBe('error');
    expect(llm.requests).toHaveLength(2);
    expect(conversation.events.at(-2)).toMatchObject({
      kind: 'ConversationErrorEvent',
      code: 'MaxIterationsReached',
      detail: 'Agent reached maximum iterations limit (2).',
    });
    expectFinalStatus(conversation, 'error');
  });

  it('ends as stuck when the agent repeats the same action with the same result', async () => {
    const same = () => toolAnswer([{ name: 'echo', args: { text: 'again' } }]);
    const { loop, llm, conversation } = setup([same(), same(), same(), same(), same()]);
    await expect(loop.run(conversation)).resolves.toBe('stuck');
    expect(llm.requests).toHaveLength(4);
    expect(conversation.events.at(-2)).toMatchObject({
      kind: 'ConversationErrorEvent',
      code: 'AgentStuck',
      detail: expect.stringContaining('Stuck (repeated_observation)') as unknown,
    });
    expectFinalStatus(conversation, 'stuck');
  });

  it('ends as stuck, saying why, when the agent alternates between two actions', async () => {
    const echo = (text: string) => toolAnswer([{ name: 'echo', args: { text } }]);
    const loopAnswers = [1, 2, 3, 4].flatMap(() => [echo('ping'), echo('pong')]);
    const { loop, llm, conversation } = setup(loopAnswers);
    await expect(loop.run(conversation)).resolves.toBe('stuck');
    expect(llm.requests).toHaveLength(6);
    expect(conversation.events.at(-2)).toMatchObject({
      kind: 'ConversationErrorEvent',
      code: 'AgentStuck',
      detail: expect.stringContaining('alternated') as unknown,
    });
  });

  it('masks secrets and the LLM key in every event, so the LLM never reads them either', async () => {
    const secret = 'hunter2-secret-value';
    const apiKey = 'sk-test-api-key';
    const { loop, llm, echo, conversation } = setup(
      [
        toolAnswer([{ name: 'echo', args: { text: `value ${secret}` } }], `my key is ${apiKey}`),
        new LlmError('LLMBadRequestError', `rejected ${secret} and ${apiKey}`),
      ],
      {},
      { PASSWORD: secret },
    );
    await loop.run(conversation);
    expect(echo.calls[0]?.args.text).toBe(`value ${secret}`);
    const everything = JSON.stringify(conversation.events);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(apiKey);
    expect(everything).toContain('<secret-hidden>');
    expect(JSON.stringify(llm.requests[1]?.messages)).not.toContain(secret);
    expect(llm.requests[0]?.system).toContain('$PASSWORD');
  });

  it('holds the activity tracker busy while it runs', async () => {
    let idleDuringRun: number | undefined;
    const { loop, conversation, activity, advance } = setup([
      () => {
        advance(60_000);
        idleDuringRun = activity.idleSeconds();
        return textAnswer('done');
      },
    ]);
    await loop.run(conversation);
    expect(idleDuringRun).toBe(0);
    advance(5_000);
    expect(activity.idleSeconds()).toBe(5);
  });

  it('sets no status once the conversation is cancelled', async () => {
    const { loop, conversation } = setup([
      () => {
        conversation.abort();
        return new LlmError('LLMCancelledError', 'The run was cancelled');
      },
    ]);
    await expect(loop.run(conversation)).resolves.toBe('running');
    expect(conversation.statuses).toEqual([]);
  });

  it('releases every tool of a conversation', async () => {
    const { loop, echo } = setup([]);
    await loop.release('conversation-1');
    expect(echo.released).toEqual(['conversation-1']);
  });
});
