import type { z } from 'zod';
import type { PlannedTaskSchema } from './task-tracker-args';

export type TaskStatus = 'todo' | 'in_progress' | 'done';

/** A task on the list: the OpenHands SDK's TaskItem plus an id clients can follow it by. */
export interface TaskItem {
  id: string;
  title: string;
  notes: string;
  status: TaskStatus;
}

type PlannedTask = z.infer<typeof PlannedTaskSchema>;

/**
 * The list `plan` asks for: given ids kept, tasks without one numbered after the highest
 * numeric id so far (in the old list or the new), so an id is never reused for a different task
 * while its number is still around. Throws on duplicate ids: the agent must fix its plan.
 */
export function planTaskList(previous: readonly TaskItem[], planned: readonly PlannedTask[]) {
  const given = planned.flatMap((task) => (task.id ? [task.id] : []));
  const duplicate = given.find((id, index) => given.indexOf(id) !== index);
  if (duplicate !== undefined)
    throw new Error(`Task id "${duplicate}" appears more than once; each task needs its own id.`);
  let next = Math.max(0, ...[...previous.map((task) => task.id), ...given].map(numberOf)) + 1;
  return planned.map((task): TaskItem => ({
    id: task.id ?? String(next++),
    title: task.title,
    notes: task.notes ?? '',
    status: task.status ?? 'todo',
  }));
}

const ICONS: Record<TaskStatus, string> = { todo: '⏳', in_progress: '🔄', done: '✅' };

/** The list as the agent reads it (the SDK's layout, with ids). */
export function formatTaskList(tasks: readonly TaskItem[]): string {
  if (tasks.length === 0) return 'The task list is empty.';
  const lines = tasks.map((task, index) => {
    const head = `${index + 1}. ${ICONS[task.status]} [${task.status}] ${task.title} (id: ${task.id})`;
    return task.notes ? `${head}\n   ${task.notes}` : head;
  });
  return `# Task List\n\n${lines.join('\n')}`;
}

function numberOf(id: string): number {
  return /^\d+$/.test(id) ? Number(id) : 0;
}
