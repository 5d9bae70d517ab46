/** Why a build context was refused; each maps to a 4xx at the front door. */
export type BuildContextFailure =
  | 'not_gzip'
  | 'bad_tar'
  | 'no_dockerfile'
  | 'path_escape'
  | 'absolute_path'
  | 'link_escape'
  | 'device_file'
  | 'too_large'
  | 'too_many_entries'
  | 'bomb';

/** A refused build context. `message` names the offending entry when there is one. */
export class BuildContextError extends Error {
  override readonly name = 'BuildContextError';

  constructor(
    readonly reason: BuildContextFailure,
    message: string,
    /** The tar entry at fault, as written in the archive. */
    readonly entry?: string,
  ) {
    super(message);
  }
}
