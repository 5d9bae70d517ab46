import type { Container } from 'dockerode';
import type { Duplex } from 'node:stream';
import type { ExecResult } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { demuxDockerStream } from './log-demux';

/** An exec that did not end in time; its processes are still running when this is thrown. */
export class ExecTimedOut extends Error {}

/** Runs argv in the container (like `docker exec`, with `env` added) and collects its output. */
export async function runExec(
  container: Container,
  argv: readonly string[],
  env: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const exec = await container.exec({
    Cmd: [...argv],
    Env: [...env],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const output = await collect(stream, timeoutMs, argv);
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, ...demuxDockerStream(output) };
}

/** Reads the stream to its end; on timeout the stream is destroyed and ExecTimedOut thrown. */
function collect(stream: Duplex, timeoutMs: number, argv: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new ExecTimedOut(`exec ${argv.join(' ')} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new RuntimeBackendError('exec_failed', `exec ${argv.join(' ')} failed: ${error.message}`),
      );
    });
  });
}
