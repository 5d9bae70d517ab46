import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import { RuntimeBackendError } from '../runtime-backend-error';
import type { ExecResult } from '../runtime-backend';
import { CONTAINER_NAME } from './names';

/** Collects a stream's output as text. */
class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

/** The exit code in the V1Status the exec websocket ends with (0 for Success). */
export function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : 1;
}

/**
 * Runs argv in the runtime container over the exec websocket and waits for its status.
 * NOT TESTED: the fake API server does not speak the exec websocket protocol.
 */
export function execInPod(
  config: KubeConfig,
  target: { namespace: string; pod: string },
  argv: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  return new Promise<ExecResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new RuntimeBackendError('exec_failed', `exec timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (status: V1Status): void => {
      clearTimeout(timer);
      resolve({ exitCode: exitCodeOf(status), stdout: stdout.text, stderr: stderr.text });
    };
    new Exec(config)
      .exec(
        target.namespace,
        target.pod,
        CONTAINER_NAME,
        [...argv],
        stdout,
        stderr,
        null,
        false,
        finish,
      )
      .then((socket) => setTimeout(() => socket.close(), timeoutMs).unref())
      .catch((error: unknown) => {
        clearTimeout(timer);
        const message = error instanceof Error ? error.message : String(error);
        reject(new RuntimeBackendError('exec_failed', `exec failed: ${message}`));
      });
  });
}
