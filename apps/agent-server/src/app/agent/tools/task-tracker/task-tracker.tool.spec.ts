import type { Event } from '@agentrt/contracts';
import type { ToolContext, ToolOutcome } from '../agent-tool';
import type { TaskTrackerArgs } from './task-tracker-args';
import { TaskTrackerTool } from './task-tracker.tool';

/** The ObservationEvent the loop would store for `outcome`, as later runs read it back. */
function storedAs(outcome: ToolOutcome): Event {
  return {
    kind: 'ObservationEvent',
    id: 'e1',
    timestamp: '2025-01-01T00:00:00.000000',
    source: 'environment',
    tool_name: 'task_tracker',
    tool_call_id: 'call-1',
    action_id: 'a1',
    observation: { ...outcome.observation, content: [], is_error: outcome.isError },
  };
}

describe('TaskTrackerTool', () => {
  let tool: TaskTrackerTool;
  let history: Event[];
  const context = (conversationId = 'c1'): ToolContext => ({
    conversationId,
    workingDir: '/w',
    env: {},
    signal: new AbortController().signal,
    history: () => history,
  });
  const track = (args: TaskTrackerArgs, conversationId?: string) =>
    tool.execute(args, context(conversationId));

  beforeEach(() => {
    tool = new TaskTrackerTool();
    history = [];
  });

  it('plans a list, numbering new tasks, and shows it on view', async () => {
    expect(await track({ command: 'view' })).toEqual({
      observation: { kind: 'TaskTrackerObservation', command: 'view', task_list: [] },
      text: 'No task list yet: use `plan` to create one.',
      isError: false,
    });
    const planned = await track({
      command: 'plan',
      task_list: [
        { title: 'Read the code', status: 'in_progress' },
        { title: 'Fix the bug', notes: 'in parser.py' },
      ],
    });
    const tasks = [
      { id: '1', title: 'Read the code', notes: '', status: 'in_progress' },
      { id: '2', title: 'Fix the bug', notes: 'in parser.py', status: 'todo' },
    ];
    expect(planned.observation).toEqual({
      kind: 'TaskTrackerObservation',
      command: 'plan',
      task_list: tasks,
    });
    expect(planned.text).toMatch(/^Task list has been updated with 2 item\(s\)\./);
    const viewed = await track({ command: 'view' });
    expect(viewed.observation).toEqual({
      kind: 'TaskTrackerObservation',
      command: 'view',
      task_list: tasks,
    });
    expect(viewed.text).toBe(
      '# Task List\n\n1. 🔄 [in_progress] Read the code (id: 1)\n' +
        '2. ⏳ [todo] Fix the bug (id: 2)\n   in parser.py',
    );
  });

  it('updates by re-planning: ids kept, new tasks numbered after the highest', async () => {
    await track({ command: 'plan', task_list: [{ title: 'A' }, { title: 'B' }] });
    const updated = await track({
      command: 'plan',
      task_list: [
        { id: '2', title: 'B', status: 'done' },
        { title: 'C', status: 'in_progress' },
      ],
    });
    expect(updated.observation['task_list']).toEqual([
      { id: '2', title: 'B', notes: '', status: 'done' },
      { id: '3', title: 'C', notes: '', status: 'in_progress' },
    ]);
    expect((await track({ command: 'plan', task_list: [] })).observation['task_list']).toEqual([]);
  });

  it('refuses a plan with a repeated id and keeps the list as it was', async () => {
    await track({ command: 'plan', task_list: [{ title: 'A' }] });
    const refused = await track({
      command: 'plan',
      task_list: [
        { id: '1', title: 'A' },
        { id: '1', title: 'B' },
      ],
    });
    expect(refused).toMatchObject({
      isError: true,
      text: 'Task id "1" appears more than once; each task needs its own id.',
      observation: { command: 'plan', task_list: [{ id: '1', title: 'A' }] },
    });
  });

  it('keeps one list per conversation', async () => {
    await track({ command: 'plan', task_list: [{ title: 'mine' }] }, 'c1');
    expect((await track({ command: 'view' }, 'c2')).observation['task_list']).toEqual([]);
  });

  it('gets the list back from the events after the conversation was released', async () => {
    history.push(storedAs(await track({ command: 'plan', task_list: [{ title: 'A' }] })));
    const failed = await track({
      command: 'plan',
      task_list: [
        { id: 'x', title: 'bad' },
        { id: 'x', title: 'bad' },
      ],
    });
    history.push(storedAs({ ...failed, observation: { ...failed.observation, task_list: [] } }));
    await tool.release('c1');
    const viewed = await track({ command: 'view' });
    expect(viewed.observation['task_list']).toEqual([
      { id: '1', title: 'A', notes: '', status: 'todo' },
    ]);
  });
});
