import type { AgentLoop } from '@agentrt/client';
import type { ExecutionStatus } from '@agentrt/contracts';
import type { CommandContext } from '../../command';
import { CliError, ExitCode } from '../../exit-codes';
import { EventPrinter } from './event-printer';

/** Statuses a run may end in and still count as done. */
const DONE: ReadonlySet<ExecutionStatus> = new Set<ExecutionStatus>(['finished', 'idle']);

/**
 * Sends `task` on `loop` and prints its events until the agent settles. Exit 0 when it
 * finished, 1 when it ended in error, got stuck, waits for something, or ran out of time.
 */
export async function runTask(
  context: CommandContext,
  loop: AgentLoop,
  task: string,
  timeoutMs: number,
): Promise<ExitCode> {
  const { out, io } = context;
  const printer = new EventPrinter(out);
  const unsubscribe = loop.onEvent((event) => printer.print(event));
  out.note(`conversation ${loop.conversationId} on runtime ${loop.runtime.id}`);
  let status: ExecutionStatus;
  try {
    await loop.sendMessage(task);
    status = await untilInterrupted(loop.waitUntilSettled(timeoutMs), io.interrupt);
  } finally {
    unsubscribe();
  }
  // The stream may still be a few events behind the status; the history has them all.
  for (const event of await loop.getAllEvents()) printer.print(event);
  if (loop.eventError) out.note(`event stream: ${loop.eventError.message}`);
  if (DONE.has(status)) {
    out.note(`agent ${status}`);
    return ExitCode.Ok;
  }
  out.failure(`the agent ended ${status}`);
  return ExitCode.Failed;
}

/** Rejects with exit 130 on Ctrl-C; the caller's cleanup then runs. */
export function untilInterrupted<T>(work: Promise<T>, interrupt: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CliError('interrupted', ExitCode.Interrupted));
    if (interrupt.aborted) return onAbort();
    interrupt.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => interrupt.removeEventListener('abort', onAbort));
  });
}
