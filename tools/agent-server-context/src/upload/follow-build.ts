import { isTerminalBuildStatus } from '@agentrt/contracts';
import { followBuildLogs } from './follow-logs';
import type { BuildProgress } from './progress';
import type { ObservedBuild, RuntimeApiClient } from './runtime-api-client';

export interface FollowOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  /** Failed status polls in a row (API unreachable, 5xx, 429) before giving up. */
  maxPollFailures: number;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A pause between polls that one `wake()` cuts short, even when it comes before the pause. */
class Pause {
  private pending = false;
  private cut: (() => void) | undefined;

  wake(): void {
    if (this.cut) this.cut();
    else this.pending = true;
  }

  for(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.cut = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cut = done;
    });
  }
}

/**
 * Polls `GET /build_status` until the build ends (or `timeoutMs` passes) while the log follows
 * along; returns the final status. When the log stream ends, the build has usually just ended
 * too, so the next poll happens at once instead of after the interval.
 */
export async function followBuild(
  client: RuntimeApiClient,
  buildId: string,
  progress: BuildProgress,
  options: FollowOptions = DEFAULT_FOLLOW,
): Promise<ObservedBuild> {
  const stopLogs = new AbortController();
  const pause = new Pause();
  const logs = followBuildLogs(
    client,
    buildId,
    (line) => progress.logLine(line),
    stopLogs.signal,
  ).then((end) => {
    if (typeof end === 'object')
      progress.note(`build logs unavailable (${end.unavailable}); following the status only`);
    pause.wake();
  });
  const deadline = Date.now() + options.timeoutMs;
  let failures = 0;
  try {
    // Bounded by the deadline: at most timeoutMs / pollIntervalMs polls, plus one early wake.
    while (Date.now() < deadline) {
      try {
        const build = await client.buildStatus(buildId);
        failures = 0;
        progress.setStatus(build.status);
        if (isTerminalBuildStatus(build.status)) return build;
      } catch (error) {
        failures += 1;
        if (!isTransient(error) || failures >= options.maxPollFailures) throw error;
        progress.note(
          `status poll failed (${failures}/${options.maxPollFailures}), retrying: ${messageOf(error)}`,
        );
      }
      await pause.for(Math.min(options.pollIntervalMs, Math.max(deadline - Date.now(), 0)));
    }
    throw new Error(
      `build ${buildId} did not end within ${Math.round(options.timeoutMs / 60_000)} min; it may still be running`,
    );
  } finally {
    stopLogs.abort();
    await logs;
  }
}
