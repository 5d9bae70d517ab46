import { ApiCallError } from '@agentrt/client';

/** The process exit codes, documented in apps/cli/README.md; scripts branch on them. */
export const ExitCode = {
  Ok: 0,
  /** The operation ran and ended badly: build failed, run ended in error, runtime never ready. */
  Failed: 1,
  /** Bad flags or bad configuration. */
  Usage: 2,
  /** The server refused the request (4xx other than 401/403/404). */
  Refused: 3,
  NotFound: 4,
  Unauthorised: 5,
  /** No answer, a time limit, or a server error (5xx). */
  Unavailable: 6,
  /** Ctrl-C: what was started keeps running, and the CLI said how to stop it. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code of an HTTP status, or of no answer at all (`undefined`). */
export function exitCodeOfStatus(status: number | undefined): ExitCode {
  if (status === undefined || status >= 500) return ExitCode.Unavailable;
  if (status === 401 || status === 403) return ExitCode.Unauthorised;
  if (status === 404) return ExitCode.NotFound;
  if (status >= 400) return ExitCode.Refused;
  // A 2xx that could not be read (an answer outside the contract) is the server's fault.
  return ExitCode.Unavailable;
}

/** The exit code of an error a command did not handle itself. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof ApiCallError) return exitCodeOfStatus(error.status);
  if (error instanceof CliError) return error.exitCode;
  return ExitCode.Failed;
}

/** An error the CLI reports as is, with the exit code it decided on. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Every problem, when there are several (bad configuration lists them all). */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Bad flags or configuration: the message, then the command's usage. */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(
    message: string,
    problems: readonly string[] = [],
    /** The usage text of the command that was misused, printed after the message. */
    readonly usage?: string,
  ) {
    super(message, ExitCode.Usage, problems);
  }
}

/** An error's message, read by shape: errors from Node's internals may come from another realm. */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

/** Missing or bad environment variables (exit 2 too); the command's usage would not help. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}
