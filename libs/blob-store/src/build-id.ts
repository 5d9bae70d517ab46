import { InvalidBuildIdError } from './errors';

// No dots or slashes: a build id becomes a file name, so it must not be able to climb out.
const BUILD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Returns the id unchanged when valid, else throws InvalidBuildIdError. */
export function checkBuildId(buildId: string): string {
  if (!BUILD_ID_PATTERN.test(buildId)) throw new InvalidBuildIdError(buildId);
  return buildId;
}
