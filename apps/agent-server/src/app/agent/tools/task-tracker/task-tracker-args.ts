import { z } from 'zod';

export const TASK_STATUSES = ['todo', 'in_progress', 'done'] as const;

/** A task as the agent writes it in `plan`; `id` is given to new tasks when left out. */
export const PlannedTaskSchema = z.object({
  id: z
    .string()
    .nullish()
    .describe('The task id from the current list, to keep a task; leave it out for a new task.'),
  title: z.string().min(1).describe('A brief title for the task.'),
  notes: z.string().nullish().describe('Additional details or notes about the task.'),
  status: z
    .enum(TASK_STATUSES)
    .nullish()
    .describe("The task's status: todo (default), in_progress or done."),
});

/** The `task_tracker` tool's arguments: the OpenHands SDK's TaskTrackerAction fields. */
export const TaskTrackerArgsSchema = z.object({
  command: z
    .enum(['view', 'plan'])
    .default('view')
    .describe(
      '`view` shows the current task list. `plan` replaces it with `task_list`: send the whole ' +
        'list, with changed statuses and notes, every time. View the list before changing it.',
    ),
  task_list: z
    .array(PlannedTaskSchema)
    .nullish()
    .describe('The full task list. Required for `plan`; an empty list clears it.'),
});
export type TaskTrackerArgs = z.infer<typeof TaskTrackerArgsSchema>;

export const TASK_TRACKER_DESCRIPTION = `Keeps a task list for work with several steps, which the user sees as it changes.
* Use it for multi-step or multi-part work, or when the user asks for a plan; skip it for a single simple step.
* \`plan\` with the full list creates or updates it; \`view\` shows it, with each task's id.
* Statuses: todo (not started), in_progress (being worked on: one task at a time), done (fully finished: tests pass, nothing left). Keep a task in_progress while it has errors or is partly done; add tasks for work you discover; drop tasks that no longer apply.
* Keep each task's id when re-planning so the user can follow it; new tasks get one.`;
