import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { CliAgentCommand } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';

/** What runs a command line: `bash -c`, not `-lc`, as a login shell's /etc/profile resets PATH. */
const SHELL = '/bin/bash';
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * The argv a CLI agent's session execs: an argv as given (no shell sees it), a command line as the
 * one argument of `bash -c` (never interpolated into another command).
 */
export function cliAgentArgv(command: CliAgentCommand): string[] {
  return typeof command === 'string' ? [SHELL, '-c', command] : [...command];
}

/**
 * Refuses (400) a program that cannot run, found the way the session's shell would look it up,
 * so a typo is an error for the caller rather than a session that dies at once.
 */
export async function assertRunnable(
  program: string,
  cwd: string,
  env: Readonly<Record<string, string>>,
): Promise<void> {
  const candidates = program.includes('/')
    ? [resolve(cwd, program)]
    : (env['PATH'] ?? DEFAULT_PATH)
        .split(delimiter)
        .filter((dir) => isAbsolute(dir))
        .map((dir) => join(dir, program));
  for (const candidate of candidates) {
    if (await isExecutableFile(candidate)) return;
  }
  const where = program.includes('/') ? '' : ' on PATH';
  throw new ApiException(400, `Program "${program}" was not found${where} or is not executable`);
}

async function isExecutableFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
