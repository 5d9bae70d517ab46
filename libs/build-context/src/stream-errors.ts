import { BuildContextError } from './build-context-error';

/**
 * Turn whatever stopped the pipeline into the one error the caller sees. A rule's own
 * BuildContextError wins over the stream errors it causes (premature close and the like),
 * then a zlib error, then the tar parser's.
 */
export function toBuildContextError(pipelineError: unknown, walkError: unknown): BuildContextError {
  const errors = [pipelineError, walkError].filter((error) => error !== undefined);
  const own = errors.find((error) => error instanceof BuildContextError);
  if (own instanceof BuildContextError) return own;
  const zlib = errors.find((error) => zlibCode(error) !== undefined);
  if (zlib !== undefined) {
    return zlibCode(zlib) === 'Z_BUF_ERROR'
      ? new BuildContextError('bad_tar', `compressed stream is truncated (${messageOf(zlib)})`)
      : new BuildContextError('not_gzip', `not a gzip stream (${messageOf(zlib)})`);
  }
  return new BuildContextError(
    'bad_tar',
    `not a well-formed tar archive (${messageOf(errors[0])})`,
  );
}

function zlibCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_') ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
