/** Somewhere the CLI writes text: the process's stdout or stderr, or a buffer in a test. */
export interface Sink {
  write(text: string): unknown;
  /** Set for a terminal: colours and redrawn progress bars only make sense there. */
  readonly isTTY?: boolean;
}

/** What the CLI needs of its process, so that `runCli` runs the same inside a test. */
export interface CliIo {
  stdout: Sink;
  stderr: Sink;
  /** Aborted when the user presses Ctrl-C: long waits stop and say what is left running. */
  interrupt: AbortSignal;
  /** argv of the agent server shipped next to the CLI, for local runs without a configured one. */
  bundledAgentServer?: string[];
}
