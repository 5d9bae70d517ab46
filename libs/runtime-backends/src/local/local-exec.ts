import { spawn } from 'node:child_process';
import type { ExecResult } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { limitedArgv, spawnIds, type RuntimeLimits } from './runtime-limits';

/**
 * Runs argv in `cwd` as the runtime's user and under its memory cap, and collects its output; a
 * non-zero exit is a result, not an error.
 */
export function execIn(
  argv: readonly string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
  limits?: RuntimeLimits,
): Promise<ExecResult> {
  const name = argv[0];
  if (!name) return Promise.reject(new RuntimeBackendError('invalid_spec', 'exec: empty argv'));
  const [file = name, ...args] = limitedArgv(argv, limits);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env,
      ...spawnIds(limits),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (error) =>
      reject(new RuntimeBackendError('exec_failed', `exec ${name}: ${error.message}`)),
    );
    child.once('close', (code, signal) => {
      if (code === null) {
        reject(
          new RuntimeBackendError(
            'exec_failed',
            `exec ${name}: ended by ${signal ?? 'a signal'} (timeout ${timeoutMs} ms)`,
          ),
        );
        return;
      }
      resolve({
        exitCode: code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}
