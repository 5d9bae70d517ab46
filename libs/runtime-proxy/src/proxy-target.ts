import type { RuntimeStatus } from '@agentrt/contracts';

/**
 * What the proxy needs to know about one runtime, in our own terms. Every state carries the
 * session key, so a caller without it learns only that the runtime exists (401), not its state.
 */
export type ProxyTarget =
  | {
      state: 'running';
      /** The agent server's internal base URL (`http://host:port[/path]`); never shown to users. */
      baseUrl: string;
      sessionApiKey: string;
      /** Extra ("work host") ports: container port -> internal base URL. */
      ports: Readonly<Record<number, string>>;
    }
  | { state: Exclude<RuntimeStatus, 'running'>; sessionApiKey: string };

/** Looks runtimes up for the proxy; runtime-api and the gateway each supply their own. */
export interface RuntimeTargetResolver {
  /** The runtime's target, or undefined when no such runtime exists. */
  resolve(runtimeId: string): Promise<ProxyTarget | undefined>;
  /**
   * Called once per admitted request or WebSocket upgrade (after the key check, before the state
   * is looked at), e.g. to record activity. Must not throw or block; errors are logged and ignored.
   */
  onTraffic?(runtimeId: string): void;
  /**
   * Optional: makes a `paused` or `starting` runtime usable instead of refusing with 503 (the
   * gateway resumes on traffic). Called only after the session key check, so a caller without
   * the key never wakes a runtime. Resolves with the runtime's target once it is `running` (or
   * whatever state it ended in, or undefined when it is gone); the proxy bounds each request's
   * wait by `awaitRunningTimeoutMs`, so the hook must bound its own work as well. Concurrent
   * requests for one runtime each call it: share the work behind it.
   */
  awaitRunning?(runtimeId: string, target: ProxyTarget): Promise<ProxyTarget | undefined>;
}

/** Structured logging the proxy needs; Nest's `Logger` and pino loggers both fit. */
export interface ProxyLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RuntimeProxyOptions {
  resolver: RuntimeTargetResolver;
  /**
   * Matches a whole runtime id (the proxy anchors it). It must not match `<id>-<port>`, or work
   * host paths would be read as runtime ids; ids without a trailing `-<digits>` are safe.
   */
  idPattern: RegExp;
  /**
   * Longest silence from the upstream (no bytes either way) before the proxy gives up: 504 if no
   * response has started, else the connection is cut. It bounds idleness, not total time, so
   * streams may run for hours; set it above the longest call that answers only at its end
   * (the agent server's `execute_bash_command` blocks up to its 300 s command timeout).
   */
  upstreamTimeoutMs: number;
  /**
   * How long a request waits on `resolver.awaitRunning` before the proxy answers 503 (with
   * `Retry-After`); default 60 s. Unused without the hook.
   */
  awaitRunningTimeoutMs?: number;
  logger?: ProxyLogger;
}
