/** Configuration of the local backend; everything comes in here (libs read no process.env). */
export interface LocalBackendOptions {
  /** Directory holding one workspace per runtime (`<root>/<runtimeId>`) and `.owned/` records. */
  root: string;
  /** This deployment's (or test run's) owner label; `list` returns only runtimes it owns. */
  owner: string;
  /** argv that starts the agent server, e.g. `[process.execPath, 'dist/apps/agent-server/main.js']`. */
  agentServerCommand: readonly string[];
  /**
   * Environment every runtime starts from (e.g. PATH); the platform's own environment is not
   * inherited, so its secrets never reach a runtime.
   */
  baseEnvironment?: Readonly<Record<string, string>>;
  /**
   * Memory per resource-factor unit, applied as RLIMIT_DATA (private writable memory) to each
   * process of a runtime, not to the runtime as a whole. Default 2 GiB; 0 applies none. CPU is
   * not limited: a process limit for CPU time would kill a long-lived server.
   */
  memoryBytesPerUnit?: number;
  /** How long `stop` waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
  /** Interval between readiness and exit checks. */
  pollIntervalMs?: number;
  /** Log lines kept in inspections and `not_ready` errors. */
  logTailLines?: number;
  /** Wall clock for `createdAt`; injected so tests can fix it. */
  now?: () => Date;
}
