/**
 * Append-only log of one build, one line per entry, readable and followable by other processes.
 * Build ids are validated (InvalidBuildIdError) before anything touches storage.
 */
export interface BuildLogStore {
  /** Appends a line (text with newlines is split into several lines). */
  append(buildId: string, line: string): Promise<void>;
  /** Marks the log complete: followers end after delivering every line. Appending afterwards is refused. */
  close(buildId: string): Promise<void>;
  isClosed(buildId: string): Promise<boolean>;
  /** Lines from index `fromLine` (0-based) on; empty when the build has no log yet. */
  read(buildId: string, fromLine?: number): Promise<string[]>;
  /**
   * Yields lines from `fromLine` on, including ones appended later by any process, and ends once
   * the log is closed and drained, or when `signal` aborts.
   */
  follow(buildId: string, fromLine: number, signal?: AbortSignal): AsyncIterable<string>;
  /** Removes the log and its close marker (retention). */
  delete(buildId: string): Promise<void>;
  /** Retention: removes every log last written longer ago than `olderThanMs`; returns how many. */
  sweep(olderThanMs: number): Promise<number>;
}
