/** Where an AgentLoop's agent server runs. */
export type RuntimeType = 'local' | 'remote';

/**
 * One agent server the SDK started and must clean up: a process on this machine, or a runtime
 * of a Runtime API. The AgentLoop sees only this, so it behaves the same on either.
 */
export interface AgentRuntime {
  readonly type: RuntimeType;
  /** The local process's name, or the Runtime API's `runtime_id`. */
  readonly id: string;
  /** Where the agent server answers (the runtime's `url` for a remote one). */
  readonly url: string;
  readonly sessionApiKey: string;
  /** The conversation's working directory inside the runtime; the server's own when absent. */
  readonly workingDir?: string;
  pause(): Promise<void>;
  /** Resumes and waits until the agent server answers again. */
  resume(): Promise<void>;
  /** Frees everything the runtime holds; calling it again does nothing. */
  stop(): Promise<void>;
  /**
   * The last resort at process exit, when nothing asynchronous can run any more: blocks until
   * the runtime is gone (or a short time limit passes). Does nothing once `stop` ran.
   */
  stopSync(): void;
}

/** Why the runtime is not the kind that was asked for. */
export interface RuntimeFallback {
  from: RuntimeType;
  reason: string;
}

/** One line for the debug log (AGENTRT_DEBUG); never given secrets. */
export type DebugLog = (line: string) => void;
