import type { TmuxRunResult } from '@agentrt/tmux';
import type { ToolOutcome } from '../agent-tool';
import { truncateMiddle } from '../truncate-middle';

/** OpenHands reports `-1` for a command that did not finish within its timeout. */
const NOT_FINISHED = -1;

/**
 * A TerminalObservation as the OpenHands SDK defines it (its models forbid unknown fields, so
 * the Python client could not load anything else): the output goes to the LLM text, which the
 * loop stores as `content`; exit code, timeout and working directory are fields of their own.
 */
export function terminalOutcome(
  command: string,
  result: TmuxRunResult,
  timeoutSeconds: number,
  outputLimit: number,
): ToolOutcome {
  const exitCode = result.timedOut ? NOT_FINISHED : result.exitCode;
  const notes = [
    result.timedOut &&
      `[The command timed out after ${timeoutSeconds} seconds: it got Ctrl-C and the processes it started were killed.]`,
    result.shellExited && '[The shell exited; the next command starts a new one.]',
    `[Current working directory: ${result.cwd}]`,
    `[Command finished with exit code ${exitCode}]`,
  ].filter((note): note is string => typeof note === 'string');
  const output = truncateMiddle(result.output.replace(/\n$/, ''), outputLimit);
  return {
    observation: observation(command, exitCode, result.timedOut, result.cwd),
    text: [output, ...notes].filter((part) => part.length > 0).join('\n'),
    isError: false,
  };
}

/** An outcome for a call that ran nothing (misused arguments), in the same shape. */
export function terminalRefusal(command: string, reason: string, cwd: string | null): ToolOutcome {
  return {
    observation: observation(command, NOT_FINISHED, false, cwd),
    text: reason,
    isError: true,
  };
}

/** The outcome of `reset` without a command. */
export function terminalReset(command: string, cwd: string): ToolOutcome {
  const text =
    'The terminal was reset: a new shell started; earlier variables, directory changes and jobs are gone.';
  return { observation: observation(command, 0, false, cwd), text, isError: false };
}

function observation(command: string, exitCode: number, timedOut: boolean, cwd: string | null) {
  return {
    kind: 'TerminalObservation',
    command,
    exit_code: exitCode,
    timeout: timedOut,
    metadata: {
      exit_code: exitCode,
      pid: -1,
      username: null,
      hostname: null,
      working_dir: cwd,
      py_interpreter_path: null,
      prefix: '',
      suffix: '',
    },
    full_output_save_dir: null,
  };
}
