import { BASH_TIMEOUT_EXIT_CODE, type BashEvent, type BashOutput } from '@agentrt/contracts';
import type { Clock } from '../health/activity-tracker';
import { bashError, type OutputPiece, OutputSequence } from './bash-output-events';
import { OutputChunker } from './output-chunker';
import type { ShellHandle, ShellResult, ShellSink, ShellSpec } from './shell-process';

/** What a running command needs from outside; the shell is injected so tests can fake it. */
export interface RunDeps {
  startShell(spec: ShellSpec, sink: ShellSink): ShellHandle;
  publish(event: BashEvent): void;
  now: Clock;
}

/** A command to run, with its cwd resolved and its timeout in seconds. */
export interface CommandSpec extends ShellSpec {
  id: string;
  timeoutSeconds: number;
}

/** Output is sent at least this often while a command runs, so watchers see progress. */
export const OUTPUT_FLUSH_MS = 200;
/** Between SIGTERM and SIGKILL: time for the command's own cleanup traps. */
export const KILL_GRACE_MS = 2_000;
// setTimeout fires at once for delays past 2^31 - 1 ms (~24.8 days); longer timeouts wait that.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One command from start to its final BashOutput: output is published as it comes, in pieces of
 * at most 1 MiB per stream; the last output carries the exit code (-1 after a timeout).
 */
export class RunningCommand {
  /** The final output; never rejects. */
  readonly done: Promise<BashOutput>;
  private readonly outputs: OutputSequence;
  private readonly stdout = new OutputChunker();
  private readonly stderr = new OutputChunker();
  private readonly shell: ShellHandle;
  private flushTimer: NodeJS.Timeout | undefined;
  private killing: Promise<void> | undefined;

  constructor(
    spec: CommandSpec,
    private readonly deps: RunDeps,
  ) {
    this.outputs = new OutputSequence(spec.id, deps.now);
    this.shell = deps.startShell(spec, {
      stdout: (bytes) => this.received(this.stdout.push(bytes), 'stdout'),
      stderr: (bytes) => this.received(this.stderr.push(bytes), 'stderr'),
    });
    this.done = this.run(Math.min(spec.timeoutSeconds * 1000, MAX_TIMER_MS));
  }

  /** Ends the command early (server shutdown); its final output reports a timeout. */
  kill(): Promise<void> {
    this.killing ??= this.shell.terminate(KILL_GRACE_MS);
    return this.killing;
  }

  private async run(timeoutMs: number): Promise<BashOutput> {
    const timer = setTimeout(() => void this.kill(), timeoutMs);
    const result = await this.shell.finished;
    clearTimeout(timer);
    clearTimeout(this.flushTimer);
    await this.killing; // a timeout reports only after the whole group is gone
    return this.finish(result);
  }

  private received(pieces: string[], stream: 'stdout' | 'stderr'): void {
    for (const piece of pieces) this.publish({ [stream]: piece });
    this.flushTimer ??= setTimeout(() => this.flush(), OUTPUT_FLUSH_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const stdout = this.stdout.flush();
    const stderr = this.stderr.flush();
    if (stdout !== undefined || stderr !== undefined) this.publish({ stdout, stderr });
  }

  private finish(result: ShellResult): BashOutput {
    const stdout = this.stdout.end();
    const stderr = this.stderr.end();
    // end() gives more than one piece only when the last bytes straddle the size limit.
    while (stdout.length > 1) this.publish({ stdout: stdout.shift() });
    while (stderr.length > 1) this.publish({ stderr: stderr.shift() });
    if (result.kind === 'failed') {
      this.deps.publish(bashError(this.deps.now, 'shell_failed', result.detail));
      const failure = `Error executing command: ${result.detail}`;
      return this.publish({ stdout: stdout[0], stderr: (stderr[0] ?? '') + failure, exitCode: -1 });
    }
    const exitCode = this.killing ? BASH_TIMEOUT_EXIT_CODE : result.exitCode;
    return this.publish({ stdout: stdout[0], stderr: stderr[0], exitCode });
  }

  private publish(piece: OutputPiece): BashOutput {
    const output = this.outputs.next(piece);
    this.deps.publish(output);
    return output;
  }
}
