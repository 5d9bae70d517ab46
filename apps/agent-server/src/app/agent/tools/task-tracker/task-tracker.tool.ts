import type { Event } from '@agentrt/contracts';
import { Injectable } from '@nestjs/common';
import type { AgentTool, ToolContext, ToolOutcome } from '../agent-tool';
import { type TaskItem, formatTaskList, planTaskList } from './task-list';
import {
  TASK_STATUSES,
  TASK_TRACKER_DESCRIPTION,
  type TaskTrackerArgs,
  TaskTrackerArgsSchema,
} from './task-tracker-args';

/**
 * The OpenHands SDK's `task_tracker`: the agent's task list, shown to clients as the
 * `TaskTrackerObservation` of every call (`command` and the full `task_list`, the SDK's fields).
 * The list is kept per conversation in memory; a conversation that was unloaded, or a server
 * that restarted, gets it back from the last such observation in the conversation's events.
 */
@Injectable()
export class TaskTrackerTool implements AgentTool<TaskTrackerArgs> {
  readonly name = 'task_tracker';
  readonly aliases = ['TaskTrackerTool', 'task_tracker'];
  readonly description = TASK_TRACKER_DESCRIPTION;
  readonly parameters = TaskTrackerArgsSchema;
  readonly actionKind = 'TaskTrackerAction';
  private readonly lists = new Map<string, readonly TaskItem[]>();

  execute(args: TaskTrackerArgs, context: ToolContext): Promise<ToolOutcome> {
    const current = this.listOf(context);
    if (args.command === 'view') {
      const text =
        current.length === 0
          ? 'No task list yet: use `plan` to create one.'
          : formatTaskList(current);
      return Promise.resolve(outcome('view', current, text, false));
    }
    let planned: TaskItem[];
    try {
      planned = planTaskList(current, args.task_list ?? []);
    } catch (error) {
      return Promise.resolve(outcome('plan', current, (error as Error).message, true));
    }
    this.lists.set(context.conversationId, planned);
    const text = `Task list has been updated with ${planned.length} item(s).\n\n${formatTaskList(planned)}`;
    return Promise.resolve(outcome('plan', planned, text, false));
  }

  release(conversationId: string): Promise<void> {
    this.lists.delete(conversationId);
    return Promise.resolve();
  }

  private listOf(context: ToolContext): readonly TaskItem[] {
    const known = this.lists.get(context.conversationId);
    if (known) return known;
    const recovered = lastTaskList(context.history?.() ?? []);
    this.lists.set(context.conversationId, recovered);
    return recovered;
  }
}

function outcome(
  command: 'view' | 'plan',
  tasks: readonly TaskItem[],
  text: string,
  isError: boolean,
): ToolOutcome {
  return {
    observation: {
      kind: 'TaskTrackerObservation',
      command,
      task_list: tasks.map((t) => ({ ...t })),
    },
    text,
    isError,
  };
}

/** The task list of the conversation's last successful task tracker observation. */
export function lastTaskList(history: readonly Event[]): TaskItem[] {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const event = history[index];
    if (event?.kind !== 'ObservationEvent') continue;
    const observation = event.observation;
    if (observation['kind'] !== 'TaskTrackerObservation' || observation['is_error'] === true)
      continue;
    const list = observation['task_list'];
    return Array.isArray(list) ? list.flatMap(taskItemOf) : [];
  }
  return [];
}

function taskItemOf(value: unknown): TaskItem[] {
  if (typeof value !== 'object' || value === null) return [];
  const task = value as Record<string, unknown>;
  const status = TASK_STATUSES.find((candidate) => candidate === task['status']) ?? 'todo';
  if (typeof task['id'] !== 'string' || typeof task['title'] !== 'string') return [];
  const notes = typeof task['notes'] === 'string' ? task['notes'] : '';
  return [{ id: task['id'], title: task['title'], notes, status }];
}
