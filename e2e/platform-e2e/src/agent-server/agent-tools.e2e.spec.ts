import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Event } from '@agentrt/contracts';
import { sees } from '@agentrt/testing';
import { AgentRunFixture, userMessage } from './agent-run.helpers';

const TOOLS = ['TerminalTool', 'FileEditorTool'];

/** The fields the OpenHands SDK's observation models allow (they reject any other). */
const TERMINAL_FIELDS = [
  'command',
  'content',
  'exit_code',
  'full_output_save_dir',
  'is_error',
  'kind',
  'metadata',
  'timeout',
];
const EDITOR_FIELDS = [
  'command',
  'content',
  'is_error',
  'kind',
  'new_content',
  'old_content',
  'path',
  'prev_exist',
];

const observations = (events: readonly Event[]) =>
  events.flatMap((event) => (event.kind === 'ObservationEvent' ? [event.observation] : []));
const textOf = (observation: Record<string, unknown> | undefined) =>
  JSON.stringify(observation?.['content']);

describe('agent-server: the agent tools, as a client sees them', () => {
  let fixture: AgentRunFixture;
  afterEach(async () => fixture?.stop());

  const run = async (extra: Record<string, unknown> = {}) => {
    const conversation = await fixture.createConversation({
      tools: TOOLS,
      initial_message: userMessage('Go'),
      ...extra,
    });
    await fixture.waitForStatus(conversation.id, 'finished', 60_000);
    expect(fixture.llm.violations).toEqual([]);
    expect(fixture.llm.remaining).toBe(0);
    return { id: conversation.id, events: await fixture.events(conversation.id) };
  };
  const finish = { toolCalls: [{ name: 'finish', arguments: { message: 'done' } }] };

  it('keeps one shell per conversation and interrupts a command past its timeout', async () => {
    fixture = await AgentRunFixture.start({
      stream: false,
      tools: ['terminal', 'file_editor', 'finish'],
    });
    const project = join(fixture.workspace, 'project');
    await mkdir(join(project, 'sub'), { recursive: true });
    const terminal = (args: Record<string, unknown>) => ({
      toolCalls: [{ name: 'terminal', arguments: args }],
    });
    fixture.llm.enqueue(
      terminal({ command: 'cd sub && export ANSWER=42' }),
      {
        reply: terminal({ command: 'echo "answer=$ANSWER in $(pwd)"' }),
        check: sees('[Current working directory:'),
      },
      {
        reply: terminal({ command: 'echo started; sleep 60', timeout: 1 }),
        check: sees(`answer=42 in ${project}/sub`),
      },
      { reply: finish, check: sees('timed out after 1 seconds') },
    );
    const { events } = await run();
    const [cd, echo, slow] = observations(events);
    expect(Object.keys(echo ?? {}).sort()).toEqual(TERMINAL_FIELDS);
    expect(cd).toMatchObject({
      kind: 'TerminalObservation',
      exit_code: 0,
      timeout: false,
      is_error: false,
    });
    expect(cd?.['metadata']).toMatchObject({ working_dir: `${project}/sub`, exit_code: 0 });
    expect(textOf(echo)).toContain(`answer=42 in ${project}/sub`);
    expect(slow).toMatchObject({ exit_code: -1, timeout: true, command: 'echo started; sleep 60' });
    expect(textOf(slow)).toContain('started');
  }, 90_000);

  it('answers file editor misuse with an error observation the LLM can act on', async () => {
    fixture = await AgentRunFixture.start({
      stream: false,
      tools: ['terminal', 'file_editor', 'finish'],
    });
    const file = join(fixture.workspace, 'project', 'twice.txt');
    const editor = (args: Record<string, unknown>) => ({
      toolCalls: [{ name: 'file_editor', arguments: args }],
    });
    fixture.llm.enqueue(
      editor({ command: 'create', path: file, file_text: 'x = 1\nx = 1\n' }),
      {
        reply: editor({ command: 'str_replace', path: file, old_str: 'x = 1', new_str: 'x = 2' }),
        check: sees('File created'),
      },
      {
        reply: editor({ command: 'view', path: 'twice.txt' }),
        check: sees('occurs 2 times, in lines 1, 2'),
      },
      { reply: finish, check: sees('absolute path') },
    );
    const { events } = await run();
    const [created, ambiguous, relative] = observations(events);
    expect(Object.keys(created ?? {}).sort()).toEqual(EDITOR_FIELDS);
    expect(created).toMatchObject({
      kind: 'FileEditorObservation',
      command: 'create',
      prev_exist: false,
      is_error: false,
    });
    expect(ambiguous).toMatchObject({ command: 'str_replace', is_error: true });
    expect(relative).toMatchObject({ command: 'view', is_error: true });
    expect(events.some((event) => event.kind === 'AgentErrorEvent')).toBe(false);
  }, 90_000);

  it("exports a conversation's secrets to its terminal, including ones added later", async () => {
    fixture = await AgentRunFixture.start({
      stream: false,
      tools: ['terminal', 'file_editor', 'finish'],
    });
    const check = (name: string, value: string) => ({
      toolCalls: [
        {
          name: 'terminal',
          arguments: { command: `test "$${name}" = '${value}' && echo ${name}-present` },
        },
      ],
    });
    fixture.llm.enqueue(check('FIRST_TOKEN', 'first-secret-value'), {
      reply: finish,
      check: sees('FIRST_TOKEN-present'),
    });
    const { id } = await run({ secrets: { FIRST_TOKEN: 'first-secret-value' } });

    const added = await fixture.call('POST', `/api/conversations/${id}/secrets`, {
      secrets: { LATER_TOKEN: 'later-secret-value' },
    });
    expect(added.status).toBe(200);
    fixture.llm.enqueue(check('LATER_TOKEN', 'later-secret-value'), {
      reply: finish,
      check: sees('LATER_TOKEN-present'),
    });
    await fixture.call('POST', `/api/conversations/${id}/events`, userMessage('Again'));
    // The status is still `finished` from the first run until the second one starts.
    await fixture.llm.waitForRequests(4, 60_000);
    await fixture.waitForStatus(id, 'finished', 60_000);
    expect(fixture.llm.violations).toEqual([]);
    expect(fixture.llm.remaining).toBe(0);
  }, 90_000);
});
