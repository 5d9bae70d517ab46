import { execFile } from 'node:child_process';
import { COMPOSE_E2E } from './e2e-env';

/** What one run of docker or docker-compose printed. */
export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with the tool environment; killed after `timeoutMs`. Never rejects. */
export function runTool(
  file: string,
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { env: COMPOSE_E2E.toolEnv, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        const killed = error?.killed ? `\n(killed after ${timeoutMs} ms)` : '';
        resolve({ code, stdout, stderr: stderr + killed });
      },
    );
  });
}

/** Like runTool, but a failure throws with the command and what it printed. */
export async function runToolOk(
  file: string,
  args: readonly string[],
  timeoutMs?: number,
): Promise<string> {
  const run = await runTool(file, args, timeoutMs);
  if (run.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${run.code}:\n${run.stderr || run.stdout}`);
  }
  return run.stdout;
}
