import { type Event, type ExecutionStatus, ExecutionStatusSchema } from '@agentrt/contracts';
import { z } from 'zod';

/** Statuses in which the agent does nothing more until someone acts. */
export const SETTLED_STATUSES: ReadonlySet<ExecutionStatus> = new Set<ExecutionStatus>([
  'idle',
  'paused',
  'waiting_for_confirmation',
  'finished',
  'error',
  'stuck',
]);

/** The `execution_status` an event reports, if it is such a state update. */
export function executionStatusOf(event: Event): ExecutionStatus | undefined {
  if (event.kind !== 'ConversationStateUpdateEvent' || event.key !== 'execution_status') {
    return undefined;
  }
  const status = ExecutionStatusSchema.safeParse(event.value);
  return status.success ? status.data : undefined;
}

const FullStateSchema = z.looseObject({ execution_status: ExecutionStatusSchema });

/** The `execution_status` in the `full_state` snapshot a subscription starts with. */
export function fullStateStatusOf(event: Event): ExecutionStatus | undefined {
  const state = FullStateSchema.safeParse('value' in event ? event.value : undefined);
  return state.success ? state.data.execution_status : undefined;
}

/** Looks at each delivered event; a value other than undefined ends the wait with it. */
export type EventPick<T> = (event: Event) => T | undefined;

interface Waiter {
  notify: (event: Event) => void;
  reject: (error: Error) => void;
}

/** The callers waiting for a particular event of a stream. */
export class EventWaiters {
  private readonly waiters = new Set<Waiter>();
  private endedWith: Error | undefined;

  /** Resolves with what `pick` first finds in the events passed to `notify` from now on. */
  wait<T>(pick: EventPick<T>, timeoutMs: number | undefined): Promise<T> {
    if (this.endedWith) return Promise.reject(this.endedWith);
    return new Promise<T>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        notify: (event) => {
          const value = pick(event);
          if (value === undefined) return;
          stop();
          resolve(value);
        },
        reject: (error) => {
          stop();
          reject(error);
        },
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(
              () => waiter.reject(new Error(`no matching event within ${timeoutMs} ms`)),
              timeoutMs,
            );
      this.waiters.add(waiter);
    });
  }

  notify(event: Event): void {
    for (const waiter of [...this.waiters]) waiter.notify(event);
  }

  /** The stream ended: every wait, now and later, fails with `error`. */
  end(error: Error): void {
    this.endedWith = error;
    for (const waiter of [...this.waiters]) waiter.reject(error);
  }
}

/**
 * A pick that finds the first settled `execution_status` that follows a `running` one, so
 * a wait set up before a run starts ends when that run ends (not on the idle before it).
 */
export function runSettled(): EventPick<ExecutionStatus> {
  let running = false;
  return (event) => {
    const status = executionStatusOf(event);
    if (status === 'running') running = true;
    return running && status !== undefined && SETTLED_STATUSES.has(status) ? status : undefined;
  };
}
