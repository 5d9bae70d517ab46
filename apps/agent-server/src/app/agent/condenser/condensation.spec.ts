import { randomUUID } from 'node:crypto';
import { type Event, EventSchema } from '@agentrt/contracts';
import { ActivityTracker } from '../../health/activity-tracker';
import { RuntimeEnvironment } from '../../environment/runtime-environment';
import type { AgentServerConfig } from '../../config/agent-server.config';
import { AgentLoop } from '../agent-loop';
import type { NewEvent } from '../agent-runner';
import { LlmError } from '../llm/llm-error';
import type { LlmRequest } from '../llm/llm-client';
import { toLlmMessages } from '../llm-messages';
import { FakeConversation } from '../testing/fake-conversation';
import { FakeLlm, textAnswer, toolAnswer } from '../testing/fake-llm';
import { EchoTool, FinishTool } from '../testing/fake-tools';
import { planCondensation } from './condensation-plan';
import { condensedView } from './condensed-view';

const stored = (event: NewEvent): Event =>
  EventSchema.parse({ ...event, id: randomUUID(), timestamp: new Date().toISOString() });

function message(text: string, role: 'user' | 'assistant' = 'user'): Event {
  return stored({
    kind: 'MessageEvent',
    source: role === 'user' ? 'user' : 'agent',
    llm_message: { role, content: [{ type: 'text', text }] },
  });
}

function pair(n: number): Event[] {
  const action = stored({
    kind: 'ActionEvent',
    source: 'agent',
    tool_name: 'echo',
    tool_call_id: `call-${n}`,
    thought: [],
    action: { kind: 'EchoAction', text: `${n}` },
    security_risk: 'UNKNOWN',
  });
  const observation = stored({
    kind: 'ObservationEvent',
    source: 'environment',
    tool_name: 'echo',
    tool_call_id: `call-${n}`,
    action_id: action.id,
    observation: { kind: 'EchoObservation', content: [{ type: 'text', text: `out ${n}` }] },
  });
  return [action, observation];
}

describe('planCondensation', () => {
  const history = [message('task'), ...[1, 2, 3, 4, 5, 6].flatMap(pair)];

  it('does nothing below the limit or when off', () => {
    const view = condensedView(history);
    expect(planCondensation(view, { maxSize: 13, keepFirst: 1 })).toBeUndefined();
    expect(planCondensation(view, { maxSize: 0, keepFirst: 1 }, true)).toBeUndefined();
  });

  it('forgets the middle, keeps the head and the recent half, never splitting a call from its result', () => {
    const plan = planCondensation(condensedView(history), { maxSize: 8, keepFirst: 1 });
    // 13 events: keep 1 + the last 3, moved back so the kept tail starts at an action.
    expect(plan?.keepFirst).toBe(1);
    const forgotten = new Set(plan?.forget.map((event) => event.id));
    const kept = history.filter((event) => !forgotten.has(event.id));
    expect(kept[0]?.kind).toBe('MessageEvent');
    expect(kept[1]?.kind).toBe('ActionEvent');
    expect(kept).toHaveLength(5);
  });

  it('shows the LLM the summary in place of what was forgotten', () => {
    const plan = planCondensation(condensedView(history), { maxSize: 8, keepFirst: 1 });
    const condensation = stored({
      kind: 'Condensation',
      source: 'environment',
      forgotten_event_ids: plan?.forget.map((event) => event.id) ?? [],
      summary: 'echoed 1 to 4',
      summary_offset: 1,
    });
    const messages = toLlmMessages([...history, condensation]);
    expect(messages[0]).toMatchObject({ role: 'user', content: [{ text: 'task' }] });
    expect(messages[1]).toMatchObject({
      role: 'user',
      content: [{ text: expect.stringContaining('echoed 1 to 4') as unknown }],
    });
    expect(messages.slice(2).map((m) => m.role)).toEqual([
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
  });
});

describe('AgentLoop with a condenser', () => {
  const config = {
    WORKSPACE_DIR: '/tmp',
    CHILD_ENV: { PATH: '/usr/bin' },
    CONDENSER_MAX_SIZE: 6,
    CONDENSER_KEEP_FIRST: 1,
  } as unknown as AgentServerConfig;

  function run(...answers: ConstructorParameters<typeof FakeLlm>) {
    const llm = new FakeLlm(...answers);
    const loop = new AgentLoop(
      [new EchoTool(), new FinishTool()],
      { create: () => Promise.resolve(llm) },
      config,
      new RuntimeEnvironment(config),
      new ActivityTracker(() => 0),
    );
    const conversation = new FakeConversation({
      agent: { llm: { model: 'test-model' }, tools: [{ name: 'EchoTool' }] },
    });
    conversation.add({
      kind: 'MessageEvent',
      source: 'user',
      llm_message: { role: 'user', content: [{ type: 'text', text: 'echo a lot' }] },
    });
    return { llm, loop, conversation };
  }

  const echo = (n: number) => toolAnswer([{ name: 'echo', args: { text: `step ${n}` } }]);
  const summary = (request: LlmRequest) => {
    expect(request.tools).toEqual([]);
    return textAnswer('SUMMARY: echoed steps');
  };

  it('summarises older events once past the limit, emits the condensation, and runs on', async () => {
    const { llm, loop, conversation } = run(
      echo(1),
      echo(2),
      echo(3),
      summary,
      echo(4),
      textAnswer('done'),
    );
    await expect(loop.run(conversation)).resolves.toBe('finished');

    const condensations = conversation.events.filter((event) => event.kind === 'Condensation');
    expect(condensations).toHaveLength(1);
    expect(condensations[0]).toMatchObject({ summary: 'SUMMARY: echoed steps', summary_offset: 1 });
    // The step after the condensation reads the task, the summary and the recent steps only.
    const after = llm.requests[4]?.messages ?? [];
    expect(JSON.stringify(after)).toContain('SUMMARY: echoed steps');
    expect(JSON.stringify(after)).not.toContain('step 1');
    expect(after.length).toBeLessThan(llm.requests[2]?.messages.length ?? 0);
  });

  it('condenses and retries when the provider says the context window is exceeded', async () => {
    const tooLong = new LlmError('LLMContextWindowExceedError', 'context too long');
    const { llm, loop, conversation } = run(echo(1), echo(2), tooLong, summary, textAnswer('done'));
    await expect(loop.run(conversation)).resolves.toBe('finished');
    expect(conversation.events.some((event) => event.kind === 'Condensation')).toBe(true);
    expect(llm.remaining).toBe(0);
  });
});
