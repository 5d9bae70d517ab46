import type { ToolOutcome } from '../agent-tool';
import { truncateMiddle } from '../truncate-middle';
import type { DriverResult } from './python-process';

/** What happened to the interpreter around the cell, for the notes the agent reads. */
export interface CellReport {
  code: string;
  /** Set when the cell produced an answer. */
  result?: DriverResult;
  /** Set when the interpreter died before answering (killed at the timeout, or crashed). */
  exited?: string;
  timedOut: boolean;
  timeoutSeconds: number;
  /** A new interpreter ran this cell (first cell, after a restart or a crash). */
  fresh: boolean;
  outputLimit: number;
}

/**
 * An `IPythonRunCellObservation` (OpenHands' name for a cell's result). An exception raised by
 * the cell is a normal result, as a failing command is for the terminal: the tool worked and the
 * agent reads the traceback. `state_lost` tells clients the interpreter's variables are gone.
 */
export function cellOutcome(report: CellReport): ToolOutcome {
  const output = report.result ? shownOutput(report.result, report.outputLimit) : '';
  const notes = [
    report.timedOut &&
      `[The cell timed out after ${report.timeoutSeconds} seconds and was interrupted.]`,
    report.exited !== undefined &&
      `[The Python interpreter ${report.exited}. Its state (variables, imports, definitions) is lost; the next cell starts a new interpreter.]`,
  ].filter((note): note is string => typeof note === 'string');
  return {
    observation: {
      kind: 'IPythonRunCellObservation',
      code: report.code,
      exception: report.result?.exception ?? null,
      timeout: report.timedOut,
      state_lost: report.exited !== undefined,
      new_interpreter: report.fresh,
    },
    text:
      [output, ...notes].filter((part) => part.length > 0).join('\n') ||
      '[The cell printed nothing.]',
    isError: false,
  };
}

/** An outcome for a cell that could not run at all (no python3, empty code). */
export function cellRefusal(code: string, reason: string): ToolOutcome {
  return {
    observation: {
      kind: 'IPythonRunCellObservation',
      code,
      exception: null,
      timeout: false,
      state_lost: false,
      new_interpreter: false,
    },
    text: reason,
    isError: true,
  };
}

/** The output within the limit; bytes the driver never read back count as truncated too. */
function shownOutput(result: DriverResult, limit: number): string {
  const text = truncateMiddle(result.output.replace(/\n$/, ''), limit);
  if (result.dropped === 0) return text;
  const note = /\[\.\.\. (\d+) characters truncated \.\.\.\]/;
  // Multi-byte output can fit the limit once decoded: then say what was skipped at the end.
  if (!note.test(text))
    return `${text}\n[... ${result.dropped} more bytes of output not shown ...]`;
  return text.replace(
    note,
    (_, count: string) => `[... ${Number(count) + result.dropped} characters truncated ...]`,
  );
}
