import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { E2E } from '../support/e2e-env';

/** What a user's shell sees of one `agentrt` invocation. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where `npx nx build cli` put the bundle (AGENTRT_DIST_DIR/cli/main.js). */
export const CLI_MAIN = join(E2E.distDir, 'cli', 'main.js');

/**
 * Runs the BUILT CLI as its own process with exactly `env` (plus PATH), as a script would, and
 * collects its output. Killed (and the test failed by the null code) after `timeoutMs`.
 */
export function agentrt(
  argv: readonly string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI_MAIN, ...argv], {
    cwd: options.cwd ?? E2E.workspaceRoot,
    env: { PATH: E2E.path, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const limit = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The one JSON document a `--json` command prints. */
export function jsonOf<T>(run: CliRun): T {
  return JSON.parse(run.stdout) as T;
}

/** Every JSON line a streaming `--json` command printed. */
export function jsonLinesOf<T>(run: CliRun): T[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
