import { stat } from 'node:fs/promises';
import { BUILD_CONTEXT_FIELD } from '@agentrt/contracts';
import type { BuildsClient } from './builds.client';
import { multipartBody } from './multipart-body';

export interface BuildUpload {
  /** A tar.gz with the Dockerfile (see `prepareBuildContext`). */
  archivePath: string;
  /** The image repository to build into, e.g. `localhost:5000/agentrt/my-agent`. */
  targetImage: string;
  tags: readonly string[];
  /** The Dockerfile stage to build. */
  target?: string;
  /** Build arguments; they end up in the image's history, so never secrets. */
  buildArgs?: Readonly<Record<string, string>>;
  /** The Dockerfile's path inside the context, when not `Dockerfile`. */
  dockerfile?: string;
  timeoutMs?: number;
}

export type UploadProgressListener = (sentBytes: number, totalBytes: number) => void;

/**
 * `POST /build` as multipart/form-data with the raw tar.gz in part `context` (builds.md),
 * streamed from the file so progress reflects what was actually sent and the archive is never
 * held in memory (nor grown by a third, as base64 JSON would). Resolves with the build id.
 */
export async function uploadBuild(
  client: BuildsClient,
  upload: BuildUpload,
  onUploadProgress: UploadProgressListener = () => undefined,
): Promise<string> {
  const fields: [string, string][] = [['target_image', upload.targetImage]];
  for (const tag of upload.tags) fields.push(['tags', tag]);
  if (upload.target !== undefined) fields.push(['target', upload.target]);
  if (upload.dockerfile !== undefined) fields.push(['dockerfile', upload.dockerfile]);
  if (upload.buildArgs && Object.keys(upload.buildArgs).length > 0) {
    fields.push(['build_args', JSON.stringify(upload.buildArgs)]);
  }
  const body = multipartBody(
    fields,
    {
      field: BUILD_CONTEXT_FIELD,
      filename: 'context.tar.gz',
      contentType: 'application/gzip',
      path: upload.archivePath,
      bytes: (await stat(upload.archivePath)).size,
    },
    onUploadProgress,
  );
  return client.submitBuild(body, upload.timeoutMs);
}
