import type { Event } from '@agentrt/contracts';
import { AgentRunFixture, userMessage } from './agent-run.helpers';

const LLM_TOOLS = ['terminal', 'finish'];

const ofKind = <K extends Event['kind']>(events: readonly Event[], kind: K) =>
  events.filter((event): event is Extract<Event, { kind: K }> => event.kind === kind);

const terminal = (command: string) => ({
  toolCalls: [{ name: 'terminal', arguments: { command } }],
});

/** Stuck detection and history condensation, driven by a scripted model over real HTTP. */
describe('agent-server: stuck runs and condensed histories (scripted LLM)', () => {
  let fixture: AgentRunFixture;
  beforeEach(async () => {
    fixture = await AgentRunFixture.start({ stream: false, tools: LLM_TOOLS });
  });
  afterEach(async () => fixture?.stop());

  it('ends a run that alternates between two commands as stuck, saying why', async () => {
    for (let i = 0; i < 3; i += 1)
      fixture.llm.enqueue(terminal('echo ping'), terminal('echo pong'));
    const conversation = await fixture.createConversation({
      tools: ['TerminalTool'],
      initial_message: userMessage('keep going'),
    });
    const events = await fixture.waitForStatus(conversation.id, 'stuck');
    expect(ofKind(events, 'ConversationErrorEvent').at(-1)).toMatchObject({
      code: 'AgentStuck',
      detail: expect.stringContaining('alternating') as unknown,
    });
    expect(fixture.llm.remaining).toBe(0);
    expect(fixture.llm.violations).toEqual([]);
  });

  it('ends a run repeating the same failing command as stuck', async () => {
    for (let i = 0; i < 3; i += 1)
      fixture.llm.enqueue({ toolCalls: [{ name: 'terminal', arguments: {} }] });
    const conversation = await fixture.createConversation({
      tools: ['TerminalTool'],
      initial_message: userMessage('try'),
    });
    const events = await fixture.waitForStatus(conversation.id, 'stuck');
    expect(ofKind(events, 'ConversationErrorEvent').at(-1)?.detail).toContain('repeated_error');
  });

  it('condenses past a small context limit and finishes the task', async () => {
    fixture.llm.enqueue(
      terminal('echo step-1'),
      terminal('echo step-2'),
      terminal('echo step-3'),
      {
        reply: { text: 'SUMMARY: printed step-1 and step-2' },
        allow: { noTools: true, forgottenCalls: true },
        check: (request) =>
          JSON.stringify(request.body.messages).includes('step-1')
            ? []
            : ['the summary request lacks the old steps'],
      },
      {
        reply: terminal('echo step-4'),
        allow: { forgottenCalls: true },
        check: (request) => {
          const text = JSON.stringify(request.body.messages);
          return text.includes('SUMMARY: printed') && !text.includes('echo step-1')
            ? []
            : [`the step after condensing does not read the summary alone: ${text.slice(0, 400)}`];
        },
      },
      {
        reply: { toolCalls: [{ name: 'finish', arguments: { message: 'all steps done' } }] },
        allow: { forgottenCalls: true },
      },
    );
    const conversation = await fixture.createConversation({
      tools: ['TerminalTool'],
      condenser: { kind: 'LLMSummarizingCondenser', max_size: 6, keep_first: 1 },
      initial_message: userMessage('print four steps'),
    });
    await fixture.waitForStatus(conversation.id, 'finished');
    const events = await fixture.events(conversation.id);
    const [condensation] = ofKind(events, 'Condensation');
    expect(condensation).toMatchObject({
      summary: 'SUMMARY: printed step-1 and step-2',
      summary_offset: 1,
    });
    expect(condensation?.forgotten_event_ids.length).toBeGreaterThan(0);
    expect(fixture.llm.violations).toEqual([]);
    expect(fixture.llm.remaining).toBe(0);
  });
});
