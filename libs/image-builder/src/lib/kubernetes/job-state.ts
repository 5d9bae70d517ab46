import type { V1ContainerStateTerminated, V1Job, V1Pod } from '@kubernetes/client-node';
import { ImageBuildError } from '../image-build-error';

/** Where a build Job stands, read from its final conditions (Complete / Failed). */
export type JobState =
  | { state: 'running' }
  | { state: 'succeeded' }
  | { state: 'failed'; reason: string; message: string };

/** How the builder container ended. */
export interface BuilderEnd {
  exitCode: number;
  reason: string;
  /** The termination message: the digest on success, the log's tail on failure. */
  message: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
// kaniko prefixes the error it exits with; a push error after a good build is a push failure.
const PUSH_ERROR = /error pushing image/i;
const PERMANENT_PUSH =
  /denied|unauthori[sz]ed|forbidden|authentication required|name invalid|manifest invalid|unsupported/i;

export function jobState(job: V1Job): JobState {
  const conditions = job.status?.conditions ?? [];
  const isTrue = (type: string) => conditions.find((c) => c.type === type && c.status === 'True');
  if (isTrue('Complete')) return { state: 'succeeded' };
  const failed = isTrue('Failed');
  if (!failed) return { state: 'running' };
  return { state: 'failed', reason: failed.reason ?? 'Failed', message: failed.message ?? '' };
}

/** True once the container runs or ran, so its log can be read. */
export function builderStarted(pod: V1Pod | undefined, container: string): boolean {
  const state = pod?.status?.containerStatuses?.find((s) => s.name === container)?.state;
  return state?.running !== undefined || state?.terminated !== undefined;
}

/** Why the container has not started, when that is news to a user (ImagePullBackOff, ...). */
export function builderWaiting(pod: V1Pod | undefined, container: string): string | undefined {
  const status = pod?.status?.containerStatuses?.find((s) => s.name === container);
  const waiting = status?.state?.waiting;
  if (!waiting?.reason || waiting.reason === 'ContainerCreating') return undefined;
  return waiting.message ? `${waiting.reason}: ${waiting.message}` : waiting.reason;
}

export function builderEnd(pod: V1Pod | undefined, container: string): BuilderEnd | undefined {
  const status = pod?.status?.containerStatuses?.find((s) => s.name === container);
  const terminated: V1ContainerStateTerminated | undefined = status?.state?.terminated;
  if (!terminated) return undefined;
  const { exitCode, reason = '', message = '' } = terminated;
  return { exitCode, reason, message };
}

/** The manifest digest the builder wrote to its termination message. */
export function pushedDigest(end: BuilderEnd | undefined): string {
  const digest = end?.message.trim() ?? '';
  if (DIGEST.test(digest)) return digest;
  throw new ImageBuildError('push_failed', 'the builder finished but reported no image digest');
}

/**
 * The error for a builder that failed: a push error (transient unless the registry refused)
 * or a build error, with the last lines of its log (or its termination message) as the reason.
 */
export function builderFailure(end: BuilderEnd | undefined, lastLines: readonly string[]): Error {
  const lines = lastLines.length > 0 ? lastLines : (end?.message.trim().split('\n') ?? []);
  const exit = end ? `exit code ${end.exitCode}${end.reason ? `, ${end.reason}` : ''}` : 'no exit';
  const pushError = [...lines].reverse().find((line) => PUSH_ERROR.test(line));
  if (pushError) {
    return new ImageBuildError('push_failed', pushError, !PERMANENT_PUSH.test(pushError));
  }
  const tail = lines.slice(-5).join('\n');
  return new ImageBuildError('build_failed', `build failed (${exit})${tail ? `:\n${tail}` : ''}`);
}
