import {
  BuildProgress,
  BuildsClient,
  type FollowOptions,
  followBuild,
  RuntimeApiClient,
  type TextSink,
  uploadBuild,
  UploadProgress,
} from '@agentrt/client';
import type { AssembledContext } from '../assemble';
import type { UploadSettings } from '../options';
import type { Target } from '../targets';

/** The image repository builds go to when --target-image is not given. */
export const IMAGE_NAME = 'agent-server';
export const PROGRESS_PREFIX = '[agent-server-build]';

export type UploadResult = { ok: true; image: string } | { ok: false; message: string };

async function targetImageOf(settings: UploadSettings): Promise<string> {
  if (settings.targetImage) return settings.targetImage;
  const api = new RuntimeApiClient({ baseUrl: settings.apiUrl, apiKey: settings.apiKey });
  const prefix = (await api.registryPrefix()).replace(/\/+$/, '');
  return prefix ? `${prefix}/${IMAGE_NAME}` : IMAGE_NAME;
}

/**
 * Uploads an assembled context to the Runtime API (`POST /build`, multipart with the raw
 * tar.gz, the target stage and build arguments; see @agentrt/client's builds), follows the
 * build on `stderr` and says how it ended. API and network errors reject; a build that ends
 * badly resolves with its error.
 */
export async function uploadAndFollow(
  context: AssembledContext,
  target: Target,
  settings: UploadSettings,
  stderr: TextSink,
  follow: Partial<FollowOptions> = {},
): Promise<UploadResult> {
  const client = new BuildsClient({ baseUrl: settings.apiUrl, apiKey: settings.apiKey });
  const targetImage = await targetImageOf(settings);
  stderr.write(
    `${PROGRESS_PREFIX} uploading ${context.fileName} to ${settings.apiUrl} for ${targetImage}:${context.imageTag} (target ${target}) ...\n`,
  );
  const upload = new UploadProgress(stderr, PROGRESS_PREFIX);
  const buildId = await uploadBuild(
    client,
    {
      archivePath: context.path,
      targetImage,
      tags: [context.imageTag],
      target,
      buildArgs: settings.buildArgs,
    },
    upload.update,
  );
  upload.finish(`build ${buildId} submitted; following it`);
  const progress = new BuildProgress(stderr, { prefix: PROGRESS_PREFIX });
  let build;
  try {
    build = await followBuild(client, buildId, progress.handlers, {
      timeoutMs: settings.timeoutMs,
      ...follow,
    });
  } catch (error) {
    progress.finish(`stopped following build ${buildId}`);
    throw error;
  }
  if (build.status === 'SUCCESS' && build.image) {
    progress.finish(`SUCCESS ${build.image}`);
    return { ok: true, image: build.image };
  }
  const reason =
    build.status === 'SUCCESS'
      ? 'the Runtime API named no image'
      : (build.error ?? 'the Runtime API gave no reason');
  const message = `build ${buildId} ended ${build.status}: ${reason}`;
  progress.finish(message);
  return { ok: false, message };
}
