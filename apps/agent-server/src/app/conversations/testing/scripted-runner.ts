import type { ActionEvent, ExecutionStatus } from '@agentrt/contracts';
import type { AgentRunner, ConversationHandle } from '../../agent/agent-runner';

/** One scripted run: what the runner does with the handle, and the status it returns. */
export type RunScript = (handle: ConversationHandle) => Promise<ExecutionStatus>;

/**
 * A strict AgentRunner for tests: each `run` plays the next script in order. A run nobody
 * scripted is recorded in `unexpected` and ends as `error`, so a test sees the extra run.
 */
export class ScriptedRunner implements AgentRunner {
  readonly handles: ConversationHandle[] = [];
  readonly released: string[] = [];
  readonly unexpected: string[] = [];
  private readonly scripts: RunScript[];

  constructor(...scripts: RunScript[]) {
    this.scripts = scripts;
  }

  /** Adds scripts for later runs. */
  then(...scripts: RunScript[]): this {
    this.scripts.push(...scripts);
    return this;
  }

  run(handle: ConversationHandle): Promise<ExecutionStatus> {
    this.handles.push(handle);
    const script = this.scripts.shift();
    if (!script) {
      this.unexpected.push(`run #${this.handles.length} of ${handle.id}`);
      return Promise.resolve('error');
    }
    return script(handle);
  }

  /** Input that replaces a pending action's arguments is refused when it has `invalid: true`. */
  checkActionInput(_action: ActionEvent, input: Record<string, unknown>): string | undefined {
    return input['invalid'] === true ? 'Invalid arguments for tool "terminal"' : undefined;
  }

  release(conversationId: string): Promise<void> {
    this.released.push(conversationId);
    return Promise.resolve();
  }

  get pending(): number {
    return this.scripts.length;
  }
}

/** A run that answers the last message and finishes, as a real agent's short turn would. */
export const answerAndFinish =
  (text = 'done'): RunScript =>
  async (handle) => {
    await handle.emit({
      kind: 'MessageEvent',
      source: 'agent',
      llm_message: { role: 'assistant', content: [{ type: 'text', text }] },
    });
    await handle.setStatus('finished');
    return 'finished';
  };

/** A run that waits until `release` is called (or the run is aborted), then ends as `finalStatus`. */
export function heldRun(finalStatus: ExecutionStatus = 'finished') {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const script: RunScript = async (handle) => {
    await Promise.race([released, aborted(handle.signal)]);
    if (!handle.signal.aborted) await handle.setStatus(finalStatus);
    return finalStatus;
  };
  return { script, release: () => release() };
}

/** Resolves once `signal` is aborted (at once if it already is). */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
