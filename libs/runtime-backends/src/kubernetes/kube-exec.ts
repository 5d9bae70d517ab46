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

/**
 * The command's exit code from the Status the exec stream ends with: 0 for Success, the
 * ExitCode cause of a Failure; undefined when the exec itself failed (no such binary, no
 * container), which has no exit code.
 */
export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return cause && Number.isInteger(code) ? code : undefined;
}

/**
 * Runs argv in the runtime container over the exec WebSocket (channel.k8s.io protocol) and waits
 * for its Status. Fails with `exec_failed` on a timeout (closing the socket), on a connection
 * that ends without a Status, or when the exec itself failed.
 */
export function execInPod(
  config: KubeConfig,
  target: { namespace: string; pod: string },
  argv: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const command = argv.join(' ');
  return new Promise<ExecResult>((resolve, reject) => {
    let socket: { close(): void } | undefined;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.close();
      outcome();
    };
    const fail = (why: string) => () => reject(new RuntimeBackendError('exec_failed', why));
    const timer = setTimeout(
      settle,
      timeoutMs,
      fail(`exec ${command} timed out after ${timeoutMs} ms`),
    );
    const onStatus = (status: V1Status): void => {
      const exitCode = exitCodeOf(status);
      if (exitCode === undefined) return settle(fail(`exec ${command} failed: ${status.message}`));
      settle(() => resolve({ exitCode, stdout: stdout.text, stderr: stderr.text }));
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
        onStatus,
      )
      .then((ws) => {
        socket = ws;
        if (settled) ws.close();
        ws.on('close', () => settle(fail(`exec ${command}: connection closed without a status`)));
      })
      .catch((error: unknown) => settle(() => reject(connectError(command, error))));
  });
}

/** The upgrade was refused; a 404 (ws reports the status only in its message) means no pod. */
function connectError(command: string, error: unknown): RuntimeBackendError {
  const message =
    typeof error === 'object' && error !== null && 'message' in error
      ? String(error.message)
      : String(error);
  const reason = / 404$/.test(message) ? 'not_found' : 'exec_failed';
  return new RuntimeBackendError(reason, `exec ${command} failed: ${message}`);
}
