import { ApiCallError } from '@agentrt/client';
import type { ProxyTarget } from '@agentrt/runtime-proxy';
import { Logger } from '@nestjs/common';

/** What waking a runtime takes: reading its current target, and runtime-api's `POST /resume`. */
export interface ResumeDeps {
  lookup(runtimeId: string): Promise<ProxyTarget | undefined>;
  /** Resolves when runtime-api accepted the resume (what it answers is not needed). */
  resume(runtimeId: string): Promise<unknown>;
}

export interface ResumeOptions {
  /** Bound on one wake-up (resume call and wait for `running` together). */
  timeoutMs: number;
  /** How often the record is read again while runtime-api works. */
  pollMs: number;
}

/** Outcome of a resume call; `failed` ends the wait early when nothing else will wake it. */
type ResumeCall = 'pending' | 'done' | 'failed';

/**
 * Resumes a paused runtime on traffic and waits until its record says `running`. One wake-up per
 * runtime per process: concurrent requests share it, so a burst after a pause sends one
 * `/resume`. Another replica may resume the same runtime at the same time; runtime-api's lock
 * makes that safe, and the record in Redis tells every replica when it is done.
 */
export class RuntimeResumer {
  private readonly inFlight = new Map<string, Promise<ProxyTarget | undefined>>();
  private readonly logger = new Logger('RuntimeResumer');

  constructor(
    private readonly deps: ResumeDeps,
    private readonly options: ResumeOptions,
  ) {}

  /** The runtime's target once running, or its state when the wait ended another way. */
  awaitRunning(runtimeId: string, target: ProxyTarget): Promise<ProxyTarget | undefined> {
    const shared = this.inFlight.get(runtimeId);
    if (shared) return shared;
    const wake = this.wake(runtimeId, target).finally(() => this.inFlight.delete(runtimeId));
    this.inFlight.set(runtimeId, wake);
    return wake;
  }

  private async wake(runtimeId: string, target: ProxyTarget): Promise<ProxyTarget | undefined> {
    const deadline = Date.now() + this.options.timeoutMs;
    const resume = target.state === 'paused' ? this.startResume(runtimeId) : undefined;
    for (;;) {
      const current = await this.deps.lookup(runtimeId);
      if (current?.state !== 'paused' && current?.state !== 'starting') return current;
      if (resume?.call === 'failed' || Date.now() >= deadline) return current;
      // Wake as soon as runtime-api answers, or poll: another replica may be doing the resume.
      const waits = [delay(this.options.pollMs)];
      if (resume?.call === 'pending') waits.push(resume.settled);
      await Promise.race(waits);
    }
  }

  private startResume(runtimeId: string): { call: ResumeCall; settled: Promise<void> } {
    this.logger.log({ runtime_id: runtimeId }, 'resuming a paused runtime on traffic');
    const resume: { call: ResumeCall; settled: Promise<void> } = {
      call: 'pending',
      settled: Promise.resolve(),
    };
    resume.settled = this.deps.resume(runtimeId).then(
      () => void (resume.call = 'done'),
      (error: unknown) => void (resume.call = this.resumeFailed(runtimeId, error)),
    );
    return resume;
  }

  /**
   * A refusal (4xx: the runtime is not paused any more, or gone) ends the wait; anything else
   * (runtime-api busy or unreachable, its lock held by a replica resuming the same runtime) may
   * still end with the runtime running, so the wait goes on until its deadline.
   */
  private resumeFailed(runtimeId: string, error: unknown): ResumeCall {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ runtime_id: runtimeId, err: message }, 'resume on traffic failed');
    const status = error instanceof ApiCallError ? error.status : undefined;
    return status !== undefined && status >= 400 && status < 500 ? 'failed' : 'done';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
