import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isTarget, type Target, TARGET_SUMMARIES, TARGETS } from './targets';

/** The environment variables the command reads (main.ts passes them in). */
export interface CommandEnv {
  RUNTIME_API_URL?: string;
  RUNTIME_API_KEY?: string;
  BASE_IMAGE?: string;
  BUILDER_IMAGE?: string;
  AGENTRT_DIST_DIR?: string;
}

export interface UploadSettings {
  apiUrl: string;
  apiKey: string;
  /** The image repository to build into; default `<registry_prefix>/agent-server`. */
  targetImage?: string;
  buildArgs: Record<string, string>;
  timeoutMs: number;
}

export interface CommandOptions {
  target: Target;
  tag: string;
  outputDir: string;
  /** Absent with --no-upload or when RUNTIME_API_URL/RUNTIME_API_KEY are not set. */
  upload?: UploadSettings;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'run'; options: CommandOptions };

/** A mistake in how the command was called: exit code 2 and the message, no stack. */
export class UsageError extends Error {}

export const HELP = `Usage: scripts/build-agent-server-context [options]

Assembles a self-contained build context for the agent-server image,
agent-server-<sha7>-<tag>.tar.gz (<sha7> gets "-dirty" when the files that go into it have
uncommitted changes). With RUNTIME_API_URL and RUNTIME_API_KEY set it uploads the context to
that Runtime API, follows the build (progress on stderr) and prints the image on stdout;
otherwise it prints the archive's path.

Options:
  --target <target>        the image target (default binary):
${TARGETS.map((target) => `                             ${target.padEnd(15)} ${TARGET_SUMMARIES[target]}`).join('\n')}
  --tag <name>             names the archive and the image tag <sha7>-<name> (default: the target)
  --output <dir>           where the archive goes (default $AGENTRT_DIST_DIR/agent-server-context,
                           or dist/agent-server-context)
  --target-image <repo>    upload: the image to build (default <registry_prefix>/agent-server)
  --timeout <minutes>      upload: how long to follow the build (default 60)
  --no-upload              only assemble, even when RUNTIME_API_URL/RUNTIME_API_KEY are set
  --help                   this text

Environment:
  RUNTIME_API_URL, RUNTIME_API_KEY   the Runtime API to build on (both or neither)
  BASE_IMAGE, BUILDER_IMAGE          sent as build arguments when set
  AGENTRT_DIST_DIR                   the repo's build output folder (see --output)
`;

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,95}$/;

function uploadSettings(
  env: CommandEnv,
  values: { 'target-image'?: string; timeout: string },
): UploadSettings | undefined {
  const apiUrl = env.RUNTIME_API_URL?.trim() ?? '';
  const apiKey = env.RUNTIME_API_KEY ?? '';
  if (apiUrl === '' && apiKey === '') return undefined;
  if (apiUrl === '' || apiKey === '') {
    throw new UsageError(
      'set both RUNTIME_API_URL and RUNTIME_API_KEY to upload (or pass --no-upload to only assemble)',
    );
  }
  const minutes = Number(values.timeout);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new UsageError('--timeout takes minutes > 0');
  const buildArgs: Record<string, string> = {};
  if (env.BASE_IMAGE) buildArgs['BASE_IMAGE'] = env.BASE_IMAGE;
  if (env.BUILDER_IMAGE) buildArgs['BUILDER_IMAGE'] = env.BUILDER_IMAGE;
  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    apiKey,
    targetImage: values['target-image'],
    buildArgs,
    timeoutMs: minutes * 60_000,
  };
}

/** Reads the command line; `root` is the repo root, `cwd` resolves a relative --output. */
export function parseCommand(
  argv: string[],
  env: CommandEnv,
  root: string,
  cwd: string,
): ParsedCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string', default: 'binary' },
        tag: { type: 'string' },
        output: { type: 'string' },
        'target-image': { type: 'string' },
        timeout: { type: 'string', default: '60' },
        'no-upload': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  if (!isTarget(values.target)) {
    throw new UsageError(
      `--target must be one of ${TARGETS.join(', ')}, not ${JSON.stringify(values.target)}`,
    );
  }
  const tag = values.tag ?? values.target;
  if (!TAG.test(tag))
    throw new UsageError(
      `--tag must be an image tag ([A-Za-z0-9_.-], at most 96), not ${JSON.stringify(tag)}`,
    );
  const output =
    values.output ??
    (env.AGENTRT_DIST_DIR
      ? join(env.AGENTRT_DIST_DIR, 'agent-server-context')
      : join(root, 'dist/agent-server-context'));
  return {
    kind: 'run',
    options: {
      target: values.target,
      tag,
      outputDir: isAbsolute(output) ? output : resolve(cwd, output),
      upload: values['no-upload'] ? undefined : uploadSettings(env, values),
    },
  };
}
