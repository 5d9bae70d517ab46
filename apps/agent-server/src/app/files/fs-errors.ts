import { ApiException } from '@agentrt/platform';

const CLIENT_ERRORS: Readonly<Record<string, [number, string]>> = {
  ENOENT: [404, 'does not exist'],
  EACCES: [403, 'is not accessible to the server'],
  EPERM: [403, 'is not accessible to the server'],
  EISDIR: [400, 'is a directory'],
  ENOTDIR: [400, 'has a part that is not a directory'],
  ELOOP: [400, 'has too many levels of symbolic links'],
  ENAMETOOLONG: [400, 'is too long'],
  EEXIST: [409, 'was created by someone else meanwhile'],
};

/**
 * Names a filesystem failure caused by the requested path as a client error; anything else
 * (a full disk, an I/O error) stays a server error and is logged by the global filter.
 */
export function fileError(error: unknown, path: string): unknown {
  if (error instanceof ApiException) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = code ? CLIENT_ERRORS[code] : undefined;
  if (!known) return error;
  const [status, problem] = known;
  return new ApiException(status, `${path} ${problem}`);
}
