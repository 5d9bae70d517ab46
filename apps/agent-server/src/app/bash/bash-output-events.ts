import { randomUUID } from 'node:crypto';
import type { BashError, BashOutput } from '@agentrt/contracts';
import type { Clock } from '../health/activity-tracker';

/** The content of one BashOutput; absent streams are sent as null. */
export interface OutputPiece {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}

/** Numbers one command's outputs 0, 1, 2, ... in the order they are made. */
export class OutputSequence {
  private order = 0;

  constructor(
    private readonly commandId: string,
    private readonly now: Clock,
  ) {}

  next(piece: OutputPiece): BashOutput {
    return {
      kind: 'BashOutput',
      id: randomUUID(),
      timestamp: new Date(this.now()).toISOString(),
      command_id: this.commandId,
      order: this.order++,
      exit_code: piece.exitCode ?? null,
      stdout: piece.stdout ?? null,
      stderr: piece.stderr ?? null,
    };
  }
}

/** Reported when the shell itself could not run (no bash on PATH, out of processes). */
export function bashError(now: Clock, code: string, detail: string): BashError {
  return {
    kind: 'BashError',
    id: randomUUID(),
    timestamp: new Date(now()).toISOString(),
    code,
    detail,
  };
}

/**
 * The answer of `execute_bash_command`: the final output with the text of all the command's
 * chunks before it joined in order. A streaming client already got each chunk; a blocking one
 * (the TypeScript client reads only this answer) would otherwise lose all but the last MiB.
 */
export function combineOutputs(chunks: readonly BashOutput[], last: BashOutput): BashOutput {
  const earlier = chunks.filter((chunk) => chunk.order < last.order);
  const ordered = [...earlier.sort((a, b) => a.order - b.order), last];
  return { ...last, stdout: joined(ordered, 'stdout'), stderr: joined(ordered, 'stderr') };
}

function joined(chunks: readonly BashOutput[], stream: 'stdout' | 'stderr'): string | null {
  const parts = chunks
    .map((chunk) => chunk[stream])
    .filter((text): text is string => text !== null);
  return parts.length > 0 ? parts.join('') : null;
}
