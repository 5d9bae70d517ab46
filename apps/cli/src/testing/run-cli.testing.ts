import type { CliIo, Sink } from '../cli-io';
import { runCli } from '../cli';

/** What a user would see of one `agentrt` invocation. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Buffer implements Sink {
  text = '';

  constructor(readonly isTTY = false) {}

  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

/** Runs the CLI in-process with captured streams, as a user's shell would run it. */
export async function runAgentrt(
  argv: readonly string[],
  env: Record<string, string> = {},
  options: { interrupt?: AbortSignal; tty?: boolean } = {},
): Promise<CliResult> {
  const stdout = new Buffer(options.tty);
  const stderr = new Buffer(options.tty);
  const io: CliIo = {
    stdout,
    stderr,
    interrupt: options.interrupt ?? new AbortController().signal,
  };
  const code = await runCli(argv, env, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
