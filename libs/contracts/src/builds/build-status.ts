import { z } from 'zod';

/**
 * `status` of a build. In-progress builds are answered as `PENDING`, `QUEUED` or `WORKING`;
 * we never answer `RUNNING` (some OpenHands scripts also accept it as in-progress, which is why
 * {@link ObservedBuildStatusSchema} exists for reading statuses from other services).
 */
export const BuildStatusSchema = z
  .enum([
    'PENDING',
    'QUEUED',
    'WORKING',
    'SUCCESS',
    'FAILURE',
    'INTERNAL_ERROR',
    'TIMEOUT',
    'CANCELLED',
    'EXPIRED',
  ])
  .meta({ id: 'BuildStatus' });
export type BuildStatus = z.infer<typeof BuildStatusSchema>;

/** Statuses clients keep polling on. */
export const IN_PROGRESS_BUILD_STATUSES = [
  'PENDING',
  'QUEUED',
  'WORKING',
] as const satisfies readonly BuildStatus[];

/** Statuses that end a build; clients stop polling on any of them. */
export const TERMINAL_BUILD_STATUSES = [
  'SUCCESS',
  'FAILURE',
  'INTERNAL_ERROR',
  'TIMEOUT',
  'CANCELLED',
  'EXPIRED',
] as const satisfies readonly BuildStatus[];

export type TerminalBuildStatus = (typeof TERMINAL_BUILD_STATUSES)[number];

const terminal: ReadonlySet<BuildStatus> = new Set(TERMINAL_BUILD_STATUSES);

/** True once a build can no longer change status. */
export function isTerminalBuildStatus(status: BuildStatus): status is TerminalBuildStatus {
  return terminal.has(status);
}

/**
 * A build status as another Runtime API implementation may report it: `RUNNING` is read as
 * `WORKING`, so code that follows foreign builds handles one in-progress spelling only.
 */
export const ObservedBuildStatusSchema = z.preprocess(
  (value) => (value === 'RUNNING' ? 'WORKING' : value),
  BuildStatusSchema,
);
export type ObservedBuildStatus = z.infer<typeof ObservedBuildStatusSchema>;
