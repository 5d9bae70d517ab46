import { join } from 'node:path';
import type { Event } from '@agentrt/contracts';
import { sees } from '@agentrt/testing';
import { AgentRunFixture, EventSocket, userMessage } from './agent-run.helpers';

/** What the LLM is told the tools are called, and what `agent.tools` names them by. */
const LLM_TOOLS = ['execute_ipython_cell', 'task_tracker', 'finish'];
const AGENT_TOOLS = ['IPythonTool', 'TaskTrackerTool'];

const observations = (events: readonly Event[]) =>
  events.flatMap((event) => (event.kind === 'ObservationEvent' ? [event.observation] : []));
const textOf = (observation: Record<string, unknown> | undefined) =>
  JSON.stringify(observation?.['content']);
const call = (name: string, args: Record<string, unknown>) => ({
  toolCalls: [{ name, arguments: args }],
});
const finish = call('finish', { message: 'done' });

describe('agent-server: code cells and the task tracker, driven by a scripted model', () => {
  let fixture: AgentRunFixture;
  let socket: EventSocket | undefined;
  beforeEach(async () => {
    fixture = await AgentRunFixture.start({ stream: false, tools: LLM_TOOLS });
  });
  afterEach(async () => {
    socket?.close();
    socket = undefined;
    await fixture?.stop();
  });

  const run = async () => {
    const conversation = await fixture.createConversation({
      tools: AGENT_TOOLS,
      initial_message: userMessage('Go'),
    });
    await fixture.waitForStatus(conversation.id, 'finished', 60_000);
    expect(fixture.llm.violations).toEqual([]);
    expect(fixture.llm.remaining).toBe(0);
    return { id: conversation.id, events: await fixture.events(conversation.id) };
  };

  it('keeps Python state between cells, reports errors and timeouts, and restarts on demand', async () => {
    const cell = (args: Record<string, unknown>) => call('execute_ipython_cell', args);
    fixture.llm.enqueue(
      cell({ code: 'import os\nanswer = 6 * 7\nos.getcwd()' }),
      { reply: cell({ code: 'print(answer)\n1 / 0' }), check: sees('project') },
      {
        reply: cell({ code: 'import time\nprint("started")\ntime.sleep(60)', timeout: 1 }),
        check: sees('ZeroDivisionError: division by zero'),
      },
      { reply: cell({ code: 'answer', restart: true }), check: sees('timed out after 1 seconds') },
      { reply: finish, check: sees("NameError: name 'answer' is not defined") },
    );
    const { events } = await run();
    const [cwd, failed, slow, restarted] = observations(events);
    expect(cwd).toMatchObject({
      kind: 'IPythonRunCellObservation',
      exception: null,
      new_interpreter: true,
      is_error: false,
    });
    expect(textOf(cwd)).toContain(`'${join(fixture.workspace, 'project')}'`);
    expect(failed).toMatchObject({ exception: 'ZeroDivisionError', new_interpreter: false });
    expect(textOf(failed)).toMatch(/^\[\{"type":"text","text":"42\\nTraceback/);
    expect(slow).toMatchObject({
      timeout: true,
      exception: 'KeyboardInterrupt',
      state_lost: false,
    });
    expect(restarted).toMatchObject({ exception: 'NameError', new_interpreter: true });
    const action = events.find((event) => event.kind === 'ActionEvent');
    expect(action).toMatchObject({
      tool_name: 'execute_ipython_cell',
      action: { kind: 'IPythonRunCellAction' },
    });
  }, 90_000);

  it('shows every change of the task list to a client following the events', async () => {
    const tracker = (args: Record<string, unknown>) => call('task_tracker', args);
    fixture.llm.enqueue(
      tracker({ command: 'view' }),
      {
        reply: tracker({
          command: 'plan',
          task_list: [{ title: 'Write the parser', status: 'in_progress' }, { title: 'Test it' }],
        }),
        check: sees('No task list yet'),
      },
      {
        reply: tracker({
          command: 'plan',
          task_list: [
            { id: '1', title: 'Write the parser', status: 'done' },
            { id: '2', title: 'Test it', status: 'in_progress', notes: 'edge cases first' },
          ],
        }),
        check: sees('Task list has been updated with 2 item(s)'),
      },
      { reply: tracker({ command: 'view' }), check: sees('(id: 2)') },
      { reply: finish, check: sees('[in_progress] Test it (id: 2)') },
    );
    const conversation = await fixture.createConversation({ tools: AGENT_TOOLS });
    socket = await EventSocket.open(fixture, conversation.id);
    await fixture.call('POST', `/api/conversations/${conversation.id}/events`, userMessage('Go'));
    await fixture.waitForStatus(conversation.id, 'finished', 60_000);
    expect(fixture.llm.violations).toEqual([]);
    // The socket's own copy of the run, up to its final status.
    await socket.waitFor(
      (frame) => frame['key'] === 'execution_status' && frame['value'] === 'finished',
      'the finished status on the socket',
    );

    const seen = socket.frames.filter(
      (frame) =>
        frame['kind'] === 'ObservationEvent' &&
        (frame['observation'] as Record<string, unknown>)['kind'] === 'TaskTrackerObservation',
    );
    const lists = seen.map(
      (frame) => (frame['observation'] as Record<string, unknown>)['task_list'],
    );
    expect(lists).toEqual([
      [],
      [
        { id: '1', title: 'Write the parser', notes: '', status: 'in_progress' },
        { id: '2', title: 'Test it', notes: '', status: 'todo' },
      ],
      [
        { id: '1', title: 'Write the parser', notes: '', status: 'done' },
        { id: '2', title: 'Test it', notes: 'edge cases first', status: 'in_progress' },
      ],
      [
        { id: '1', title: 'Write the parser', notes: '', status: 'done' },
        { id: '2', title: 'Test it', notes: 'edge cases first', status: 'in_progress' },
      ],
    ]);
    expect(
      seen.map((frame) => (frame['observation'] as Record<string, unknown>)['command']),
    ).toEqual(['view', 'plan', 'plan', 'view']);
  }, 90_000);
});
