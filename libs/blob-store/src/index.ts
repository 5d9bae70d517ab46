export * from './blob-store';
export * from './build-log-store';
export { isDigest, type Digest } from './digest';
export {
  BlobNotFoundError,
  BlobTooLargeError,
  BuildLogClosedError,
  InvalidBuildIdError,
  InvalidDigestError,
} from './errors';
export * from './file-blob-store';
export * from './file-build-log-store';
export * from './build-storage.module';
