import { relative } from 'node:path';
import { assembleContext } from './assemble';
import { type CommandEnv, HELP, parseCommand, UsageError } from './options';
import { redactingSink } from './redact';
import type { TextSink } from '@agentrt/client';
import { uploadAndFollow } from './upload/upload';

export interface CommandIo {
  /** Only the result goes here: the image when uploading, else the archive's path. */
  stdout: TextSink;
  /** Progress and errors. */
  stderr: TextSink;
  cwd: string;
  /** The repo root. */
  root: string;
}

const PREFIX = '[agent-server-context]';

/** For messages: the path relative to where the user is, when that is shorter. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The whole command: assemble the context, then upload and follow the build when a Runtime API
 * is configured. Resolves with the exit code: 0 done, 1 failed, 2 called wrongly.
 */
export async function runCommand(argv: string[], env: CommandEnv, io: CommandIo): Promise<number> {
  const stderr = redactingSink(io.stderr, env.RUNTIME_API_KEY);
  const log = (line: string) => stderr.write(`${PREFIX} ${line}\n`);
  let parsed;
  try {
    parsed = parseCommand(argv, env, io.root, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`${PREFIX} ${error.message} (see --help)\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  const { options } = parsed;
  try {
    const context = await assembleContext({
      root: io.root,
      target: options.target,
      tag: options.tag,
      outputDir: options.outputDir,
      log,
    });
    log(
      `wrote ${displayPath(io.cwd, context.path)} (${(context.bytes / 1024 / 1024).toFixed(1)} MiB)`,
    );
    if (!options.upload) {
      io.stdout.write(`${context.path}\n`);
      return 0;
    }
    const result = await uploadAndFollow(context, options.target, options.upload, stderr);
    if (!result.ok) return 1;
    io.stdout.write(`${result.image}\n`);
    return 0;
  } catch (error) {
    log(`ERROR: ${messageOf(error)}`);
    return 1;
  }
}
