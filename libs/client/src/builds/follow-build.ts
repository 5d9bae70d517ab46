import { isTerminalBuildStatus } from '@agentrt/contracts';
import type { BuildsClient, ObservedBuild } from './builds.client';
import { Pause } from './pause';

/** What following a build reports along the way (e.g. a `BuildProgress`'s `handlers`). */
export interface FollowHandlers {
  /** Each poll's status (repeats included). */
  onStatus?: (status: ObservedBuild['status'], build: ObservedBuild) => void;
  onLogLine?: (line: string) => void;
  /** Something about the following itself: logs unavailable, a poll failed and is retried. */
  onNote?: (message: string) => void;
}

export interface FollowOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  /** Failed status polls in a row (API unreachable, 5xx, 429) before giving up. */
  maxPollFailures: number;
  /** Stops following (the build goes on); `followBuild` then rejects. */
  signal?: AbortSignal;
}

export const DEFAULT_FOLLOW: FollowOptions = {
  pollIntervalMs: 2000,
  timeoutMs: 60 * 60_000,
  maxPollFailures: 5,
};

function isTransient(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'transient' in error && error.transient === true
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Follows the build's log (never failing for it: logs are a nicety, and a Runtime API without
 * the endpoint still builds). Resolves when the log ends, is unavailable or is stopped.
 */
async function followLogs(
  client: BuildsClient,
  buildId: string,
  handlers: FollowHandlers,
  signal: AbortSignal,
): Promise<void> {
  try {
    for await (const line of client.buildLogs(buildId, signal)) handlers.onLogLine?.(line);
  } catch (error) {
    if (!signal.aborted)
      handlers.onNote?.(`build logs unavailable (${messageOf(error)}); following the status only`);
  }
}

/**
 * Polls `GET /build_status` until the build ends (or `timeoutMs` passes) while the log follows
 * along; resolves with the final status. When the log stream ends, the build has usually just
 * ended too, so the next poll happens at once instead of after the interval.
 */
export async function followBuild(
  client: BuildsClient,
  buildId: string,
  handlers: FollowHandlers = {},
  overrides: Partial<FollowOptions> = {},
): Promise<ObservedBuild> {
  const options = { ...DEFAULT_FOLLOW, ...overrides };
  const stopLogs = new AbortController();
  const stop = options.signal
    ? AbortSignal.any([stopLogs.signal, options.signal])
    : stopLogs.signal;
  const pause = new Pause();
  const logs = followLogs(client, buildId, handlers, stop).then(() => pause.wake());
  const deadline = Date.now() + options.timeoutMs;
  let failures = 0;
  try {
    // Bounded by the deadline: at most timeoutMs / pollIntervalMs polls, plus one early wake.
    while (Date.now() < deadline && !stop.aborted) {
      try {
        const build = await client.buildStatus(buildId);
        failures = 0;
        handlers.onStatus?.(build.status, build);
        if (isTerminalBuildStatus(build.status)) return build;
      } catch (error) {
        failures += 1;
        if (!isTransient(error) || failures >= options.maxPollFailures) throw error;
        handlers.onNote?.(
          `status poll failed (${failures}/${options.maxPollFailures}), retrying: ${messageOf(error)}`,
        );
      }
      await pause.for(Math.min(options.pollIntervalMs, Math.max(deadline - Date.now(), 0)), stop);
    }
    if (stop.aborted)
      throw new Error(`stopped following build ${buildId}; it may still be running`);
    throw new Error(
      `build ${buildId} did not end within ${Math.round(options.timeoutMs / 60_000)} min; it may still be running`,
    );
  } finally {
    stopLogs.abort();
    await logs;
  }
}
