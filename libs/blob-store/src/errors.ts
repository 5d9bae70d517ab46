/** A digest that is not `sha256:` followed by 64 lowercase hex digits (refused before any path is built). */
export class InvalidDigestError extends Error {
  constructor(readonly digest: string) {
    super(
      `invalid digest ${JSON.stringify(digest.slice(0, 100))}: expected sha256:<64 lowercase hex>`,
    );
    this.name = 'InvalidDigestError';
  }
}

/** No blob is stored under this digest. */
export class BlobNotFoundError extends Error {
  constructor(readonly digest: string) {
    super(`blob ${digest} not found`);
    this.name = 'BlobNotFoundError';
  }
}

/** The content passed to `put` grew past its `maxBytes`; nothing was stored. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds the limit of ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** A build id that could name a path outside the log root (or is otherwise malformed). */
export class InvalidBuildIdError extends Error {
  constructor(readonly buildId: string) {
    super(
      `invalid build id ${JSON.stringify(buildId.slice(0, 100))}: expected 1-128 of [A-Za-z0-9_-], starting with a letter or digit`,
    );
    this.name = 'InvalidBuildIdError';
  }
}

/**
 * Node's system errors carry a `code` such as ENOENT. Checked structurally, not with instanceof:
 * errors raised by Node's internals can come from another realm (Jest's sandbox, for one).
 */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** The build's log was closed; nothing more may be appended. */
export class BuildLogClosedError extends Error {
  constructor(readonly buildId: string) {
    super(`log of build ${buildId} is closed`);
    this.name = 'BuildLogClosedError';
  }
}
