import { join, resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { blobPath } from './digest';
import { FileBlobStore } from './file-blob-store';
import { FileBuildLogStore } from './file-build-log-store';

/** Injection tokens: the interfaces, so apps never depend on the file implementations. */
export const BLOB_STORE = Symbol('BLOB_STORE');
export const BUILD_LOG_STORE = Symbol('BUILD_LOG_STORE');

export interface BuildStorageOptions {
  /** Directory shared by runtime-api and build-service: `blobs/` and `logs/` live under it. */
  dataDir: string;
}

/**
 * Where a stored context is, relative to the data dir: what a build Job that mounts the data
 * dir's volume opens. Throws InvalidDigestError for anything but a sha256 digest.
 */
export function contextPathInDataDir(digest: string): string {
  return blobPath('blobs', digest);
}

/** Build contexts and build logs on a (shared) filesystem, for the front door and the worker. */
@Module({})
export class BuildStorageModule {
  static forRoot(options: BuildStorageOptions): DynamicModule {
    const root = resolve(options.dataDir);
    return {
      module: BuildStorageModule,
      global: true,
      providers: [
        { provide: BLOB_STORE, useValue: new FileBlobStore({ root: join(root, 'blobs') }) },
        { provide: BUILD_LOG_STORE, useValue: new FileBuildLogStore({ root: join(root, 'logs') }) },
      ],
      exports: [BLOB_STORE, BUILD_LOG_STORE],
    };
  }
}
