import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repo root, as the command sees it. */
export const REPO_ROOT = resolve(__dirname, '../../../..');
export const COMMAND = resolve(REPO_ROOT, 'scripts/build-agent-server-context');

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// eslint-disable-next-line no-restricted-properties -- children need PATH (node, git, docker) and HOME
const { PATH = '/usr/bin:/bin', HOME = '/root' } = process.env;

/**
 * Runs scripts/build-agent-server-context as a user would, with only `env` (plus PATH and
 * HOME) in its environment, and collects what it prints. Bounded by `timeoutMs`.
 */
export function runBuildCommand(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<CommandRun> {
  return new Promise((done, fail) => {
    const child = spawn(COMMAND, args, {
      env: { PATH, HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
