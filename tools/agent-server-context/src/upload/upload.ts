import { readFile } from 'node:fs/promises';
import type { AssembledContext } from '../assemble';
import type { UploadSettings } from '../options';
import type { Target } from '../targets';
import { DEFAULT_FOLLOW, type FollowOptions, followBuild } from './follow-build';
import { BuildProgress, PROGRESS_PREFIX, type TextSink } from './progress';
import { type BuildRequest, RuntimeApiClient } from './runtime-api-client';

/** The image repository builds go to when --target-image is not given. */
export const IMAGE_NAME = 'agent-server';

export type UploadResult = { ok: true; image: string } | { ok: false; message: string };

async function targetImageOf(client: RuntimeApiClient, settings: UploadSettings): Promise<string> {
  if (settings.targetImage) return settings.targetImage;
  const prefix = (await client.registryPrefix()).replace(/\/+$/, '');
  return prefix ? `${prefix}/${IMAGE_NAME}` : IMAGE_NAME;
}

/** The JSON `POST /build` body: the OpenHands fields plus the stage and build arguments. */
async function buildRequest(
  context: AssembledContext,
  target: Target,
  targetImage: string,
  buildArgs: Record<string, string>,
): Promise<BuildRequest> {
  return {
    context: (await readFile(context.path)).toString('base64'),
    target_image: targetImage,
    tags: [context.imageTag],
    target,
    ...(Object.keys(buildArgs).length > 0 ? { build_args: buildArgs } : {}),
  };
}

/**
 * Uploads an assembled context to the Runtime API (`POST /build`, JSON with the base64 context,
 * the target stage and build arguments), follows the build on `progress` and says how it
 * ended. API and network errors reject; a build that ends badly resolves with its error.
 */
export async function uploadAndFollow(
  context: AssembledContext,
  target: Target,
  settings: UploadSettings,
  stderr: TextSink,
  follow: Partial<FollowOptions> = {},
): Promise<UploadResult> {
  const client = new RuntimeApiClient(settings.apiUrl, settings.apiKey);
  const targetImage = await targetImageOf(client, settings);
  const request = await buildRequest(context, target, targetImage, settings.buildArgs);
  const say = (line: string) => stderr.write(`${PROGRESS_PREFIX} ${line}\n`);
  say(
    `uploading ${context.fileName} to ${settings.apiUrl} for ${targetImage}:${context.imageTag} (target ${target}) ...`,
  );
  const buildId = await client.submitBuild(request);
  say(`build ${buildId} submitted; following it`);
  const progress = new BuildProgress(stderr);
  let build;
  try {
    build = await followBuild(client, buildId, progress, {
      ...DEFAULT_FOLLOW,
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
