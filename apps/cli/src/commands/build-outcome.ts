import type { BuildProgress, ObservedBuild } from '@agentrt/client';
import { ExitCode } from '../exit-codes';
import type { Output } from '../output';

/** A build for people: its id, status, and the image or the reason it failed. */
export function buildLines(build: ObservedBuild): string[] {
  const lines = [`build_id: ${build.build_id ?? ''}`, `status:   ${build.status}`];
  if (build.image) lines.push(`image:    ${build.image}`);
  if (build.error) lines.push(`error:    ${build.error}`);
  return lines;
}

/**
 * The end of a followed build. SUCCESS: the image alone on stdout (so `$(agentrt build ...)`
 * captures it) and exit 0; any other terminal status: the reason on stderr and exit 1. With
 * --json the final status document is the output either way.
 */
export function followOutcome(
  out: Output,
  progress: BuildProgress,
  build: ObservedBuild,
): ExitCode {
  if (build.status === 'SUCCESS') {
    progress.finish(`SUCCESS ${build.image ?? ''}`.trimEnd());
    out.result(build, build.image ?? '');
    return ExitCode.Ok;
  }
  progress.finish(build.status);
  out.result(build, []);
  out.failure(
    `build ${build.build_id ?? ''} ended ${build.status}: ${build.error ?? 'no reason given'}`,
  );
  return ExitCode.Failed;
}
