import type { V1Job, V1Pod } from '@kubernetes/client-node';
import { ImageBuildError } from '../image-build-error';
import type { LogSink } from '../types';
import { abortable, pause, within } from './abortable';
import { BUILDER_CONTAINER } from './build-job';
import type { BuildJobApi } from './build-job-api';
import {
  builderEnd,
  builderFailure,
  builderStarted,
  builderWaiting,
  jobState,
  pushedDigest,
} from './job-state';
import { isTransientApiError } from './kube-build-errors';
import { LogLines } from './log-lines';

// Consecutive failed polls tolerated before the build counts as lost (engine_unavailable).
const POLL_RETRIES = 5;
// After the Job finished, how long the log stream gets to deliver its last lines.
const LOG_DRAIN_MS = 5_000;

/**
 * Follows one build Job until it ends: polls the Job's conditions, streams the builder's log
 * into `onLog` from the moment its container starts, then reads how the container ended.
 * Every wait takes `signal`, which fires on the build's timeout or the caller's cancel.
 */
export class BuildRun {
  private readonly lines: LogLines;
  private logStream: AbortController | undefined;
  private lastWaiting: string | undefined;

  constructor(
    private readonly api: BuildJobApi,
    private readonly jobName: string,
    private readonly onLog: LogSink,
    private readonly signal: AbortSignal,
    private readonly pollIntervalMs: number,
  ) {
    this.lines = new LogLines(onLog);
  }

  /** Resolves with the pushed manifest digest; throws ImageBuildError for a failed build. */
  async untilDone(): Promise<string> {
    // Bounded by the signal: it fires at the latest when the build's timeout passes.
    for (;;) {
      const job = await this.readJob();
      if (!job) throw new ImageBuildError('engine_unavailable', `Job ${this.jobName} vanished`);
      if (!this.logStream) await this.followLog();
      const outcome = jobState(job);
      if (outcome.state === 'failed' && outcome.reason === 'DeadlineExceeded') {
        throw new ImageBuildError('timeout', `build Job exceeded its deadline: ${outcome.message}`);
      }
      if (outcome.state !== 'running') return this.result(outcome.state === 'succeeded');
      await pause(this.pollIntervalMs, this.signal);
    }
  }

  /** Stops the log stream (the Job is deleted next). */
  stop(): void {
    this.logStream?.abort();
    this.lines.destroy();
  }

  /** One poll; an API blip is retried a few times rather than failing a long build. */
  private async readJob(): Promise<V1Job | undefined> {
    for (let failures = 1; ; failures++) {
      try {
        return await abortable(this.api.readJob(this.jobName), this.signal);
      } catch (error) {
        if (this.signal.aborted || failures > POLL_RETRIES || !isTransientApiError(error)) {
          throw error;
        }
        await pause(this.pollIntervalMs, this.signal);
      }
    }
  }

  private async result(succeeded: boolean): Promise<string> {
    // The container ended, so the stream ends too once it delivered the last lines.
    if (!this.logStream) await this.followLog();
    if (this.logStream) await within(this.lines.done, LOG_DRAIN_MS);
    const end = builderEnd(await this.pod(), BUILDER_CONTAINER);
    if (succeeded) return pushedDigest(end);
    throw builderFailure(end, this.lines.lastLines);
  }

  /**
   * Opens the log stream once the container started. Failing here (400 before the container
   * runs, an API blip) only delays the log to the next poll; only a stop is passed on.
   */
  private async followLog(): Promise<void> {
    let opening: Promise<AbortController> | undefined;
    try {
      const pod = await this.pod();
      if (!pod?.metadata?.name || !builderStarted(pod, BUILDER_CONTAINER)) {
        return this.reportWaiting(pod);
      }
      opening = this.api.followLog(pod.metadata.name, BUILDER_CONTAINER, this.lines);
      this.logStream = await abortable(opening, this.signal);
    } catch (error) {
      if (!this.signal.aborted) return;
      // Stopped while opening: close the stream should it open after all.
      opening?.then((late) => late.abort()).catch(() => undefined);
      throw error;
    }
  }

  /** A builder image that cannot be pulled would otherwise mean silence until the timeout. */
  private reportWaiting(pod: V1Pod | undefined): void {
    const why = builderWaiting(pod, BUILDER_CONTAINER);
    if (why && why !== this.lastWaiting) this.onLog(`builder not started: ${why}`);
    this.lastWaiting = why;
  }

  private pod(): Promise<V1Pod | undefined> {
    return abortable(this.api.findPod(this.jobName), this.signal);
  }
}
