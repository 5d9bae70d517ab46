import {
  BuildProgress,
  type BuildsClient,
  DEFAULT_FOLLOW,
  InvalidBuildContextError,
  type ObservedBuild,
  UploadProgress,
  followBuild,
  prepareBuildContext,
  uploadBuild,
} from '@agentrt/client';
import type { Command, CommandContext } from '../command';
import { CliError, ExitCode } from '../exit-codes';
import {
  booleanFlag,
  keyValueFlag,
  requiredString,
  secondsFlag,
  stringFlag,
  stringsFlag,
} from '../flags';
import { followOutcome } from './build-outcome';
import { buildsClient, runtimeClient } from './clients';

/** `agentrt build <dir|archive>`: pack, upload with a progress bar, follow to the end. */
export const buildRun: Command = {
  name: 'build',
  summary: 'upload a build context and follow the build; prints the image on success',
  args: '<dir|archive.tar.gz>',
  positionals: [1, 1],
  options: {
    image: {
      type: 'string',
      value: 'NAME',
      help: "the image: a full repository, or a name put under the Runtime API's registry prefix (required)",
    },
    tag: { type: 'string', multiple: true, value: 'T', help: 'a tag to push' },
    target: { type: 'string', value: 'STAGE', help: 'the Dockerfile stage to build' },
    'build-arg': {
      type: 'string',
      multiple: true,
      value: 'K=V',
      help: 'a build argument (never a secret)',
    },
    dockerfile: { type: 'string', value: 'PATH', help: 'the Dockerfile inside the context' },
    timeout: { type: 'string', value: 'SEC', help: 'how long to follow the build (default 3600)' },
    'no-follow': { type: 'boolean', help: 'print the build id once uploaded, without following' },
  },
  details: [
    'Exit 0 when the build succeeds, 1 when it ends in FAILURE, TIMEOUT, CANCELLED or another',
    'terminal status. Ctrl-C stops following; the build goes on (`agentrt build cancel <id>`).',
  ].join('\n'),
  async run(context) {
    const { flags } = context;
    const image = requiredString(flags, 'image');
    const timeoutMs = secondsFlag(flags, 'timeout', DEFAULT_FOLLOW.timeoutMs);
    const builds = buildsClient(context);
    const buildId = await upload(context, builds, image);
    if (booleanFlag(flags, 'no-follow')) {
      context.out.result({ build_id: buildId }, buildId);
      return ExitCode.Ok;
    }
    return follow(context, builds, buildId, timeoutMs);
  },
};

/** Packs (or checks) the context and uploads it, the bar on stderr; the archive is removed. */
async function upload(context: CommandContext, builds: BuildsClient, image: string) {
  const { flags, positionals, io } = context;
  const buildArgs = keyValueFlag(flags, 'build-arg');
  const dockerfile = stringFlag(flags, 'dockerfile');
  const target = stringFlag(flags, 'target');
  const archive = await prepared(positionals[0] ?? '', dockerfile);
  try {
    const progress = new UploadProgress(io.stderr);
    const buildId = await uploadBuild(
      builds,
      {
        archivePath: archive.path,
        targetImage: await targetImage(context, image),
        tags: stringsFlag(flags, 'tag'),
        ...(target === undefined ? {} : { target }),
        ...(dockerfile === undefined ? {} : { dockerfile }),
        buildArgs,
      },
      progress.update,
    );
    progress.finish(`uploaded ${archive.bytes} bytes: build ${buildId}`);
    return buildId;
  } finally {
    await archive.remove();
  }
}

/** Follows to a terminal status; Ctrl-C stops following (exit 130) and says how to cancel. */
async function follow(
  context: CommandContext,
  builds: BuildsClient,
  buildId: string,
  timeoutMs: number,
): Promise<ExitCode> {
  const progress = new BuildProgress(context.io.stderr);
  let build: ObservedBuild;
  try {
    build = await followBuild(builds, buildId, progress.handlers, {
      timeoutMs,
      signal: context.io.interrupt,
    });
  } catch (error) {
    progress.finish('stopped following');
    if (!context.io.interrupt.aborted) throw error;
    throw new CliError(
      `stopped following build ${buildId}; it goes on: \`agentrt build cancel ${buildId}\` cancels it`,
      ExitCode.Interrupted,
    );
  }
  return followOutcome(context.out, progress, { ...build, build_id: build.build_id ?? buildId });
}

/** A directory packed (or an archive checked) for upload; a bad context is the caller's error. */
async function prepared(source: string, dockerfile: string | undefined) {
  try {
    return await prepareBuildContext(source, dockerfile === undefined ? {} : { dockerfile });
  } catch (error) {
    if (error instanceof InvalidBuildContextError) {
      throw new CliError(error.message, ExitCode.Usage);
    }
    throw error;
  }
}

/** `NAME` without a `/` goes under the Runtime API's registry prefix, where runtimes pull from. */
async function targetImage(context: CommandContext, image: string): Promise<string> {
  if (image.includes('/')) return image;
  const prefix = await runtimeClient(context).registryPrefix();
  return `${prefix.replace(/\/+$/, '')}/${image}`;
}
